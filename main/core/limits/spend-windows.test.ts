// Tests for SpendWindows: every window at its boundaries, rolling vs fixed, total resets, rebuild equality, memory.
import { describe, expect, it } from 'vitest';
import type { JsonLimits } from '../db/schema';
import { keySubject, providerSubject, userSubject } from '../subjects';
import { calendarFor, DAY_MS, HOUR_MS, MINUTE_MS, parseHhMm } from '../time/calendar';
import { type LedgerRow, SPEND_WINDOWS, SpendWindows, type WindowUsage } from './spend-windows';

const z = (iso: string): number => Date.parse(iso);
const U = userSubject('u1');

function used(w: SpendWindows, limits: JsonLimits, now: number, window: WindowUsage['window'], subject = U): number {
  return w.measure(subject, window, limits, now).used;
}

describe('rolling 5-hour window', () => {
  const w = new SpendWindows('UTC');
  w.charge([U], 1, z('2026-01-05T10:00:30Z'));
  w.charge([U], 2, z('2026-01-05T12:00:00Z'));

  it('a charge counts until 5 h after the start of its minute', () => {
    expect(used(w, {}, z('2026-01-05T14:59:59.999Z'), 'fiveHour')).toBe(3);
    expect(used(w, {}, z('2026-01-05T15:00:00Z'), 'fiveHour')).toBe(2);
    expect(used(w, {}, z('2026-01-05T16:59:59.999Z'), 'fiveHour')).toBe(2);
    expect(used(w, {}, z('2026-01-05T17:00:00Z'), 'fiveHour')).toBe(0);
  });
  it('resetsAt: when the oldest counted spend leaves, or when the use gets back under the limit', () => {
    const at = z('2026-01-05T14:00:00Z');
    expect(w.measure(U, 'fiveHour', {}, at).resetsAt).toBe(z('2026-01-05T15:00:00Z'));
    expect(w.measure(U, 'fiveHour', { fiveHourUsd: 2.5 }, at).resetsAt).toBe(z('2026-01-05T15:00:00Z'));
    expect(w.measure(U, 'fiveHour', { fiveHourUsd: 1.5 }, at).resetsAt).toBe(z('2026-01-05T17:00:00Z'));
    expect(w.measure(U, 'fiveHour', {}, z('2026-01-05T18:00:00Z')).resetsAt).toBeNull();
  });
  it('exceeded at used >= limit only', () => {
    const at = z('2026-01-05T14:00:00Z');
    expect(w.exceeded(U, { fiveHourUsd: 3.01 }, at)).toBeNull();
    expect(w.exceeded(U, { fiveHourUsd: 3 }, at)).toMatchObject({ window: 'fiveHour', used: 3, limit: 3 });
    expect(w.exceeded(U, { fiveHourUsd: 3 }, z('2026-01-05T15:00:00Z'))).toBeNull();
  });
});

describe('fixed 5-hour window', () => {
  const fixed: JsonLimits = { fiveHourMode: 'fixed', fiveHourUsd: 10 };
  it('starts at the first use after the previous block ended and lasts 5 h', () => {
    const w = new SpendWindows('UTC');
    w.charge([U], 1, z('2026-01-05T10:00:30Z'));
    w.charge([U], 2, z('2026-01-05T14:30:00Z'));
    expect(w.measure(U, 'fiveHour', fixed, z('2026-01-05T15:00:29.999Z'))).toEqual({
      window: 'fiveHour',
      used: 3,
      reserved: 0,
      limit: 10,
      resetsAt: z('2026-01-05T15:00:30Z'),
    });
    // the rolling view of the same spend differs: the 10:00 charge already left
    expect(used(w, {}, z('2026-01-05T15:00:29Z'), 'fiveHour')).toBe(2);
    expect(w.measure(U, 'fiveHour', fixed, z('2026-01-05T15:00:30Z'))).toMatchObject({ used: 0, resetsAt: null });
    w.charge([U], 4, z('2026-01-05T16:00:00Z'));
    expect(w.measure(U, 'fiveHour', fixed, z('2026-01-05T20:59:59Z'))).toMatchObject({
      used: 4,
      resetsAt: z('2026-01-05T21:00:00Z'),
    });
    expect(used(w, fixed, z('2026-01-05T21:00:00Z'), 'fiveHour')).toBe(0);
  });
});

describe('daily window', () => {
  it('fixed at 09:30 in Europe/Berlin (08:30 UTC in winter): before, at, after the reset', () => {
    const w = new SpendWindows('Europe/Berlin');
    const limits: JsonLimits = { dailyUsd: 5, dailyResetTime: '09:30' };
    w.charge([U], 1, z('2026-01-06T08:29:00Z'));
    expect(used(w, limits, z('2026-01-06T08:29:59.999Z'), 'daily')).toBe(1);
    w.charge([U], 2, z('2026-01-06T08:30:00Z'));
    expect(w.measure(U, 'daily', limits, z('2026-01-06T08:30:00Z'))).toEqual({
      window: 'daily',
      used: 2,
      reserved: 0,
      limit: 5,
      resetsAt: z('2026-01-07T08:30:00Z'),
    });
    expect(used(w, limits, z('2026-01-07T08:29:59.999Z'), 'daily')).toBe(2);
    expect(used(w, limits, z('2026-01-07T08:30:00Z'), 'daily')).toBe(0);
    // midnight reset by default
    expect(used(w, {}, z('2026-01-06T22:59:59Z'), 'daily')).toBe(3);
    expect(used(w, {}, z('2026-01-06T23:00:00Z'), 'daily')).toBe(0);
  });
  it('rolling 24 h', () => {
    const w = new SpendWindows('UTC');
    const rolling: JsonLimits = { dailyMode: 'rolling', dailyUsd: 2 };
    w.charge([U], 1, z('2026-01-05T10:00:10Z'));
    w.charge([U], 1, z('2026-01-05T20:00:00Z'));
    expect(w.measure(U, 'daily', rolling, z('2026-01-06T09:59:59Z'))).toEqual({
      window: 'daily',
      used: 2,
      reserved: 0,
      limit: 2,
      resetsAt: z('2026-01-06T10:00:00Z'),
    });
    expect(used(w, rolling, z('2026-01-06T10:00:00Z'), 'daily')).toBe(1);
    expect(w.exceeded(U, rolling, z('2026-01-06T10:00:00Z'))).toBeNull();
  });
});

describe('weekly and monthly windows', () => {
  it('the week starts on Monday 00:00 local (Berlin: Sunday 23:00 UTC in winter)', () => {
    const w = new SpendWindows('Europe/Berlin');
    w.charge([U], 1, z('2026-01-04T22:59:59Z')); // Sunday 23:59:59 local
    expect(w.measure(U, 'weekly', {}, z('2026-01-04T22:59:59.999Z'))).toMatchObject({
      used: 1,
      resetsAt: z('2026-01-04T23:00:00Z'),
    });
    expect(used(w, {}, z('2026-01-04T23:00:00Z'), 'weekly')).toBe(0);
    w.charge([U], 2, z('2026-01-04T23:00:00Z'));
    expect(w.measure(U, 'weekly', {}, z('2026-01-10T12:00:00Z'))).toMatchObject({
      used: 2,
      resetsAt: z('2026-01-11T23:00:00Z'),
    });
  });
  it('the month starts on the 1st 00:00 local', () => {
    const w = new SpendWindows('Asia/Kolkata');
    w.charge([U], 1, z('2026-01-31T18:29:00Z')); // Jan 31 23:59 local
    expect(used(w, {}, z('2026-01-31T18:29:59.999Z'), 'monthly')).toBe(1);
    expect(used(w, {}, z('2026-01-31T18:30:00Z'), 'monthly')).toBe(0);
    w.charge([U], 2, z('2026-01-31T18:30:00Z')); // Feb 1 00:00 local
    expect(w.measure(U, 'monthly', {}, z('2026-02-20T00:00:00Z'))).toMatchObject({
      used: 2,
      resetsAt: z('2026-02-28T18:30:00Z'),
    });
    expect(used(w, {}, z('2026-02-28T18:30:00Z'), 'monthly')).toBe(0);
  });
});

describe('total window', () => {
  it('is lifetime until an admin resets it; spend before the reset no longer counts', () => {
    const w = new SpendWindows('UTC');
    const limits: JsonLimits = { totalUsd: 10 };
    w.charge([U], 6, z('2026-01-01T00:00:00Z'));
    w.charge([U], 4, z('2026-03-01T00:00:00Z'));
    expect(w.exceeded(U, limits, z('2026-03-02T00:00:00Z'))).toEqual({
      window: 'total',
      used: 10,
      reserved: 0,
      limit: 10,
      resetsAt: null,
    });
    const resetAt = z('2026-03-02T00:00:00Z');
    w.resetTotal(U, resetAt);
    expect(w.totalResetAt(U)).toBe(resetAt);
    expect(used(w, limits, resetAt, 'total')).toBe(0);
    w.charge([U], 1.5, z('2026-03-03T00:00:00Z'));
    expect(used(w, limits, z('2026-03-03T00:00:00Z'), 'total')).toBe(1.5);
    // a restart reproduces it from the ledger and the stored marker
    const rows: LedgerRow[] = [
      { at: z('2026-01-01T00:00:00Z'), userId: 'u1', keyId: null, providerId: null, costUsd: 6 },
      { at: z('2026-03-01T00:00:00Z'), userId: 'u1', keyId: null, providerId: null, costUsd: 4 },
      { at: z('2026-03-03T00:00:00Z'), userId: 'u1', keyId: null, providerId: null, costUsd: 1.5 },
    ];
    const fresh = new SpendWindows('UTC');
    fresh.rebuild(rows, [[U, resetAt]]);
    expect(used(fresh, limits, z('2026-03-03T00:00:00Z'), 'total')).toBe(1.5);
  });
  it('a reset in the same millisecond as the latest charge keeps that charge, as a rebuild would', () => {
    const w = new SpendWindows('UTC');
    const t = z('2026-01-05T12:00:00Z');
    w.charge([U], 1, t - 1);
    w.charge([U], 2, t);
    w.resetTotal(U, t);
    expect(used(w, {}, t, 'total')).toBe(2);
  });
});

describe('admission with requests in flight', () => {
  const now = z('2026-01-05T12:00:00Z');
  const limits: JsonLimits = { dailyUsd: 1, weeklyUsd: 3 };
  const w = new SpendWindows('UTC');
  w.charge([U], 0.4, now - 60_000);
  const nanos = (usd: number) => Math.round(usd * 1e9);

  it('admits while used + reserved + estimate stays within every limited window', () => {
    expect(w.exceeded(U, limits, now, nanos(0.3), nanos(0.3))).toBeNull(); // 0.4 + 0.3 + 0.3 = 1
    expect(w.exceeded(U, limits, now, nanos(0.3), nanos(0.31))).toMatchObject({
      window: 'daily',
      used: 0.4,
      reserved: 0.3,
      limit: 1,
    });
  });
  it('with nothing reserved, admits while under the limit whatever the estimate', () => {
    expect(w.exceeded(U, limits, now, 0, nanos(50))).toBeNull();
    const full = new SpendWindows('UTC');
    full.charge([U], 1, now - 60_000);
    expect(full.exceeded(U, limits, now, 0, 0)).toMatchObject({ window: 'daily', used: 1 });
  });
  it('an unlimited window never refuses, however much is reserved', () => {
    expect(w.exceeded(U, {}, now, nanos(100), nanos(100))).toBeNull();
  });
  it('a window that reset frees what was spent but not what is reserved', () => {
    const tomorrow = z('2026-01-06T00:00:00Z');
    expect(w.exceeded(U, limits, tomorrow, nanos(0.6), nanos(0.4))).toBeNull();
    expect(w.exceeded(U, limits, tomorrow, nanos(0.6), nanos(0.41))).toMatchObject({ window: 'daily', used: 0 });
  });
});

describe('subjects and precision', () => {
  it('charges a ledger row to its user, key and provider', () => {
    const w = new SpendWindows('UTC');
    w.chargeRow({ at: z('2026-01-05T12:00:00Z'), userId: 'u1', keyId: 'k1', providerId: 'p1', costUsd: 0.25 });
    const now = z('2026-01-05T12:01:00Z');
    for (const s of [U, keySubject('k1'), providerSubject('p1')]) expect(used(w, {}, now, 'daily', s)).toBe(0.25);
    expect(used(w, {}, now, 'daily', userSubject('other'))).toBe(0);
  });
  it('sums exactly in nano-USD', () => {
    const w = new SpendWindows('UTC');
    for (let i = 0; i < 10; i++) w.charge([U], 0.1, z('2026-01-05T12:00:00Z') + i);
    expect(used(w, {}, z('2026-01-05T12:01:00Z'), 'total')).toBe(1);
  });
  it('a late charge lands in its own minute', () => {
    const w = new SpendWindows('UTC');
    w.charge([U], 1, z('2026-01-05T12:00:00Z'));
    w.charge([U], 2, z('2026-01-05T07:30:00Z'));
    expect(used(w, {}, z('2026-01-05T12:29:59Z'), 'fiveHour')).toBe(3);
    expect(used(w, {}, z('2026-01-05T12:30:00Z'), 'fiveHour')).toBe(1);
  });
  it('unlimited and zero limits never refuse', () => {
    const w = new SpendWindows('UTC');
    w.charge([U], 100, z('2026-01-05T12:00:00Z'));
    expect(w.exceeded(U, { dailyUsd: null, weeklyUsd: 0 }, z('2026-01-05T12:00:00Z'))).toBeNull();
    expect(w.measure(U, 'daily', { dailyUsd: null }, z('2026-01-05T12:00:00Z')).limit).toBeNull();
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Restart equality: a ledger replay gives exactly the live figures, and both equal a brute-force sum of the rows.
// ---------------------------------------------------------------------------------------------------------------

function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function makeLedger(seed: number, from: number, days: number): LedgerRow[] {
  const random = rng(seed);
  const rows: LedgerRow[] = [];
  let t = from;
  const end = from + days * DAY_MS;
  while (t < end) {
    t += Math.floor(random() * random() * 3 * HOUR_MS) + 1;
    const user = random() < 0.7 ? 'u1' : 'u2';
    rows.push({
      at: t,
      userId: user,
      keyId: user === 'u1' ? (random() < 0.5 ? 'k1' : 'k2') : 'k3',
      providerId: random() < 0.5 ? 'p1' : 'p2',
      costUsd: Math.round(random() * 2_000_000) / 1_000_000_000 + random() * 0.5,
    });
  }
  return rows;
}

/** What every window must show, summed from raw rows (the oracle). */
function bruteForce(rows: LedgerRow[], subject: string, limits: JsonLimits, timeZone: string, now: number) {
  const cal = calendarFor(timeZone);
  const mine = rows.filter((r) =>
    [
      r.userId && userSubject(r.userId),
      r.keyId && keySubject(r.keyId),
      r.providerId && providerSubject(r.providerId),
    ].includes(subject),
  );
  const sumFrom = (start: number) =>
    mine
      .filter((r) => Math.floor(r.at / MINUTE_MS) * MINUTE_MS >= start)
      .reduce((s, r) => s + Math.round(r.costUsd * 1e9), 0) / 1e9;
  const rollingStart = (minutes: number) => (Math.floor(now / MINUTE_MS) - minutes + 1) * MINUTE_MS;
  return {
    fiveHour: sumFrom(rollingStart(300)),
    daily:
      limits.dailyMode === 'rolling'
        ? sumFrom(rollingStart(1440))
        : sumFrom(cal.dayWindow(now, parseHhMm(limits.dailyResetTime) ?? 0).start),
    weekly: sumFrom(cal.weekWindow(now).start),
    monthly: sumFrom(cal.monthWindow(now).start),
    total: sumFrom(Number.NEGATIVE_INFINITY),
  };
}

describe('rebuild from the ledger', () => {
  const from = z('2026-01-20T00:00:00Z');
  const rows = makeLedger(7, from, 75);
  const subjects = [userSubject('u1'), userSubject('u2'), keySubject('k1'), keySubject('k3'), providerSubject('p2')];
  const configs: JsonLimits[] = [
    {},
    { dailyResetTime: '09:30', fiveHourMode: 'fixed' },
    { dailyMode: 'rolling' },
    { dailyResetTime: '23:45' },
  ];
  const probes = [5, 17.25, 31, 45.5, 60.01, 74.9].map((d) => from + Math.round(d * DAY_MS));

  /** Charges the rows live, snapshotting every probe time as the clock passes it. */
  function liveSnapshots(timeZone: string) {
    const live = new SpendWindows(timeZone);
    const snaps: WindowUsage[][] = [];
    let i = 0;
    for (const probe of probes) {
      for (; i < rows.length && (rows[i] as LedgerRow).at <= probe; i++) live.chargeRow(rows[i] as LedgerRow);
      for (const s of subjects) for (const l of configs) snaps.push(live.usage(s, l, probe));
    }
    return snaps;
  }

  for (const timeZone of ['UTC', 'Asia/Kolkata', 'America/New_York', 'Asia/Kathmandu']) {
    it(`reproduces the live figures exactly in ${timeZone}, and they match a brute-force sum`, () => {
      const snaps = liveSnapshots(timeZone);
      const replayed: WindowUsage[][] = [];
      for (const probe of probes) {
        const fresh = new SpendWindows(timeZone);
        fresh.rebuild(rows.filter((r) => r.at <= probe));
        for (const s of subjects) {
          for (const l of configs) {
            const u = fresh.usage(s, l, probe);
            replayed.push(u);
            if (l.fiveHourMode === 'fixed') continue; // history-dependent; compared live vs replay only
            const oracle = bruteForce(
              rows.filter((r) => r.at <= probe),
              s,
              l,
              timeZone,
              probe,
            );
            for (const win of SPEND_WINDOWS) expect(u.find((x) => x.window === win)?.used).toBe(oracle[win]);
          }
        }
      }
      expect(replayed).toEqual(snaps);
    });
  }

  it('a timezone or reset-time change needs no rows: live figures equal a replay under the new settings', () => {
    const live = new SpendWindows('Europe/Berlin');
    for (const r of rows) live.chargeRow(r);
    live.setTimeZone('America/New_York');
    const fresh = new SpendWindows('America/New_York');
    fresh.rebuild(rows);
    const now = rows.at(-1)?.at ?? 0;
    for (const s of subjects) {
      for (const l of [...configs, { dailyResetTime: '04:15' }]) {
        expect(live.usage(s, l, now)).toEqual(fresh.usage(s, l, now));
        expect(live.usage(s, l, now + 3 * HOUR_MS)).toEqual(fresh.usage(s, l, now + 3 * HOUR_MS));
      }
    }
  });

  it('stays small: a charge every minute for 60 days keeps ≤ 28 h of minutes and ~32 days of quarter-hours', () => {
    const w = new SpendWindows('UTC');
    const start = z('2026-01-01T00:00:00Z');
    for (let m = 0; m < 60 * 24 * 60; m++) w.charge([U], 0.001, start + m * MINUTE_MS);
    expect(w.bucketCount()).toBeLessThanOrEqual(28 * 60 + 32 * 96 + 8);
    const now = start + 60 * DAY_MS;
    expect(used(w, {}, now, 'total')).toBeCloseTo(86.4, 9);
    expect(used(w, {}, now, 'monthly')).toBeCloseTo((0.001 * (now - z('2026-03-01T00:00:00Z'))) / MINUTE_MS, 9);
    w.sweep(now + 40 * DAY_MS);
    expect(w.bucketCount()).toBe(0);
    expect(used(w, {}, now + 40 * DAY_MS, 'total')).toBeCloseTo(86.4, 9);
  });
});
