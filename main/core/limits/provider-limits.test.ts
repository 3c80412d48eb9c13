// Tests for the provider-limits candidate filter: spend windows and concurrent sessions of the provider itself.
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../clock';
import type { JsonLimits } from '../db/schema';
import type { ProviderRuntime } from '../model/entities';
import type { SelectionInput } from '../routing/select';
import { SessionTable } from '../sessions/session-table';
import { providerSubject } from '../subjects';
import { providerLimitsFilter } from './provider-limits';
import { SpendReservations } from './spend-reservations';
import { SpendWindows } from './spend-windows';

const provider = (limits: JsonLimits) => ({ id: 'p1', limits }) as ProviderRuntime;
const base: SelectionInput = { format: 'anthropic', model: 'm', exclude: new Set<string>() };

describe('providerLimitsFilter', () => {
  it('skips a provider at or over a spend window, naming it', () => {
    const clock = new ManualClock(Date.UTC(2026, 0, 5, 12));
    const spend = new SpendWindows('UTC');
    const filter = providerLimitsFilter(spend, new SessionTable(), new SpendReservations(), clock);
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
    const filter = providerLimitsFilter(new SpendWindows('UTC'), sessions, new SpendReservations(), clock);
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

  it("skips a provider whose spend window is taken up by requests in flight, by this request's estimate for it", () => {
    const clock = new ManualClock(Date.UTC(2026, 0, 5, 12));
    const spend = new SpendWindows('UTC');
    const reservations = new SpendReservations();
    const filter = providerLimitsFilter(spend, new SessionTable(), reservations, clock);
    const limited = provider({ dailyUsd: 1 });
    spend.charge([providerSubject('p1')], 0.5, clock.now() - 1000);
    const asking = (usd: number): SelectionInput => ({
      ...base,
      caller: { groups: ['default'], spend: { forProvider: () => usd * 1e9 } },
    });
    // nothing in flight: admitted while under the limit, whatever the estimate
    expect(filter(limited, asking(0.75))).toBeNull();
    const other = reservations.take('k2', 'u2', 0);
    other.retarget('p1', 0.25e9);
    expect(filter(limited, asking(0.25))).toBeNull(); // 0.5 + 0.25 + 0.25 = 1, within
    expect(filter(limited, asking(0.26))).toBe(
      'its daily spend limit is taken up by requests in flight ($0.5 used and $0.25 reserved of $1)',
    );
    other.release();
    expect(filter(limited, asking(0.75))).toBeNull();
  });
});
