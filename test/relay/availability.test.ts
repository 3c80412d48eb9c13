// Provider availability from real traffic (official SDK, failing fake provider): failures by class, retried attempts,
// latency, persisted breaker transitions; and the public status page, off by default and showing only what is chosen.
import Anthropic from '@anthropic-ai/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeUpstream, startFakeUpstream } from '../fake-upstream';
import { startTestHub, type TestHub } from '../helpers/test-hub';

let a: FakeUpstream;
let b: FakeUpstream;
let t: TestHub;
let key: string;
let flaky: { id: string; name: string };
let steady: { id: string; name: string };

beforeAll(async () => {
  a = await startFakeUpstream();
  b = await startFakeUpstream();
  t = await startTestHub();
  const breaker = { failureThreshold: 2, openMs: 600_000, halfOpenSuccesses: 1 };
  flaky = await t.addProvider(a.url, { name: 'flaky-upstream', priority: 0, attempts: 1, breaker });
  steady = await t.addProvider(b.url, { name: 'steady-upstream', priority: 1, attempts: 1 });
  ({ key } = await t.addUserWithKey());
});
afterAll(async () => {
  await t.stop();
  await a.close();
  await b.close();
});

interface Report {
  breakerNow: string;
  totals: {
    requests: number;
    errors: number;
    retried: number;
    errorsByClass: Record<string, number>;
    availability: number | null;
    ttfbP50Ms: number | null;
    latencyP95Ms: number | null;
  };
  buckets: { start: string; status: string; breaker: string; retried: number }[];
  transitions: { from: string; to: string; reason: string }[];
}

/** Each call opens a session of its own (a sticky session would stay on the provider that answered it). */
const ask = (n: number) =>
  new Anthropic({ apiKey: key, baseURL: t.url, maxRetries: 0 }).messages.create({
    model: 'claude-sonnet-4-6',
    max_tokens: 10,
    messages: [{ role: 'user', content: `question ${n}` }],
  });

function settle(): void {
  t.fold();
  t.hub.internals.breakerLog.flush();
}

const report = async (id: string, query = 'bucket=5m') =>
  t.api<Report>('GET', `/api/v1/providers/${id}/availability?${query}`);

describe('provider availability', () => {
  it('shows failed attempts by class, latency and the breaker opening, from real traffic', async () => {
    a.setDefault({ kind: 'status', status: 529 });
    for (let i = 0; i < 4; i++) await ask(i); // two fail over from the flaky one, then its breaker is open
    settle();
    const bad = await report(flaky.id);
    expect(bad.status).toBe(200);
    expect(bad.json.breakerNow).toBe('open');
    expect(bad.json.totals).toMatchObject({ requests: 0, errors: 0, retried: 2, availability: 0 });
    expect(bad.json.totals.errorsByClass).toEqual({ upstream_5xx: 2 });
    expect(bad.json.transitions).toMatchObject([{ from: 'closed', to: 'open', reason: '2 consecutive failures' }]);
    expect(bad.json.buckets.at(-1)).toMatchObject({ status: 'down', breaker: 'open' });

    const good = await report(steady.id);
    expect(good.json.totals).toMatchObject({ requests: 4, errors: 0, retried: 0, availability: 1 });
    expect(good.json.totals.ttfbP50Ms).toBeGreaterThanOrEqual(0);
    expect(good.json.totals.latencyP95Ms).toBeGreaterThanOrEqual(good.json.totals.ttfbP50Ms as number);
    expect(good.json.buckets.at(-1)?.status).toBe('ok');
    // the default range: the last 24 hours in hourly buckets
    const day = await report(steady.id, '');
    expect(day.json.buckets.length).toBeGreaterThanOrEqual(24);

    // an admin reset is a transition too, kept across a restart of the reader
    expect((await t.api('POST', `/api/v1/providers/${flaky.id}/breaker/reset`)).status).toBe(200);
    settle();
    const after = await report(flaky.id);
    expect(after.json.transitions.map((x) => x.to)).toEqual(['open', 'closed']);
    expect(after.json.breakerNow).toBe('closed');
  });

  it('refuses a reversed range, too many buckets and an unknown provider', async () => {
    const now = Date.now();
    const iso = (ms: number) => new Date(ms).toISOString();
    const reversed = await report(steady.id, `from=${iso(now)}&to=${iso(now - 1000)}`);
    expect(reversed.status).toBe(400);
    const tooMany = await report(steady.id, `from=${iso(now - 30 * 86_400_000)}&to=${iso(now)}&bucket=5m`);
    expect(tooMany.status).toBe(400);
    expect(tooMany.json).toMatchObject({ error: { field: 'bucket' } });
    expect((await report('prv_nope')).status).toBe(404);
    expect((await t.api('GET', `/api/v1/providers/${steady.id}/availability?bucket=2m`)).status).toBe(400);
  });
});

describe('public status page', () => {
  it('is off by default, then shows only the chosen providers under their display names, without credentials', async () => {
    expect((await fetch(`${t.url}/api/v1/status`)).status).toBe(404);
    const on = await t.api('PATCH', '/api/v1/settings', {
      statusPage: {
        enabled: true,
        title: 'Team relay',
        providers: [
          { providerId: steady.id, displayName: 'Claude (EU)' },
          { providerId: 'prv_deleted', displayName: 'Gone' },
        ],
        windowHours: 6,
        bucketMinutes: 15,
        showLatency: false,
      },
    });
    expect(on.status).toBe(200);
    const res = await fetch(`${t.url}/api/v1/status`);
    expect(res.status).toBe(200);
    const text = await res.text();
    const body = JSON.parse(text) as {
      title: string;
      providers: { name: string; status: string; buckets: unknown[] }[];
    };
    expect(body.title).toBe('Team relay');
    expect(body.providers.map((p) => p.name)).toEqual(['Claude (EU)']);
    expect(body.providers[0]?.status).toBe('ok');
    expect(body.providers[0]?.buckets).toHaveLength(24);
    for (const secret of [steady.id, steady.name, flaky.id, flaky.name, b.url, a.url, 'requests', 'ttfb']) {
      expect(text).not.toContain(secret);
    }
    await t.api('PATCH', '/api/v1/settings', {
      statusPage: { enabled: false, title: 'x', providers: [], windowHours: 24, bucketMinutes: 60, showLatency: false },
    });
    expect((await fetch(`${t.url}/api/v1/status`)).status).toBe(404);
  });
});
