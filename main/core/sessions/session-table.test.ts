// Tests for the session table: distinct sessions per user/key/provider, TTL after the last request, in-flight, bindings.
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../clock';
import { keySubject, providerSubject, userSubject } from '../subjects';
import { SESSION_TTL_MS, SessionTable } from './session-table';

const owner = { userId: 'u1', keyId: 'k1' };
const U = userSubject('u1');
const K = keySubject('k1');

describe('SessionTable concurrency', () => {
  it('the same session twice counts once; parallel sessions count separately', () => {
    const clock = new ManualClock();
    const t = new SessionTable();
    const a1 = t.begin('a', owner, clock.now());
    const a2 = t.begin('a', owner, clock.now());
    expect(a2).toBe(a1);
    expect(a1.inFlight).toBe(2);
    t.begin('b', owner, clock.now());
    t.begin('c', { userId: 'u1', keyId: 'k2' }, clock.now());
    expect(t.count(U, clock.now())).toBe(3);
    expect(t.count(K, clock.now())).toBe(2);
    expect(t.count(keySubject('k2'), clock.now())).toBe(1);
  });

  it('a session lives 300 s after its last request, however long ago it started', () => {
    const clock = new ManualClock();
    const t = new SessionTable();
    const s = t.begin('a', owner, clock.now());
    clock.advance(10_000);
    t.end(s, clock.now()); // last activity at +10 s
    clock.advance(200_000);
    t.end(t.begin('a', owner, clock.now()), clock.now()); // another request at +210 s
    clock.advance(SESSION_TTL_MS - 1);
    expect(t.count(U, clock.now())).toBe(1);
    clock.advance(1);
    expect(t.count(U, clock.now())).toBe(0);
    expect(t.get('k1', 'a', clock.now())).toBeUndefined();
  });

  it('a request in flight keeps its session alive past the TTL', () => {
    const clock = new ManualClock();
    const t = new SessionTable();
    const s = t.begin('long', owner, clock.now());
    clock.advance(20 * 60_000);
    expect(t.count(U, clock.now())).toBe(1);
    t.end(s, clock.now());
    clock.advance(SESSION_TTL_MS);
    expect(t.count(U, clock.now())).toBe(0);
  });

  it('wouldExceed refuses a new session at the limit, never one already counted', () => {
    const clock = new ManualClock();
    const t = new SessionTable();
    t.begin('a', owner, clock.now());
    t.begin('b', owner, clock.now());
    expect(t.wouldExceed(U, 'k1', 'a', 2, clock.now())).toBe(false);
    expect(t.wouldExceed(U, 'k1', 'c', 2, clock.now())).toBe(true);
    expect(t.wouldExceed(U, 'k1', 'c', 3, clock.now())).toBe(false);
    // the same id under another key is another session
    expect(t.wouldExceed(U, 'k2', 'a', 2, clock.now())).toBe(true);
    clock.advance(SESSION_TTL_MS);
    expect(t.wouldExceed(U, 'k1', 'c', 2, clock.now())).toBe(true); // a and b still in flight
  });

  it('counts per provider follow the attempt; a failover moves the session', () => {
    const clock = new ManualClock();
    const t = new SessionTable();
    const s = t.begin('a', { ...owner, providerId: 'p1' }, clock.now());
    expect(t.count(providerSubject('p1'), clock.now())).toBe(1);
    t.attach(s, 'p2');
    expect(t.count(providerSubject('p1'), clock.now())).toBe(0);
    expect(t.count(providerSubject('p2'), clock.now())).toBe(1);
    expect(t.wouldExceed(providerSubject('p2'), 'k1', 'a', 1, clock.now())).toBe(false);
    t.end(s, clock.now());
    clock.advance(SESSION_TTL_MS);
    expect(t.count(providerSubject('p2'), clock.now())).toBe(0);
  });

  it('lists live sessions for the admin API', () => {
    const clock = new ManualClock();
    const t = new SessionTable();
    const start = clock.now();
    const s = t.begin('a', owner, start);
    t.bind(s, 'p1', start);
    clock.advance(5000);
    t.end(s, clock.now());
    t.begin('b', owner, clock.now());
    expect(t.list(clock.now())).toEqual([
      {
        sessionId: 'a',
        userId: 'u1',
        keyId: 'k1',
        providerId: 'p1',
        boundProviderId: 'p1',
        startedAt: start,
        lastSeenAt: start + 5000,
        requests: 1,
        inFlight: 0,
      },
      {
        sessionId: 'b',
        userId: 'u1',
        keyId: 'k1',
        providerId: null,
        boundProviderId: null,
        startedAt: start + 5000,
        lastSeenAt: start + 5000,
        requests: 1,
        inFlight: 1,
      },
    ]);
  });

  it('bounded: over maxSessions the least recently active idle sessions go first', () => {
    const t = new SessionTable({ maxSessions: 2 });
    t.end(t.begin('a', owner, 0), 0);
    t.end(t.begin('b', owner, 1), 1);
    t.begin('c', owner, 2);
    expect(t.size()).toBe(2);
    expect(t.get('k1', 'a', 2)).toBeUndefined();
    expect(t.count(U, 2)).toBe(2);
  });

  it('a stale handle (its session expired and came back) changes nothing', () => {
    const t = new SessionTable({ ttlMs: 1000 });
    const old = t.begin('a', owner, 0);
    t.end(old, 0);
    const fresh = t.begin('a', owner, 5000);
    t.end(old, 5000);
    expect(fresh.inFlight).toBe(1);
    expect(fresh).not.toBe(old);
  });
});

describe('SessionTable: an admin ends a live session', () => {
  it('releases its slots and binding at once; its requests in flight change nothing afterwards', () => {
    const clock = new ManualClock();
    const t = new SessionTable();
    const P = providerSubject('p1');
    const s = t.begin('a', { ...owner, providerId: 'p1' }, clock.now());
    t.bind(s, 'p1', clock.now());
    t.begin('a', { userId: 'u2', keyId: 'k9' }, clock.now()); // the same id from another key
    t.begin('b', owner, clock.now());
    expect(t.count(U, clock.now())).toBe(2);
    expect(t.endSession('a', clock.now())).toEqual({ ended: 2, inFlight: 2 });
    expect(t.count(U, clock.now())).toBe(1);
    expect(t.count(P, clock.now())).toBe(0);
    expect(t.count(keySubject('k9'), clock.now())).toBe(0);
    expect(t.wouldExceed(U, 'k1', 'c', 2, clock.now())).toBe(false);
    // the old request finishes and succeeds: nothing is counted or bound again
    t.bind(s, 'p1', clock.now());
    t.end(s, clock.now());
    expect(t.count(P, clock.now())).toBe(0);
    // the next request with the id is a new session, unbound
    const again = t.begin('a', owner, clock.now());
    expect(again).not.toBe(s);
    expect(again.boundProviderId).toBeNull();
    expect(again.requests).toBe(1);
    t.end(s, clock.now()); // a late close of the old request does not end the new one
    expect(again.inFlight).toBe(1);
    expect(t.endSession('nope', clock.now())).toEqual({ ended: 0, inFlight: 0 });
  });
});
