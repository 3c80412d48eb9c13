// The overview's figures rollups cannot hold (median latency, RPM, in flight) and rollup sums, with chosen durations.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { ManualClock } from '../../main/core/clock';
import { Overview } from '../../shared/api-schemas';
import { logRecords, record } from '../api/records';
import { as, call, startTestHub, type TestHub } from './helpers';

const NOW = Date.UTC(2026, 3, 10, 2); // 02:00: yesterday is recent enough to take late rows
const TODAY = Date.UTC(2026, 3, 10);
let hub: TestHub;
const inFlight = 3;

beforeAll(async () => {
  hub = await startTestHub({ inFlight: () => inFlight }, { clock: new ManualClock(NOW) });
  const at = (t: number, durationMs: number, userId = 'usr_a', over = {}) =>
    record({ createdAt: t, durationMs, userId, keyId: `key_${userId}`, providerId: 'prv_x', ...over });
  logRecords(hub.database.sqlite, [
    at(TODAY + 1000, 100),
    at(TODAY + 2000, 300, 'usr_b'),
    at(TODAY + 3000, 200, 'usr_a', { cacheSavingsUsd: 0.25, cacheReadTokens: 1000, status: 429 }),
    at(NOW - 30_000, 900, 'usr_b'),
    at(TODAY - 3_600_000, 50),
    at(TODAY - 7_200_000, 70),
    at(TODAY - 10_800_000, 60, 'usr_b'),
  ]);
});
afterAll(async () => {
  await hub.close();
});

test('median latency of today and yesterday, RPM now, requests in flight', async () => {
  const o = as(await call(hub, 'GET', '/stats/overview'), 200, Overview);
  expect(o.today).toMatchObject({
    requests: 4,
    errors: 1,
    p50LatencyMs: 250,
    avgLatencyMs: 375,
    errorRate: 0.25,
    cacheReadTokens: 1000,
    cacheSavingsUsd: 0.25,
  });
  expect(o.today.costUsd).toBeCloseTo(0.004, 12);
  expect(o.yesterday).toMatchObject({ requests: 3, p50LatencyMs: 60 });
  expect(o.rpmNow).toBe(1);
  expect(o.inFlight).toBe(3);
});

test("a plain user's medians are their own; a late row in yesterday refreshes its median", async () => {
  const { key } = await userKey('usr');
  const own = as(await call(hub, 'GET', '/stats/overview', { token: key }), 200, Overview);
  expect(own.today).toMatchObject({ requests: 0, p50LatencyMs: null, avgLatencyMs: null, errorRate: 0 });
  expect(own.inFlight).toBe(0);

  logRecords(hub.database.sqlite, [record({ createdAt: TODAY - 60_000, durationMs: 1000, userId: 'usr_b' })]);
  const o = as(await call(hub, 'GET', '/stats/overview'), 200, Overview);
  expect(o.yesterday).toMatchObject({ requests: 4, p50LatencyMs: 65 });
});

async function userKey(name: string) {
  const u = (await call(hub, 'POST', '/users', { body: { name } })).body as { id: string };
  return (await call(hub, 'POST', `/users/${u.id}/keys`, { body: { name: 'k' } })).body as { key: string };
}
