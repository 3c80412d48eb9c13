import { describe, expect, it } from 'vitest';
import { SpendWindows } from '../limits/spend-windows';
import type { KeyEntry, ProviderRuntime } from '../model/entities';
import { BreakerBoard } from '../routing/breaker';
import type { Combo } from '../store/records';
import { DailyLeaderboard } from './daily-leaderboard';
import { describeNotification, type Notification } from './notification';
import { renderTemplate } from './template';
import { FormatCoverage, KeyExpiryWatch, limitedSubjects, type MemoryStore, SpendWatch } from './watchers';

const T0 = Date.UTC(2026, 2, 10, 6, 0, 0); // Tuesday 06:00 UTC
const HOUR = 3_600_000;

function memory(): MemoryStore & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>();
  return { data, read: (k) => structuredClone(data.get(k)), write: (k, v) => data.set(k, structuredClone(v)) };
}

function key(over: Partial<KeyEntry> = {}): KeyEntry {
  return {
    keyId: 'k1',
    keyName: 'laptop',
    keyEnabled: true,
    keyExpiresAt: null,
    retiresAt: null,
    canLogin: false,
    keyGroups: null,
    keyLimits: {},
    userId: 'u1',
    userName: 'ann',
    userRole: 'user',
    userEnabled: true,
    userExpiresAt: null,
    userGroups: [],
    userAllowedModels: [],
    userRpm: null,
    userLimits: {},
    clientRules: [],
    ...over,
  };
}

const collect = () => {
  const events: { event: string; data: Record<string, unknown> }[] = [];
  return { events, emit: (event: string, data: Record<string, unknown>) => void events.push({ event, data }) };
};

describe('spend.threshold', () => {
  it('fires once when a window crosses the share, not again while above, again after it fell below', () => {
    const spend = new SpendWindows('UTC');
    const mem = memory();
    const watch = new SpendWatch(mem);
    const subjects = limitedSubjects([key({ userLimits: { dailyUsd: 10 } })], []);
    const { events, emit } = collect();
    const charge = (usd: number, at: number) =>
      spend.chargeRow({ at, userId: 'u1', keyId: 'k1', providerId: null, costUsd: usd });

    charge(7.9, T0);
    watch.check(subjects, spend, 0.8, T0, emit);
    expect(events).toHaveLength(0);
    charge(0.1, T0 + 1000);
    watch.check(subjects, spend, 0.8, T0 + 2000, emit);
    charge(1, T0 + 3000);
    watch.check(subjects, spend, 0.8, T0 + 4000, emit);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      event: 'spend.threshold',
      data: { scope: 'user', id: 'u1', name: 'ann', window: 'daily', limitUsd: 10, threshold: 0.8 },
    });
    expect(events[0]?.data.usedUsd).toBeCloseTo(8);

    // a new watcher (a restart) remembers it fired
    new SpendWatch(mem).check(subjects, spend, 0.8, T0 + 5000, emit);
    expect(events).toHaveLength(1);

    // next day: the window is empty, below the share: re-armed; crossing again fires again
    const tomorrow = T0 + 24 * HOUR;
    watch.check(subjects, spend, 0.8, tomorrow, emit);
    charge(9, tomorrow + 1000);
    watch.check(subjects, spend, 0.8, tomorrow + 2000, emit);
    expect(events.map((e) => e.data.window)).toEqual(['daily', 'daily']);
  });

  it('watches keys and providers too, each window on its own', () => {
    const spend = new SpendWindows('UTC');
    const provider = { id: 'p1', name: 'main', limits: { weeklyUsd: 100 } } as unknown as ProviderRuntime;
    const subjects = limitedSubjects([key({ keyLimits: { fiveHourUsd: 1, monthlyUsd: 2 } })], [provider]);
    const { events, emit } = collect();
    spend.chargeRow({ at: T0, userId: 'u1', keyId: 'k1', providerId: 'p1', costUsd: 95 });
    new SpendWatch(memory()).check(subjects, spend, 0.9, T0, emit);
    expect(events.map((e) => `${e.data.scope}:${e.data.window}`).sort()).toEqual([
      'key:fiveHour',
      'key:monthly',
      'provider:weekly',
    ]);
  });
});

describe('key.expiring', () => {
  it('once per key and expiry, inside the warning period; a new expiry warns again', () => {
    const mem = memory();
    const watch = new KeyExpiryWatch(mem);
    const { events, emit } = collect();
    const k = key({ keyExpiresAt: T0 + 50 * HOUR });
    watch.check([k], 48 * HOUR, T0, emit);
    expect(events).toHaveLength(0);
    watch.check([k], 48 * HOUR, T0 + 3 * HOUR, emit);
    watch.check([k], 48 * HOUR, T0 + 4 * HOUR, emit);
    new KeyExpiryWatch(mem).check([k], 48 * HOUR, T0 + 5 * HOUR, emit);
    expect(events).toEqual([
      {
        event: 'key.expiring',
        data: expect.objectContaining({ keyId: 'k1', expiresAt: new Date(T0 + 50 * HOUR).toISOString() }),
      },
    ]);
    watch.check([{ ...k, keyExpiresAt: T0 + 20 * HOUR }], 48 * HOUR, T0 + 6 * HOUR, emit);
    expect(events).toHaveLength(2);
    // disabled, already expired or retiring before it expires: nothing
    const quiet = collect();
    new KeyExpiryWatch(memory()).check(
      [
        key({ keyId: 'a', keyExpiresAt: T0 + HOUR, keyEnabled: false }),
        key({ keyId: 'b', keyExpiresAt: T0 - HOUR }),
        key({ keyId: 'c', keyExpiresAt: T0 + HOUR, retiresAt: T0 + 1000 }),
      ],
      48 * HOUR,
      T0,
      quiet.emit,
    );
    expect(quiet.events).toHaveLength(0);
  });
});

describe('leaderboard.daily', () => {
  const combo = (userId: string, requests: number, costUsd: number): Combo =>
    ({ userId, keyId: '', providerId: '', model: 'm', requests, costUsd }) as unknown as Combo;
  const input = (ranges: [number, number][]) => ({
    timeZone: 'Asia/Shanghai',
    time: '09:00',
    size: 2,
    comboSums: (from: number, to: number) => {
      ranges.push([from, to]);
      return [combo('u1', 3, 1.5), combo('u2', 10, 4), combo('u3', 1, 0.2)];
    },
    userName: (id: string) => ({ u1: 'ann', u2: 'bob' })[id],
  });

  it('at the set local time, the previous local day’s top users, once a day', () => {
    const mem = memory();
    const board = new DailyLeaderboard(mem);
    const ranges: [number, number][] = [];
    // 2026-03-10 08:59 in Shanghai (UTC+8) = 00:59 UTC
    const before = Date.UTC(2026, 2, 10, 0, 59);
    mem.write('notify.leaderboardLast', '2026-03-09');
    expect(board.due(input(ranges), before)).toBeNull();
    const at = Date.UTC(2026, 2, 10, 1, 0);
    const data = board.due(input(ranges), at);
    expect(ranges).toEqual([[Date.UTC(2026, 2, 8, 16, 0), Date.UTC(2026, 2, 9, 16, 0)]]);
    expect(data).toMatchObject({
      date: '2026-03-09',
      timezone: 'Asia/Shanghai',
      totalRequests: 14,
      entries: [
        { rank: 1, userId: 'u2', name: 'bob', requests: 10, costUsd: 4 },
        { rank: 2, userId: 'u1', name: 'ann', requests: 3, costUsd: 1.5 },
      ],
    });
    expect(data?.totalCostUsd).toBeCloseTo(5.7);
    expect(board.due(input(ranges), at + 60_000)).toBeNull();
    expect(new DailyLeaderboard(mem).due(input(ranges), at + 2 * HOUR)).toBeNull();
  });

  it('skips a send time missed by more than an hour (the hub was down) instead of sending late', () => {
    const ranges: [number, number][] = [];
    const board = new DailyLeaderboard(memory());
    expect(board.due(input(ranges), Date.UTC(2026, 2, 10, 5, 0))).toBeNull();
    expect(ranges).toEqual([]);
  });
});

describe('provider.none', () => {
  it('fires when the last available provider of a format goes, once, and again after one came back', () => {
    const board = new BreakerBoard();
    const p = (id: string, enabled = true) =>
      ({
        id,
        name: id,
        type: 'anthropic',
        serves: [],
        enabled,
        breaker: { failureThreshold: 1, openMs: 60_000, halfOpenSuccesses: 1, countNetworkErrors: true },
      }) as unknown as ProviderRuntime;
    const providers = [p('a'), p('b', false), { ...p('c'), type: 'gemini' } as ProviderRuntime];
    const coverage = new FormatCoverage();
    const { events, emit } = collect();
    coverage.check(providers, board, T0, emit);
    expect(events).toHaveLength(0);
    board.recordFailure(providers[0] as ProviderRuntime, { network: false }, T0);
    coverage.check(providers, board, T0 + 1, emit);
    coverage.check(providers, board, T0 + 2, emit);
    expect(events).toEqual([{ event: 'provider.none', data: expect.objectContaining({ format: 'anthropic' }) }]);
    coverage.check(providers, board, T0 + 60_000, emit); // half-open: available again
    board.recordFailure(providers[0] as ProviderRuntime, { network: false }, T0 + 60_001);
    coverage.check(providers, board, T0 + 60_002, emit);
    expect(events).toHaveLength(2);
  });
});

describe('the JSON template', () => {
  const n: Notification = {
    event: 'spend.threshold',
    at: '2026-03-10T06:00:00.000Z',
    data: { name: 'a "quoted" name', share: 0.85, nested: { x: [1, 2] } },
  };
  it('fills quoted placeholders as JSON values, splices escaped text into strings, and unquoted ones raw', () => {
    const out = renderTemplate(
      '{"e":"{{event}}","msg":"user {{data.name}} at {{data.share}}","share":{{data.share}},' +
        '"d":{{data}},"n":"{{data.nested}}","missing":"{{data.nope}}","t":"{{title}}"}',
      n,
      describeNotification(n),
    );
    expect(JSON.parse(out)).toEqual({
      e: 'spend.threshold',
      msg: 'user a "quoted" name at 0.85',
      share: 0.85,
      d: n.data,
      n: { x: [1, 2] },
      missing: null,
      t: describeNotification(n).title,
    });
  });
});
