// Governance through the real relay: quotas and spend windows, concurrency, breakers, stickiness, groups, model rules,
// schedules. A ManualClock drives every window; two or three fake upstreams stand in for providers.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Anthropic from '@anthropic-ai/sdk';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../main/core/clock';
import type { DecisionStep } from '../../main/core/model/decision';
import { type FakeUpstream, startFakeUpstream } from '../fake-upstream';
import { startTestHub, type TestHub } from '../helpers/test-hub';

const MODEL = 'claude-sonnet-4-6';
/** Monday 2026-11-23 10:00 UTC. */
const START = Date.UTC(2026, 10, 23, 10, 0, 0);
let fakes: FakeUpstream[] = [];

beforeAll(async () => {
  fakes = await Promise.all([startFakeUpstream(), startFakeUpstream(), startFakeUpstream()]);
});
afterAll(async () => {
  for (const f of fakes) await f.close();
});
afterEach(() => {
  for (const f of fakes) f.reset();
});

async function hubWith(clock: ManualClock, opts: { env?: Record<string, string>; dataDir?: string } = {}) {
  return startTestHub({ clock, env: { TZ: 'UTC', ...opts.env }, ...(opts.dataDir ? { dataDir: opts.dataDir } : {}) });
}

let sent = 0;

/** One request; each opens with new text, so requests without a session header are separate (hash) sessions. */
function send(
  t: TestHub,
  key: string,
  extra: { headers?: Record<string, string>; body?: Record<string, unknown> } = {},
) {
  const messages = [{ role: 'user', content: `question ${++sent}` }];
  return fetch(`${t.url}/v1/messages`, {
    method: 'POST',
    headers: { 'x-api-key': key, 'content-type': 'application/json', ...extra.headers },
    body: JSON.stringify({ model: MODEL, max_tokens: 5, messages, ...extra.body }),
  });
}

function chainOf(t: TestHub, id: string | null): DecisionStep[] {
  t.fold();
  const [row] = t.rows('SELECT decision_chain FROM requests WHERE id = ?', id);
  return JSON.parse(row?.decision_chain as string) as DecisionStep[];
}

describe('RPM', () => {
  it('the request over the limit gets a 429 with Retry-After and rate-limit headers, then recovers', async () => {
    const clock = new ManualClock(START);
    const t = await hubWith(clock);
    await t.addProvider(fakes[0]?.url as string);
    const { key, userId } = await t.addUserWithKey({ rpm: 3 });
    for (let i = 0; i < 3; i++) {
      expect((await send(t, key)).status).toBe(200);
      clock.advance(10_000);
    }
    const refused = await send(t, key);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('x-cchub-error-code')).toBe('rpm_limit');
    expect(refused.headers.get('retry-after')).toBe('30'); // the first request leaves the window 60 s after it came
    expect(refused.headers.get('x-ratelimit-limit')).toBe('3');
    expect(refused.headers.get('x-ratelimit-remaining')).toBe('0');
    const body = (await refused.json()) as { error: { message: string } };
    expect(body.error.message).toMatch(/requests-per-minute/);
    t.fold();
    const [blocked] = t.rows(
      'SELECT status, blocked_by, error_class FROM requests WHERE user_id = ? AND blocked_by IS NOT NULL',
      userId,
    );
    // SPEC 8.2: a quota refusal is blocked by "quota"; the window is its error class.
    expect(blocked).toEqual({ status: 429, blocked_by: 'quota', error_class: 'rpm_limit' });
    clock.advance(30_000);
    expect((await send(t, key)).status).toBe(200);
    await t.stop();
  });
});

describe('spend windows', () => {
  it('402 once the daily limit is used up; it survives a restart; it resets at the reset time', async () => {
    const clock = new ManualClock(START);
    const dataDir = mkdtempSync(join(tmpdir(), 'cchub-restart-'));
    const t = await hubWith(clock, { dataDir });
    await t.addProvider(fakes[0]?.url as string);
    const { key, userId } = await t.addUserWithKey({ limits: { dailyUsd: 0.01, dailyResetTime: '18:00' } });
    fakes[0]?.setDefault({ kind: 'ok', usage: { input: 1000, output: 500 } }); // 0.003 + 0.0075 = $0.0105 at sonnet-4-6 prices
    expect((await send(t, key)).status).toBe(200);
    const refused = await send(t, key);
    expect(refused.status).toBe(402);
    expect(refused.headers.get('x-cchub-error-code')).toBe('spend_limit');
    expect(Number(refused.headers.get('retry-after'))).toBe(8 * 3600); // 10:00 → 18:00
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/daily spend/);
    await t.stop();

    const again = await hubWith(clock, { dataDir });
    expect((await send(again, key)).status).toBe(402);
    clock.set(Date.UTC(2026, 10, 23, 17, 59, 59));
    expect((await send(again, key)).status).toBe(402);
    clock.set(Date.UTC(2026, 10, 23, 18, 0, 0));
    expect((await send(again, key)).status).toBe(200);
    const quota = await again.api<{ items: { window: string; used: number; limit: number | null }[] }>(
      'GET',
      `/api/v1/users/${userId}/quota`,
    );
    expect(quota.status).toBe(200);
    const daily = quota.json.items.find((i) => i.window === 'daily');
    expect(daily?.limit).toBe(0.01);
    expect(daily?.used).toBeCloseTo(0.0105, 9);
    await again.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('a key limit tighter than its user refuses first, and the reverse', async () => {
    const clock = new ManualClock(START);
    const t = await hubWith(clock);
    await t.addProvider(fakes[0]?.url as string);
    fakes[0]?.setDefault({ kind: 'ok', usage: { input: 1000, output: 500 } });
    // key tighter than user
    const u1 = await t.addUser({ limits: { weeklyUsd: 1 } });
    const k1 = await t.addKey(u1.id, { limits: { weeklyUsd: 0.01 } });
    expect((await send(t, k1.key)).status).toBe(200);
    const r1 = await send(t, k1.key);
    expect(r1.status).toBe(402);
    expect(((await r1.json()) as { error: { message: string } }).error.message).toMatch(/key/);
    // user tighter than key: a second key of the same user shares the user's window
    const u2 = await t.addUser({ limits: { monthlyUsd: 0.01 } });
    const k2a = await t.addKey(u2.id, { limits: { monthlyUsd: 5 } });
    const k2b = await t.addKey(u2.id);
    expect((await send(t, k2a.key)).status).toBe(200);
    const r2 = await send(t, k2b.key);
    expect(r2.status).toBe(402);
    expect(((await r2.json()) as { error: { message: string } }).error.message).toMatch(/user/);
    await t.stop();
  });

  it('a provider over its own spend limit is skipped, the chain says so, and its quota shows the use', async () => {
    const clock = new ManualClock(START);
    const t = await hubWith(clock);
    const [a, b] = fakes as [FakeUpstream, FakeUpstream];
    a.setDefault({ kind: 'ok', usage: { input: 1000, output: 500 } });
    const pa = await t.addProvider(a.url, { name: 'capped', priority: 0, limits: { dailyUsd: 0.01 } });
    await t.addProvider(b.url, { name: 'spare', priority: 1 });
    const { key, keyId } = await t.addUserWithKey();
    await send(t, key);
    const second = await send(t, key);
    expect(a.calls).toHaveLength(1);
    expect(b.calls).toHaveLength(1);
    expect(chainOf(t, second.headers.get('x-cchub-request-id')).find((s) => s.kind === 'filtered')).toMatchObject({
      providerName: 'capped',
      reason: expect.stringMatching(/over its daily spend limit/),
    });
    const pq = await t.api<{ items: { window: string; used: number; limit: number | null }[] }>(
      'GET',
      `/api/v1/providers/${pa.id}/quota`,
    );
    expect(pq.json.items.find((i) => i.window === 'daily')).toMatchObject({ limit: 0.01 });
    expect(pq.json.items.find((i) => i.window === 'daily')?.used).toBeCloseTo(0.0105, 9);
    const kq = await t.api<{ items: { window: string; used: number }[] }>('GET', `/api/v1/keys/${keyId}/quota`);
    expect(kq.json.items.find((i) => i.window === 'daily')?.used).toBeGreaterThan(0.0105);
    await t.stop();
  });

  it('an admin reset of the total window lets the user spend again, and survives nothing else', async () => {
    const clock = new ManualClock(START);
    const t = await hubWith(clock);
    await t.addProvider(fakes[0]?.url as string);
    fakes[0]?.setDefault({ kind: 'ok', usage: { input: 1000, output: 500 } });
    const { key, userId } = await t.addUserWithKey({ limits: { totalUsd: 0.01, dailyUsd: 0.015 } });
    await send(t, key);
    expect((await send(t, key)).status).toBe(402);
    clock.advance(60_000);
    const reset = await t.api<{ items: { window: string; used: number }[] }>(
      'POST',
      `/api/v1/users/${userId}/quota/reset-total`,
    );
    expect(reset.status).toBe(200);
    expect(reset.json.items.find((i) => i.window === 'total')?.used).toBe(0);
    expect(reset.json.items.find((i) => i.window === 'daily')?.used).toBeCloseTo(0.0105, 9);
    clock.advance(1000);
    expect((await send(t, key)).status).toBe(200);
    // the daily window still counts both requests
    expect((await send(t, key)).status).toBe(402);
    expect((await t.api('POST', '/api/v1/users/usr_missing/quota/reset-total')).status).toBe(404);
    await t.stop();
  });

  it('count_tokens is never blocked by quotas', async () => {
    const clock = new ManualClock(START);
    const t = await hubWith(clock);
    await t.addProvider(fakes[0]?.url as string);
    const { key } = await t.addUserWithKey({ rpm: 1 });
    expect((await send(t, key)).status).toBe(200);
    expect((await send(t, key)).status).toBe(429);
    const count = await fetch(`${t.url}/v1/messages/count_tokens`, {
      method: 'POST',
      headers: { 'x-api-key': key, 'content-type': 'application/json' },
      body: JSON.stringify({ model: MODEL, messages: [{ role: 'user', content: 'x' }] }),
    });
    expect(count.status).toBe(200);
    await t.stop();
  });
});

describe('concurrent sessions', () => {
  it('a second session is refused while the first streams; the same session is not counted twice', async () => {
    const clock = new ManualClock(START);
    const t = await hubWith(clock);
    await t.addProvider(fakes[0]?.url as string);
    const { key } = await t.addUserWithKey({ limits: { concurrentSessions: 1 } });
    fakes[0]?.enqueue({ kind: 'ok', text: 'slow answer here', deltaDelayMs: 150 });
    const a = send(t, key, { headers: { 'x-claude-code-session-id': 'session-A' }, body: { stream: true } });
    const first = await a;
    expect(first.status).toBe(200);
    const sameSession = await send(t, key, { headers: { 'x-claude-code-session-id': 'session-A' } });
    expect(sameSession.status).toBe(200);
    const live = await t.api<{ items: { sessionId: string; inFlight: number; keyId: string }[] }>(
      'GET',
      '/api/v1/sessions?active=true',
    );
    expect(live.json.items).toEqual([expect.objectContaining({ sessionId: 'session-A', inFlight: 1 })]);
    const other = await send(t, key, { headers: { 'x-claude-code-session-id': 'session-B' } });
    expect(other.status).toBe(429);
    expect(other.headers.get('x-cchub-error-code')).toBe('concurrency_limit');
    expect(other.headers.get('retry-after')).toBe('5');
    await first.text();
    clock.advance(301_000); // session A's TTL ran out
    expect((await send(t, key, { headers: { 'x-claude-code-session-id': 'session-B' } })).status).toBe(200);
    await t.stop();
  });
});

describe('circuit breaker', () => {
  it('closed → open → skipped → half-open → closed, and a half-open failure re-opens it', async () => {
    const clock = new ManualClock(START);
    const t = await hubWith(clock);
    const [a, b] = fakes as [FakeUpstream, FakeUpstream];
    const pa = await t.addProvider(a.url, {
      name: 'A',
      priority: 0,
      attempts: 1,
      breaker: { failureThreshold: 2, openMs: 60_000, halfOpenSuccesses: 2 },
    });
    await t.addProvider(b.url, { name: 'B', priority: 1, attempts: 1 });
    const { key } = await t.addUserWithKey();
    a.setDefault({ kind: 'status', status: 500 });
    for (let i = 0; i < 2; i++) expect((await send(t, key)).status).toBe(200); // B answers after A fails
    expect(a.calls).toHaveLength(2);
    const skipped = await send(t, key);
    expect(a.calls).toHaveLength(2); // open: A not even tried
    const reason = chainOf(t, skipped.headers.get('x-cchub-request-id')).find((s) => s.kind === 'filtered');
    expect(reason).toMatchObject({ providerId: pa.id, reason: expect.stringMatching(/circuit open/) });

    clock.advance(60_000); // half-open: A gets traffic again; a failure re-opens it
    await send(t, key);
    expect(a.calls).toHaveLength(3);
    await send(t, key);
    expect(a.calls).toHaveLength(3);

    clock.advance(60_000);
    a.setDefault({ kind: 'ok' });
    await send(t, key);
    await send(t, key);
    expect(a.calls).toHaveLength(5);
    const breaker = await t.api<{ state: string; history: unknown[] }>('GET', `/api/v1/providers/${pa.id}/breaker`);
    expect(breaker.status).toBe(200);
    expect(breaker.json.state).toBe('closed');
    expect(breaker.json.history.length).toBeGreaterThanOrEqual(4);
    await t.stop();
  });

  it('an admin reset closes an open breaker at once', async () => {
    const clock = new ManualClock(START);
    const t = await hubWith(clock);
    const [a, b] = fakes as [FakeUpstream, FakeUpstream];
    const pa = await t.addProvider(a.url, {
      priority: 0,
      attempts: 1,
      breaker: { failureThreshold: 1, openMs: 600_000, halfOpenSuccesses: 1 },
    });
    await t.addProvider(b.url, { priority: 1 });
    const { key } = await t.addUserWithKey();
    a.enqueue({ kind: 'status', status: 500 });
    await send(t, key);
    expect((await t.api<{ state: string }>('GET', `/api/v1/providers/${pa.id}/breaker`)).json.state).toBe('open');
    await send(t, key);
    expect(a.calls).toHaveLength(1);
    expect((await t.api('POST', `/api/v1/providers/${pa.id}/breaker/reset`)).status).toBeLessThan(300);
    expect((await t.api<{ state: string }>('GET', `/api/v1/providers/${pa.id}/breaker`)).json.state).toBe('closed');
    await send(t, key);
    expect(a.calls).toHaveLength(2);
    await t.stop();
  });

  it('client errors and count_tokens never count against the breaker', async () => {
    const clock = new ManualClock(START);
    const t = await hubWith(clock);
    const [a] = fakes as [FakeUpstream];
    await t.addProvider(a.url, { attempts: 1, breaker: { failureThreshold: 1, openMs: 60_000, halfOpenSuccesses: 1 } });
    const { key } = await t.addUserWithKey();
    a.enqueue({ kind: 'status', status: 400 });
    expect((await send(t, key)).status).toBe(400);
    expect((await send(t, key)).status).toBe(200);
    await t.stop();
  });
});

describe('sticky sessions', () => {
  it('the same session stays on one provider across 20 requests while equal weights would spread them', async () => {
    const clock = new ManualClock(START);
    const t = await hubWith(clock);
    const [a, b, c] = fakes as [FakeUpstream, FakeUpstream, FakeUpstream];
    for (const f of [a, b, c]) await t.addProvider(f.url);
    const { key } = await t.addUserWithKey();
    for (let i = 0; i < 20; i++) {
      expect((await send(t, key, { headers: { 'x-claude-code-session-id': 'sticky-1' } })).status).toBe(200);
      clock.advance(5_000);
    }
    const counts = [a, b, c].map((f) => f.calls.length);
    expect(counts.sort()).toEqual([0, 0, 20]);
    // without a session id the same traffic spreads
    for (const f of [a, b, c]) f.reset();
    for (let i = 0; i < 30; i++) {
      await send(t, key, { body: { messages: [{ role: 'user', content: `opening ${i}` }] } });
    }
    expect([a, b, c].filter((f) => f.calls.length > 0).length).toBeGreaterThan(1);
    await t.stop();
  });

  it('rebinds after a failover success, and the decision chain says whether the binding was used', async () => {
    const clock = new ManualClock(START);
    const t = await hubWith(clock);
    const [a, b] = fakes as [FakeUpstream, FakeUpstream];
    await t.addProvider(a.url, { name: 'A', priority: 0, attempts: 1 });
    await t.addProvider(b.url, { name: 'B', priority: 1, attempts: 1 });
    const { key } = await t.addUserWithKey();
    const headers = { 'x-claude-code-session-id': 'rebind-1' };
    await send(t, key, { headers }); // bound to A
    a.enqueue({ kind: 'status', status: 503 });
    const failedOver = await send(t, key, { headers }); // A fails → B answers → rebound to B
    expect(failedOver.status).toBe(200);
    const next = await send(t, key, { headers });
    const chain = chainOf(t, next.headers.get('x-cchub-request-id'));
    expect(chain.find((s) => s.kind === 'session')).toMatchObject({ providerName: 'B' });
    expect(b.calls).toHaveLength(2);
    // the binding expires 300 s after the session's last request
    clock.advance(301_000);
    await send(t, key, { headers });
    expect(a.calls.length).toBe(3);
    await t.stop();
  });

  it('a provider that opts out of stickiness is not bound', async () => {
    const clock = new ManualClock(START);
    const t = await hubWith(clock);
    const [a] = fakes as [FakeUpstream];
    await t.addProvider(a.url, { sticky: false });
    const { key } = await t.addUserWithKey();
    await send(t, key, { headers: { 'x-claude-code-session-id': 's' } });
    const second = await send(t, key, { headers: { 'x-claude-code-session-id': 's' } });
    const chain = chainOf(t, second.headers.get('x-cchub-request-id'));
    expect(chain.some((s) => s.kind === 'session' && s.reason?.includes('reusing'))).toBe(false);
    await t.stop();
  });
});

describe('groups, model rules and schedules', () => {
  it('group isolation: a user sees only providers of their groups; default = untagged; * = all', async () => {
    const clock = new ManualClock(START);
    const t = await hubWith(clock);
    const [a, b] = fakes as [FakeUpstream, FakeUpstream];
    await t.addProvider(a.url, { name: 'team-a', groups: ['team-a'] });
    await t.addProvider(b.url, { name: 'untagged' });
    const teamA = await t.addUserWithKey({ groups: ['team-a'] });
    const plain = await t.addUserWithKey();
    const all = await t.addUserWithKey({ groups: ['*'] });
    for (let i = 0; i < 4; i++) await send(t, teamA.key);
    expect(a.calls).toHaveLength(4);
    expect(b.calls).toHaveLength(0);
    for (let i = 0; i < 4; i++) await send(t, plain.key);
    expect(b.calls).toHaveLength(4);
    expect(a.calls).toHaveLength(4);
    a.reset();
    b.reset();
    for (let i = 0; i < 20; i++) await send(t, all.key, { body: { messages: [{ role: 'user', content: `q${i}` }] } });
    expect(a.calls.length + b.calls.length).toBe(20);
    expect(a.calls.length).toBeGreaterThan(0);
    expect(b.calls.length).toBeGreaterThan(0);
    // a key's groups override its user's
    const override = await t.addKey(plain.userId, { groups: ['team-a'] });
    a.reset();
    await send(t, override.key);
    expect(a.calls).toHaveLength(1);
    await t.stop();
  });

  it('allowlist and redirect: the upstream receives the redirected model, the log keeps both', async () => {
    const clock = new ManualClock(START);
    const t = await hubWith(clock);
    const [a, b] = fakes as [FakeUpstream, FakeUpstream];
    await t.addProvider(a.url, {
      name: 'haiku-only',
      allowedModels: [{ match: 'prefix', pattern: 'claude-haiku' }],
    });
    await t.addProvider(b.url, {
      name: 'redirecting',
      priority: 1,
      modelRedirects: [{ match: 'regex', pattern: '^claude-sonnet-4-6$', target: 'claude-opus-4-6' }],
    });
    const { key } = await t.addUserWithKey();
    const res = await send(t, key);
    expect(res.status).toBe(200);
    expect(a.calls).toHaveLength(0);
    expect((b.calls[0]?.json as { model?: string } | undefined)?.model).toBe('claude-opus-4-6');
    t.fold();
    const [row] = t.rows(
      'SELECT model, upstream_model, decision_chain FROM requests WHERE id = ?',
      res.headers.get('x-cchub-request-id'),
    );
    expect(row).toMatchObject({ model: 'claude-sonnet-4-6', upstream_model: 'claude-opus-4-6' });
    const chain = JSON.parse(row?.decision_chain as string) as DecisionStep[];
    expect(chain.find((s) => s.kind === 'filtered')).toMatchObject({
      providerName: 'haiku-only',
      reason: expect.stringMatching(/does not serve model/),
    });
    const haiku = await send(t, key, { body: { model: 'claude-haiku-4-5' } });
    expect(haiku.status).toBe(200);
    expect(a.calls).toHaveLength(1);
    await t.stop();
  });

  it("a user's model allowlist refuses other models with 403", async () => {
    const clock = new ManualClock(START);
    const t = await hubWith(clock);
    await t.addProvider(fakes[0]?.url as string);
    const { key } = await t.addUserWithKey({ allowedModels: ['claude-haiku-*'] });
    const refused = await send(t, key);
    expect(refused.status).toBe(403);
    expect(refused.headers.get('x-cchub-error-code')).toBe('model_not_allowed');
    t.fold();
    expect(t.rows('SELECT blocked_by, error_class FROM requests WHERE blocked_by IS NOT NULL')).toEqual([
      { blocked_by: 'model', error_class: 'model_not_allowed' },
    ]);
    expect((await send(t, key, { body: { model: 'claude-haiku-4-5' } })).status).toBe(200);
    await t.stop();
  });

  it('a schedule window moves traffic with the clock; nothing left is a 503 that names no provider', async () => {
    const clock = new ManualClock(Date.UTC(2026, 10, 23, 21, 0));
    const t = await hubWith(clock);
    const [a] = fakes as [FakeUpstream];
    await t.addProvider(a.url, { name: 'night-shift', schedule: { start: '22:00', end: '06:00' } });
    const { key } = await t.addUserWithKey();
    const closed = await send(t, key);
    expect(closed.status).toBe(503);
    const msg = ((await closed.json()) as { error: { message: string } }).error.message;
    expect(msg).toMatch(/outside their schedule/);
    expect(msg).not.toContain('night-shift');
    clock.set(Date.UTC(2026, 10, 23, 23, 30));
    expect((await send(t, key)).status).toBe(200);
    clock.set(Date.UTC(2026, 10, 24, 5, 59));
    expect((await send(t, key)).status).toBe(200);
    clock.set(Date.UTC(2026, 10, 24, 6, 0));
    expect((await send(t, key)).status).toBe(503);
    await t.stop();
  });
});

describe('SDK view of a refusal', () => {
  it('the Anthropic SDK surfaces the 402 as an APIError with the hub message', async () => {
    const clock = new ManualClock(START);
    const t = await hubWith(clock);
    await t.addProvider(fakes[0]?.url as string);
    const { key } = await t.addUserWithKey({ limits: { totalUsd: 0.000001 } });
    fakes[0]?.setDefault({ kind: 'ok', usage: { input: 1000, output: 500 } });
    await send(t, key);
    const err = await new Anthropic({ apiKey: key, baseURL: t.url, maxRetries: 0 }).messages
      .create({ model: MODEL, max_tokens: 5, messages: [{ role: 'user', content: 'x' }] })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Anthropic.APIError);
    expect((err as InstanceType<typeof Anthropic.APIError>).status).toBe(402);
    expect((err as Error).message).toMatch(/total spend/);
    await t.stop();
  });
});
