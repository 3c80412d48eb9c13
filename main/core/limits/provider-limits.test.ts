// Tests for the provider-limits candidate filter: spend windows and concurrent sessions of the provider itself.
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../clock';
import type { JsonLimits } from '../db/schema';
import type { ProviderRuntime } from '../routing/registry';
import type { SelectionInput } from '../routing/select';
import { SessionTable } from './concurrency';
import { providerLimitsFilter } from './provider-limits';
import { SpendWindows } from './spend-windows';
import { providerSubject } from './subjects';

const provider = (limits: JsonLimits) => ({ id: 'p1', limits }) as ProviderRuntime;
const base = { format: 'anthropic' as const, model: 'm', exclude: new Set<string>() };

describe('providerLimitsFilter', () => {
  it('skips a provider at or over a spend window, naming it', () => {
    const clock = new ManualClock(Date.UTC(2026, 0, 5, 12));
    const spend = new SpendWindows('UTC');
    const filter = providerLimitsFilter(spend, new SessionTable(), clock);
    spend.charge([providerSubject('p1')], 20, clock.now() - 1000);
    expect(filter(provider({ dailyUsd: 25 }), base)).toBeNull();
    expect(filter(provider({ dailyUsd: 20 }), base)).toBe(
      'over its daily spend limit ($20 of $20) until 2026-01-06T00:00:00.000Z',
    );
    expect(filter(provider({ totalUsd: 10 }), base)).toBe(
      'over its total spend limit ($20 of $10) until an admin resets it',
    );
    expect(filter(provider({}), base)).toBeNull();
  });

  it('skips a provider at its session limit unless this session is already on it', () => {
    const clock = new ManualClock();
    const sessions = new SessionTable();
    const filter = providerLimitsFilter(new SpendWindows('UTC'), sessions, clock);
    const limited = provider({ concurrentSessions: 1 });
    const a = sessions.begin('a', { userId: 'u', keyId: 'k' }, clock.now());
    const b = sessions.begin('b', { userId: 'u', keyId: 'k' }, clock.now());
    const inputFor = (session: typeof a): SelectionInput => ({
      ...base,
      caller: { groups: ['default'], session },
    });
    expect(filter(limited, inputFor(a))).toBeNull();
    sessions.attach(a, 'p1');
    expect(filter(limited, inputFor(a))).toBeNull();
    expect(filter(limited, inputFor(b))).toBe('at its limit of 1 concurrent sessions (1 live)');
    expect(filter(limited, base)).toBe('at its limit of 1 concurrent sessions (1 live)');
  });
});
