// Tests for sticky routing: binding after success, sliding TTL, reuse only while a candidate, failover rebinding.
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../clock';
import type { ProviderRuntime } from '../model/entities';
import { DecisionChain } from '../routing/decision-chain';
import { SESSION_TTL_MS, SessionTable } from './session-table';
import { rememberSuccess, stickyProvider } from './sticky';

const p1 = { id: 'p1', name: 'one', sticky: true } as ProviderRuntime;
const p2 = { id: 'p2', name: 'two', sticky: true } as ProviderRuntime;
const owner = { userId: 'u1', keyId: 'k1' };

describe('sticky sessions', () => {
  it('binds after a success and reuses the provider while it is a candidate', () => {
    const clock = new ManualClock();
    const table = new SessionTable();
    const s = table.begin('sess', owner, clock.now());
    expect(stickyProvider(s, [p1, p2])).toBeUndefined();
    rememberSuccess(table, s, p2, clock.now());
    table.end(s, clock.now());

    const chain = new DecisionChain(clock.now(), () => clock.now());
    const again = table.begin('sess', owner, clock.now());
    expect(stickyProvider(again, [p1, p2], chain)).toBe(p2);
    expect(chain.steps).toEqual([
      { at: 0, kind: 'session', providerId: 'p2', providerName: 'two', reason: "reusing the session's provider" },
    ]);
    // not a candidate now (open circuit, over a limit…): choose again, binding kept
    expect(stickyProvider(again, [p1], chain)).toBeUndefined();
    expect(chain.steps.at(-1)?.reason).toBe("the session's provider is not a candidate now; choosing again");
    expect(again.boundProviderId).toBe('p2');
  });

  it('the binding slides: 300 s after the last request, not the first', () => {
    const clock = new ManualClock();
    const table = new SessionTable();
    const s = table.begin('sess', owner, clock.now());
    rememberSuccess(table, s, p1, clock.now());
    table.end(s, clock.now());
    for (let i = 0; i < 5; i++) {
      clock.advance(SESSION_TTL_MS - 1000);
      const again = table.begin('sess', owner, clock.now());
      expect(again.boundProviderId).toBe('p1');
      table.end(again, clock.now());
    }
    clock.advance(SESSION_TTL_MS - 1);
    expect(table.get('k1', 'sess', clock.now())?.boundProviderId).toBe('p1');
    clock.advance(1);
    expect(table.get('k1', 'sess', clock.now())).toBeUndefined();
    expect(table.begin('sess', owner, clock.now()).boundProviderId).toBeNull();
  });

  it('a failover success rebinds; a TTL is configurable', () => {
    const clock = new ManualClock();
    const table = new SessionTable({ ttlMs: 10_000 });
    const s = table.begin('sess', owner, clock.now());
    rememberSuccess(table, s, p1, clock.now());
    table.attach(s, 'p1');
    rememberSuccess(table, s, p2, clock.now()); // p1 failed, p2 answered
    expect(s.boundProviderId).toBe('p2');
    expect(s.providerId).toBe('p2');
    table.end(s, clock.now());
    clock.advance(10_000);
    expect(table.get('k1', 'sess', clock.now())).toBeUndefined();
  });

  it('a provider that opted out of stickiness is neither bound nor reused', () => {
    const clock = new ManualClock();
    const table = new SessionTable();
    const loose = { id: 'p3', name: 'three', sticky: false } as ProviderRuntime;
    const s = table.begin('sess', owner, clock.now());
    rememberSuccess(table, s, p1, clock.now());
    rememberSuccess(table, s, loose, clock.now());
    expect(s.boundProviderId).toBeNull();
    table.bind(s, 'p3', clock.now());
    expect(stickyProvider(s, [loose])).toBeUndefined();
  });

  it('sessions of different keys never share a binding', () => {
    const clock = new ManualClock();
    const table = new SessionTable();
    const mine = table.begin('sess', owner, clock.now());
    rememberSuccess(table, mine, p1, clock.now());
    const theirs = table.begin('sess', { userId: 'u2', keyId: 'k2' }, clock.now());
    expect(theirs.boundProviderId).toBeNull();
  });
});
