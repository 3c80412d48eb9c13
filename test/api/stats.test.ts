// Statistics through the real hub: requests sent with the SDKs at chosen times (ManualClock, Asia/Shanghai days),
// then overview, time series, leaderboards and the usage page compared with sums computed here from the request rows.
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ManualClock } from '../../main/core/clock';
import { Leaderboard, MeUsage, Overview, RequestList, Timeseries } from '../../shared/api-schemas';
import { type FakeUpstream, startFakeUpstream } from '../fake-upstream';
import { startTestHub, type TestHub } from '../helpers/test-hub';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const TZ = 'Asia/Shanghai'; // UTC+8, no DST
const NOW = Date.UTC(2026, 0, 15, 10, 0); // Thu 15 Jan 2026, 18:00 local
const TODAY = Date.UTC(2026, 0, 14, 16); // local midnight of the 15th
const clock = new ManualClock(NOW);

let fake: FakeUpstream;
let t: TestHub;
let ids: { anthropic: string; openai: string };
let alice: { userId: string; keyId: string; key: string; key2: string; keyId2: string };
let bob: { userId: string; keyId: string; key: string };

interface Row {
  id: string;
  created_at: number;
  user_id: string;
  key_id: string;
  provider_id: string | null;
  model: string;
  status: number;
  cost_usd: number | null;
  input_tokens: number;
  output_tokens: number;
  cache_read_tokens: number;
  cache_write_5m_tokens: number;
  cache_write_1h_tokens: number;
  duration_ms: number;
}
let rows: Row[] = [];

async function get<T>(path: string, schema: { parse(v: unknown): T }, token?: string): Promise<T> {
  const r = await t.api('GET', `/api/v1${path}`, undefined, token);
  if (r.status !== 200) throw new Error(`${path}: ${r.status} ${JSON.stringify(r.json)}`);
  return schema.parse(r.json);
}

/** One request at `at`, through the relay with an official SDK. */
async function send(
  at: number,
  key: string,
  via: 'anthropic' | 'openai',
  usage: { input: number; output: number; cacheRead?: number },
  fail = false,
): Promise<void> {
  clock.set(at);
  fake.enqueue(fail ? { kind: 'status', status: 400 } : { kind: 'ok', usage });
  try {
    if (via === 'anthropic') {
      await new Anthropic({ apiKey: key, baseURL: t.url, maxRetries: 0 }).messages.create({
        model: 'claude-sonnet-4-5',
        max_tokens: 10,
        messages: [{ role: 'user', content: 'hi' }],
      });
    } else {
      await new OpenAI({ apiKey: key, baseURL: `${t.url}/v1`, maxRetries: 0 }).chat.completions.create({
        model: 'gpt-4o-mini',
        messages: [{ role: 'user', content: 'hi' }],
      });
    }
  } catch (err) {
    if (!fail) throw err;
  }
}

beforeAll(async () => {
  fake = await startFakeUpstream();
  t = await startTestHub({ clock });
  ids = {
    anthropic: (await t.addProvider(fake.url, { type: 'anthropic', name: 'claude-up' })).id,
    openai: (await t.addProvider(fake.url, { type: 'openai-chat', name: 'openai-up' })).id,
  };
  const a = await t.addUserWithKey({ name: 'alice' });
  const a2 = await t.addKey(a.userId, { name: 'alice-second' });
  alice = { ...a, key2: a2.key, keyId2: a2.id };
  bob = await t.addUserWithKey({ name: 'bob' });
  expect((await t.api('PATCH', '/api/v1/settings', { timezone: TZ })).status).toBe(200);

  const plan: [number, string, 'anthropic' | 'openai', number, number, number, boolean?][] = [
    [Date.UTC(2025, 11, 20, 5), alice.key, 'anthropic', 900, 90, 0], // last month
    [Date.UTC(2026, 0, 10, 5), bob.key, 'openai', 800, 80, 0], // last week
    [Date.UTC(2026, 0, 12, 3), alice.key2, 'openai', 700, 70, 100], // this week (Monday local)
    [Date.UTC(2026, 0, 14, 2), bob.key, 'anthropic', 600, 60, 0], // yesterday
    [Date.UTC(2026, 0, 14, 15, 30), alice.key, 'anthropic', 500, 50, 400], // yesterday 23:30 local
    [Date.UTC(2026, 0, 14, 15, 40), alice.key, 'anthropic', 0, 0, 0, true], // yesterday, an error
    [Date.UTC(2026, 0, 14, 16, 30), alice.key, 'anthropic', 400, 40, 300], // today 00:30 local
    [Date.UTC(2026, 0, 15, 3, 5), bob.key, 'openai', 300, 30, 0], // today 11:05 local
    [Date.UTC(2026, 0, 15, 3, 10), bob.key, 'openai', 0, 0, 0, true], // today, an error
    [Date.UTC(2026, 0, 15, 9, 59, 30), alice.key2, 'openai', 200, 20, 50], // today, within the last minute
    [NOW, alice.key, 'anthropic', 100, 10, 0], // now
  ];
  for (const [at, key, via, input, output, cacheRead, fail] of plan) {
    await send(at, key, via, { input, output, cacheRead }, fail ?? false);
  }
  clock.set(NOW);
  t.fold();
  rows = t.rows('SELECT * FROM requests') as unknown as Row[];
  expect(rows).toHaveLength(plan.length);
});
afterAll(async () => {
  await t.stop();
  await fake.close();
});

// ---- expectations computed from the rows -------------------------------------------------------------------------

interface Sums {
  requests: number;
  errors: number;
  costUsd: number;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  durationMs: number;
}
function sums(list: Row[]): Sums {
  return {
    requests: list.length,
    errors: list.filter((r) => r.status >= 400).length,
    costUsd: list.reduce((s, r) => s + (r.cost_usd ?? 0), 0),
    inputTokens: list.reduce((s, r) => s + r.input_tokens, 0),
    outputTokens: list.reduce((s, r) => s + r.output_tokens, 0),
    cacheReadTokens: list.reduce((s, r) => s + r.cache_read_tokens, 0),
    cacheWriteTokens: list.reduce((s, r) => s + r.cache_write_5m_tokens + r.cache_write_1h_tokens, 0),
    durationMs: list.reduce((s, r) => s + r.duration_ms, 0),
  };
}
const between = (from: number, to: number, list = rows) =>
  list.filter((r) => r.created_at >= from && r.created_at < to);
const groupBy = (list: Row[], key: (r: Row) => string) => {
  const out = new Map<string, Row[]>();
  for (const r of list) out.set(key(r), [...(out.get(key(r)) ?? []), r]);
  return out;
};

function expectTotals(actual: Record<string, unknown>, expected: Sums): void {
  expect(actual).toMatchObject({
    requests: expected.requests,
    errors: expected.errors,
    inputTokens: expected.inputTokens,
    outputTokens: expected.outputTokens,
    cacheReadTokens: expected.cacheReadTokens,
  });
  expect(actual.costUsd as number).toBeCloseTo(expected.costUsd, 9);
}

/** The leaderboard a caller should see, built from rows: by cost, then requests, descending. */
function expectedBoard(list: Row[], key: (r: Row) => string | null) {
  return [
    ...groupBy(
      list.filter((r) => key(r) !== null),
      (r) => key(r) as string,
    ),
  ]
    .map(([id, g]) => ({ id, ...sums(g) }))
    .sort((a, b) => b.costUsd - a.costUsd || b.requests - a.requests || (a.id < b.id ? -1 : 1));
}

function expectBoard(board: Leaderboard, list: Row[], key: (r: Row) => string | null): void {
  const expected = expectedBoard(list, key);
  expect(board.items.map((i) => i.id)).toEqual(expected.map((e) => e.id));
  for (const [i, item] of board.items.entries()) expectTotals(item, expected[i] as Sums);
}

// ---- tests ----------------------------------------------------------------------------------------------------------

describe('overview', () => {
  test('today vs yesterday in the hub timezone equal the sums of the request rows', async () => {
    expect(rows.some((r) => r.cost_usd !== null && r.cost_usd > 0)).toBe(true);
    const o = await get('/stats/overview', Overview);
    expectTotals(o.today, sums(between(TODAY, NOW + 1)));
    expectTotals(o.yesterday, sums(between(TODAY - DAY, TODAY)));
    expect(o.today.errorRate).toBeCloseTo(1 / 5, 9);
    expect(o.today.p50LatencyMs).toBe(0); // the clock stood still during each request
    expect(o.rpmNow).toBe(between(NOW - 60_000, NOW + 1).length);
    expect(o.rpmNow).toBe(2);
    expect(o).toMatchObject({ timezone: TZ, todayStartsAt: new Date(TODAY).toISOString(), scope: 'hub', inFlight: 0 });
  });

  test('a plain user sees only their own figures', async () => {
    const o = await get('/stats/overview', Overview, bob.key);
    const own = rows.filter((r) => r.user_id === bob.userId);
    expectTotals(o.today, sums(between(TODAY, NOW + 1, own)));
    expectTotals(o.yesterday, sums(between(TODAY - DAY, TODAY, own)));
    expect(o.scope).toBe('user');
    expect(o.rpmNow).toBe(0);
  });

  test('a timezone change moves the day boundaries at once', async () => {
    await t.api('PATCH', '/api/v1/settings', { timezone: 'UTC' });
    try {
      const o = await get('/stats/overview', Overview);
      expectTotals(o.today, sums(between(Date.UTC(2026, 0, 15), NOW + 1)));
      expectTotals(o.yesterday, sums(between(Date.UTC(2026, 0, 14), Date.UTC(2026, 0, 15))));
    } finally {
      await t.api('PATCH', '/api/v1/settings', { timezone: TZ });
    }
  });
});

describe('leaderboard', () => {
  const MONDAY = Date.UTC(2026, 0, 11, 16);
  const MONTH = Date.UTC(2025, 11, 31, 16);
  const byUser = (r: Row) => r.user_id;

  test('daily, weekly, monthly and all-time, by user', async () => {
    expectBoard(await get('/leaderboard?period=daily&scope=user', Leaderboard), between(TODAY, NOW + 1), byUser);
    expectBoard(await get('/leaderboard?period=weekly&scope=user', Leaderboard), between(MONDAY, NOW + 1), byUser);
    expectBoard(await get('/leaderboard?period=monthly&scope=user', Leaderboard), between(MONTH, NOW + 1), byUser);
    const all = await get('/leaderboard?period=all&scope=user', Leaderboard);
    expectBoard(all, rows, byUser);
    expect(all.items.map((i) => i.name).sort()).toEqual(['alice', 'bob']);
  });

  test('a custom range of local dates covers whole days', async () => {
    const board = await get('/leaderboard?period=custom&scope=key&from=2026-01-14&to=2026-01-14', Leaderboard);
    expectBoard(board, between(TODAY - DAY, TODAY), (r) => r.key_id);
    expect(board.from).toBe(new Date(TODAY - DAY).toISOString());
    expect(board.to).toBe(new Date(TODAY).toISOString());
  });

  test('by model, and by provider with success rate, latency, cost per request and cache-hit rate', async () => {
    expectBoard(await get('/leaderboard?period=all&scope=model', Leaderboard), rows, (r) => r.model);
    const providers = await get('/leaderboard?period=all&scope=provider', Leaderboard);
    expectBoard(providers, rows, (r) => r.provider_id);
    for (const item of providers.items) {
      const s = sums(rows.filter((r) => r.provider_id === item.id));
      expect(item.successRate).toBeCloseTo((s.requests - s.errors) / s.requests, 9);
      expect(item.costPerRequest).toBeCloseTo(s.costUsd / s.requests, 9);
      expect(item.cacheHitRate).toBeCloseTo(
        s.cacheReadTokens / (s.inputTokens + s.cacheReadTokens + s.cacheWriteTokens),
        9,
      );
      expect(item.avgLatencyMs).toBe(Math.round(s.durationMs / s.requests));
    }
    expect(providers.items.map((i) => i.name).sort()).toEqual(['claude-up', 'openai-up']);
    expect(providers.items.map((i) => i.id).sort()).toEqual([ids.anthropic, ids.openai].sort());
  });

  test('a plain user ranks only their own usage and never providers', async () => {
    expectBoard(
      await get('/leaderboard?period=all&scope=key', Leaderboard, alice.key),
      rows.filter((r) => r.user_id === alice.userId),
      (r) => r.key_id,
    );
    const users = await get('/leaderboard?period=all&scope=user', Leaderboard, alice.key);
    expect(users.items.map((i) => i.id)).toEqual([alice.userId]);
    const refused = await t.api('GET', '/api/v1/leaderboard?scope=provider', undefined, alice.key);
    expect(refused.status).toBe(403);
  });

  test('the CSV export carries the same figures', async () => {
    const board = await get('/leaderboard?period=all&scope=user', Leaderboard);
    const res = await fetch(`${t.url}/api/v1/leaderboard/export.csv?period=all&scope=user`, {
      headers: { authorization: `Bearer ${'test-admin-token-0123456789'}` },
    });
    expect(res.headers.get('content-type')).toContain('text/csv');
    const lines = (await res.text()).trim().split('\r\n');
    expect(lines[0]).toBe(
      'rank,id,name,requests,errors,costUsd,inputTokens,outputTokens,cacheReadTokens,cacheWriteTokens,' +
        'cacheSavingsUsd,successRate,avgLatencyMs,costPerRequest,cacheHitRate',
    );
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 6))).toEqual(
      board.items.map((i, n) => [String(n + 1), i.id, i.name, String(i.requests), String(i.errors), String(i.costUsd)]),
    );
  });

  test('bad periods and ranges are 400s naming the field', async () => {
    const bad = async (query: string, field: string) => {
      const r = await t.api<{ error: { field: string } }>('GET', `/api/v1/leaderboard?${query}`);
      expect(r.status, query).toBe(400);
      expect(r.json.error.field).toBe(field);
    };
    await bad('period=yearly', 'period');
    await bad('scope=team', 'scope');
    await bad('period=custom', 'from');
    await bad('period=daily&from=2026-01-01', 'from');
    await bad('period=custom&from=2026-01-10&to=2026-01-01', 'to');
    await bad('period=custom&from=yesterday', 'from');
  });
});

describe('time series', () => {
  test('today: hourly buckets in local time, per user, summing to the day', async () => {
    const ts = await get('/stats/timeseries?range=today&groupBy=user', Timeseries);
    expect(ts.granularity).toBe('hour');
    expect(ts.buckets).toHaveLength(24);
    expect(ts.buckets[0]).toEqual({ start: new Date(TODAY).toISOString(), label: '00:00' });
    const today = between(TODAY, NOW + 1);
    for (const series of ts.series) {
      const own = today.filter((r) => r.user_id === series.id);
      const expected = ts.buckets.map((_, h) => between(TODAY + h * HOUR, TODAY + (h + 1) * HOUR, own).length);
      expect(series.requests).toEqual(expected);
    }
    expect(ts.total.requests.reduce((a, b) => a + b, 0)).toBe(today.length);
    expect(ts.total.costUsd.reduce((a, b) => a + b, 0)).toBeCloseTo(sums(today).costUsd, 9);
    expect(ts.total.requests[0]).toBe(1); // 00:30 local
  });

  test('7 and 30 days: daily buckets ending today', async () => {
    const week = await get('/stats/timeseries?range=7d', Timeseries);
    expect(week.granularity).toBe('day');
    expect(week.buckets.map((b) => b.label)).toEqual([
      '2026-01-09',
      '2026-01-10',
      '2026-01-11',
      '2026-01-12',
      '2026-01-13',
      '2026-01-14',
      '2026-01-15',
    ]);
    const perDay = week.buckets.map((_, i) => between(TODAY - (6 - i) * DAY, TODAY - (5 - i) * DAY).length);
    expect(week.total.requests).toEqual(perDay);
    const month = await get('/stats/timeseries?range=30d&groupBy=model&top=1', Timeseries);
    expect(month.buckets).toHaveLength(30);
    expect(month.series.map((s) => s.id)).toHaveLength(2); // the top model and "other"
    expect(month.series[1]?.id).toBe('other');
    expect(month.total.requests.reduce((a, b) => a + b, 0)).toBe(between(TODAY - 29 * DAY, NOW + 1).length);
  });

  test('plain users cannot group by provider; bad input is a 400', async () => {
    expect((await t.api('GET', '/api/v1/stats/timeseries?groupBy=provider', undefined, bob.key)).status).toBe(403);
    expect((await t.api('GET', '/api/v1/stats/timeseries?groupBy=provider')).status).toBe(200);
    expect((await t.api('GET', '/api/v1/stats/timeseries?range=1y')).status).toBe(400);
    expect((await t.api('GET', '/api/v1/stats/timeseries?top=0')).status).toBe(400);
  });
});

describe('my usage', () => {
  test('the usage page sums only the caller’s own rows', async () => {
    const own = rows.filter((r) => r.user_id === alice.userId);
    const usage = await get('/me/usage', MeUsage, alice.key);
    const range = between(TODAY - 29 * DAY, NOW + HOUR, own);
    expectTotals(usage.totals, sums(range));
    expectTotals(usage.today, sums(between(TODAY, NOW + 1, own)));
    expect(usage.byKey.map((k) => k.id).sort()).toEqual([alice.keyId, alice.keyId2].sort());
    expect(usage.days).toHaveLength(30);
    expect(usage.days.at(-1)).toMatchObject({ date: '2026-01-15', requests: between(TODAY, NOW + 1, own).length });
  });

  test('my requests: mine only, without provider details', async () => {
    const list = await get('/me/requests?limit=500', RequestList, bob.key);
    expect(list.items.map((r) => r.id).sort()).toEqual(
      rows
        .filter((r) => r.user_id === bob.userId)
        .map((r) => r.id)
        .sort(),
    );
    for (const r of list.items) {
      expect(r.providerId).toBeNull();
      expect(r.providerName).toBeNull();
      expect(JSON.stringify(r.decisionChain)).not.toMatch(/prv_|openai-up|claude-up/);
    }
    const admin = await get(`/requests/${list.items[0]?.id}`, { parse: (v) => v as { providerId: string } });
    expect(admin.providerId).toMatch(/^prv_/);
  });
});
