// Tests for checkLimits/admit: the check order, key vs user limits both applying, status codes, headers and messages.
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../clock';
import type { JsonLimits } from '../db/schema';
import type { KeyEntry } from '../model/entities';
import { SessionTable } from '../sessions/session-table';
import { keySubject, userSubject } from '../subjects';
import { admit, checkLimits, type LimitState } from './guard';
import { RpmCounter } from './rpm';
import { SpendReservations } from './spend-reservations';
import { SpendWindows } from './spend-windows';

function entry(over: { keyLimits?: JsonLimits; userLimits?: JsonLimits; userRpm?: number | null } = {}): KeyEntry {
  return {
    keyId: 'k1',
    keyName: 'laptop',
    keyEnabled: true,
    keyExpiresAt: null,
    retiresAt: null,
    canLogin: false,
    keyGroups: null,
    keyLimits: over.keyLimits ?? {},
    userId: 'u1',
    userName: 'ana',
    userRole: 'user',
    userEnabled: true,
    userExpiresAt: null,
    userGroups: [],
    userAllowedModels: [],
    userRpm: over.userRpm ?? null,
    clientRules: [],
    userLimits: over.userLimits ?? {},
  };
}

function state(timeZone = 'UTC'): LimitState {
  return {
    rpm: new RpmCounter(),
    sessions: new SessionTable(),
    spend: new SpendWindows(timeZone),
    reservations: new SpendReservations(),
  };
}

const charge = (s: LimitState, usd: number, at: number) =>
  s.spend.charge([userSubject('u1'), keySubject('k1')], usd, at);

describe('checkLimits', () => {
  it('admits when nothing is limited', () => {
    const s = state();
    expect(checkLimits({ entry: entry(), sessionId: 's', now: Date.UTC(2026, 0, 5) }, s)).toBeNull();
  });

  it('RPM: 429 with Retry-After until the oldest counted request leaves, then recovers', () => {
    const clock = new ManualClock();
    const s = state();
    const e = entry({ userRpm: 2 });
    const t0 = clock.now();
    expect(admit({ entry: e, sessionId: 'a', now: t0 }, s).ok).toBe(true);
    clock.advance(15_000);
    expect(admit({ entry: e, sessionId: 'a', now: clock.now() }, s).ok).toBe(true);
    clock.advance(500);
    const r = checkLimits({ entry: e, sessionId: 'a', now: clock.now() }, s);
    expect(r).toMatchObject({
      status: 429,
      code: 'rpm_limit',
      subject: 'user',
      window: 'rpm',
      used: 2,
      limit: 2,
      resetsAt: t0 + 60_000,
      retryAfterSeconds: 45,
      headers: {
        'retry-after': '45',
        'x-ratelimit-limit': '2',
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': String((t0 + 60_000) / 1000),
      },
    });
    expect(r?.message).toContain('requests-per-minute limit: 2 of 2 requests in the last minute');
    clock.set(t0 + 60_000);
    expect(checkLimits({ entry: e, sessionId: 'a', now: clock.now() }, s)).toBeNull();
  });

  it('concurrency: key before user, 429 with Retry-After 5 s; the same session is never refused', () => {
    const clock = new ManualClock();
    const s = state();
    const e = entry({ keyLimits: { concurrentSessions: 1 }, userLimits: { concurrentSessions: 5 } });
    expect(admit({ entry: e, sessionId: 'a', now: clock.now() }, s).ok).toBe(true);
    expect(checkLimits({ entry: e, sessionId: 'a', now: clock.now() }, s)).toBeNull();
    expect(checkLimits({ entry: e, sessionId: 'b', now: clock.now() }, s)).toMatchObject({
      status: 429,
      code: 'concurrency_limit',
      subject: 'key',
      window: 'concurrentSessions',
      used: 1,
      limit: 1,
      resetsAt: clock.now() + 5000,
      retryAfterSeconds: 5,
      headers: { 'retry-after': '5', 'x-ratelimit-remaining': '0' },
    });
  });

  it('a looser key limit does not loosen the user limit (user sessions from all keys count)', () => {
    const clock = new ManualClock();
    const s = state();
    s.sessions.begin('other-key-session', { userId: 'u1', keyId: 'k9' }, clock.now());
    const e = entry({ keyLimits: { concurrentSessions: 10 }, userLimits: { concurrentSessions: 1 } });
    expect(checkLimits({ entry: e, sessionId: 'a', now: clock.now() }, s)).toMatchObject({
      subject: 'user',
      code: 'concurrency_limit',
    });
  });

  it('spend: key tighter than user → key refusal (402); user tighter than key → user refusal', () => {
    const now = Date.UTC(2026, 0, 5, 12);
    const s = state();
    charge(s, 6, now - 60_000);
    const keyTight = entry({ keyLimits: { dailyUsd: 5 }, userLimits: { dailyUsd: 100 } });
    expect(checkLimits({ entry: keyTight, sessionId: 'a', now }, s)).toMatchObject({
      status: 402,
      code: 'spend_limit',
      subject: 'key',
      window: 'daily',
      used: 6,
      limit: 5,
      resetsAt: Date.UTC(2026, 0, 6),
      retryAfterSeconds: 12 * 3600,
      headers: {
        'retry-after': '43200',
        'x-ratelimit-limit': '5',
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': String(Date.UTC(2026, 0, 6) / 1000),
      },
    });
    const userTight = entry({ keyLimits: { dailyUsd: 100 }, userLimits: { dailyUsd: 5 } });
    const r = checkLimits({ entry: userTight, sessionId: 'a', now }, s);
    expect(r).toMatchObject({ status: 402, subject: 'user', window: 'daily' });
    expect(r?.message).toBe(
      "this key's user reached the daily spend limit: $6.00 used of $5.00; it resets at 2026-01-06T00:00:00.000Z (retry in 43200 s)",
    );
  });

  it('shorter windows first, key before user', () => {
    const now = Date.UTC(2026, 0, 5, 12);
    const s = state();
    charge(s, 10, now - 60_000);
    const e = entry({ keyLimits: { monthlyUsd: 5, fiveHourUsd: 8 }, userLimits: { fiveHourUsd: 1 } });
    expect(checkLimits({ entry: e, sessionId: 'a', now }, s)).toMatchObject({ subject: 'key', window: 'fiveHour' });
    const f = entry({ keyLimits: { monthlyUsd: 5 }, userLimits: { fiveHourUsd: 1 } });
    expect(checkLimits({ entry: f, sessionId: 'a', now }, s)).toMatchObject({ subject: 'key', window: 'monthly' });
  });

  it('RPM before concurrency before spend', () => {
    const clock = new ManualClock();
    const s = state();
    charge(s, 10, clock.now() - 1000);
    const e = entry({ userRpm: 1, keyLimits: { concurrentSessions: 1, dailyUsd: 1 } });
    s.sessions.begin('busy', { userId: 'u1', keyId: 'k1' }, clock.now());
    expect(checkLimits({ entry: e, sessionId: 'new', now: clock.now() }, s)?.code).toBe('concurrency_limit');
    s.rpm.hit('u1', clock.now());
    expect(checkLimits({ entry: e, sessionId: 'new', now: clock.now() }, s)?.code).toBe('rpm_limit');
    expect(
      checkLimits({ entry: entry({ keyLimits: { dailyUsd: 1 } }), sessionId: 'busy', now: clock.now() }, s)?.code,
    ).toBe('spend_limit');
  });

  it('rolling windows: Retry-After until enough old spend has left to get under the limit', () => {
    const t0 = Date.UTC(2026, 0, 5, 10);
    const s = state();
    charge(s, 3, t0);
    charge(s, 3, t0 + 3600_000);
    const e = entry({ userLimits: { fiveHourUsd: 5 } });
    const now = t0 + 2 * 3600_000;
    expect(checkLimits({ entry: e, sessionId: 'a', now }, s)).toMatchObject({
      subject: 'user',
      window: 'fiveHour',
      resetsAt: t0 + 5 * 3600_000,
      retryAfterSeconds: 3 * 3600,
    });
  });

  it('total: 402 without Retry-After (it resets only when an admin resets it)', () => {
    const now = Date.UTC(2026, 0, 5, 12);
    const s = state();
    charge(s, 10, now - 1000);
    const r = checkLimits({ entry: entry({ userLimits: { totalUsd: 10 } }), sessionId: 'a', now }, s);
    expect(r).toMatchObject({ status: 402, window: 'total', resetsAt: null, retryAfterSeconds: null });
    expect(r?.headers).toEqual({ 'x-ratelimit-limit': '10', 'x-ratelimit-remaining': '0' });
    expect(r?.message).toContain('it resets only when an admin resets it');
    s.spend.resetTotal(userSubject('u1'), now);
    expect(checkLimits({ entry: entry({ userLimits: { totalUsd: 10 } }), sessionId: 'a', now }, s)).toBeNull();
  });

  it('admit records nothing when refused', () => {
    const clock = new ManualClock();
    const s = state();
    const e = entry({ userRpm: 1, userLimits: { concurrentSessions: 1 } });
    expect(admit({ entry: e, sessionId: 'a', now: clock.now() }, s)).toMatchObject({
      ok: true,
      session: { sessionId: 'a' },
    });
    expect(admit({ entry: e, sessionId: 'b', now: clock.now() }, s).ok).toBe(false);
    expect(s.sessions.count(userSubject('u1'), clock.now())).toBe(1);
    expect(s.rpm.count('u1', clock.now())).toBe(1);
  });

  it('admit reserves the estimate on key and user; a refusal reserves nothing', () => {
    const now = Date.UTC(2026, 0, 5, 12);
    const s = state();
    const e = entry({ keyLimits: { concurrentSessions: 1, dailyUsd: 1 } });
    const a = admit({ entry: e, sessionId: 'a', now, estimate: () => 0.2e9 }, s);
    expect(a.ok).toBe(true);
    expect(s.reservations.heldNanos(keySubject('k1'))).toBe(0.2e9);
    expect(s.reservations.heldNanos(userSubject('u1'))).toBe(0.2e9);
    expect(admit({ entry: e, sessionId: 'b', now, estimate: () => 0.2e9 }, s).ok).toBe(false);
    expect(s.reservations.open()).toBe(1);
    if (a.ok) a.reservation.release();
    expect(s.reservations.totalNanos()).toBe(0);
    expect(s.reservations.open()).toBe(0);
  });

  it('the estimate is asked for only when a key or user spend window applies', () => {
    const s = state();
    let asked = 0;
    const estimate = () => {
      asked++;
      return 1e9;
    };
    const a = admit({ entry: entry(), sessionId: 'a', now: 0, estimate }, s);
    expect(asked).toBe(0);
    expect(a.ok && a.reservation.amount).toBe(0);
    admit({ entry: entry({ userLimits: { weeklyUsd: 50 } }), sessionId: 'a', now: 0, estimate }, s);
    expect(asked).toBe(1);
  });

  it('spend under concurrency: admitted while used + reserved + estimate fits; past it, 402 with Retry-After 5 s', () => {
    const now = Date.UTC(2026, 0, 5, 12);
    const s = state();
    charge(s, 0.4, now - 60_000);
    const e = entry({ userLimits: { dailyUsd: 1 } });
    const ask = (usd: number, id: string) => admit({ entry: e, sessionId: id, now, estimate: () => usd * 1e9 }, s);
    const first = ask(0.3, 'a');
    expect(first.ok).toBe(true); // 0.4 + 0 + 0.3
    const second = ask(0.3, 'b');
    expect(second.ok).toBe(true); // 0.4 + 0.3 + 0.3 = 1.0, within
    const third = ask(0.01, 'c');
    expect(third.ok).toBe(false);
    if (third.ok) return;
    expect(third.refusal).toMatchObject({
      status: 402,
      code: 'spend_limit',
      subject: 'user',
      window: 'daily',
      used: 0.4,
      limit: 1,
      retryAfterSeconds: 5,
      headers: { 'retry-after': '5', 'x-ratelimit-limit': '1', 'x-ratelimit-remaining': '0' },
    });
    expect(third.refusal.message).toBe(
      "this key's user's daily spend limit is taken up by requests in flight: $0.4000 used and $0.6000 reserved of $1.00; retry in 5 s",
    );
    // the first settles: its real cost (0.1) is charged, then its reservation released
    charge(s, 0.1, now);
    if (first.ok) first.reservation.release();
    expect(ask(0.2, 'd').ok).toBe(true); // 0.5 + 0.3 + 0.2 = 1.0
  });

  it('with nothing in flight a request dearer than what is left is admitted, alone, while under the limit', () => {
    const now = Date.UTC(2026, 0, 5, 12);
    const s = state();
    charge(s, 0.9, now - 60_000);
    const e = entry({ keyLimits: { dailyUsd: 1 } });
    const big = admit({ entry: e, sessionId: 'a', now, estimate: () => 5e9 }, s);
    expect(big.ok).toBe(true);
    const small = admit({ entry: e, sessionId: 'b', now, estimate: () => 1 }, s);
    expect(small.ok).toBe(false); // the big one fills the window while it runs
    if (big.ok) big.reservation.release();
    charge(s, 0.1, now);
    expect(admit({ entry: e, sessionId: 'c', now, estimate: () => 1 }, s).ok).toBe(false); // at the limit now
  });
});
