// What a team lead's first hour relies on in the API: provider health from tests and traffic (apart from the breaker),
// testing a provider's form before saving it, past expiries refused on their field, field errors a client can word,
// and the request log's status classes (blocked rows included).
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { ManualClock } from '../../main/core/clock';
import { Provider, ProviderTestResult, RequestList } from '../../shared/api-schemas';
import { type FakeUpstream, startFakeUpstream } from '../fake-upstream';
import { startTestHub, type TestHub } from '../helpers/test-hub';

const UPSTREAM_KEY = 'sk-upstream-secret-lead-0123456789';
const MODEL = 'claude-sonnet-4-6';
const clock = new ManualClock(Date.UTC(2026, 10, 26, 9, 0, 0));
let fake: FakeUpstream;
let t: TestHub;

beforeAll(async () => {
  fake = await startFakeUpstream({ apiKey: UPSTREAM_KEY });
  t = await startTestHub({ clock });
});
afterAll(async () => {
  await t.stop();
  await fake.close();
});
afterEach(() => fake.reset());

const provider = async (id: string) => Provider.parse((await t.api('GET', `/api/v1/providers/${id}`)).json);
const listed = async (id: string) =>
  (await t.api<{ items: unknown[] }>('GET', '/api/v1/providers')).json.items
    .map((p) => Provider.parse(p))
    .find((p) => p.id === id);

describe('provider health', () => {
  test('untested, then failing after a failed test (list and item alike), ok after a good one; breaker untouched', async () => {
    const p = await t.addProvider(fake.url, { apiKey: UPSTREAM_KEY });
    expect((await provider(p.id)).health).toEqual({
      state: 'untested',
      lastCheckedAt: null,
      lastError: null,
      errorRate1h: null,
      firstByteP50Ms1h: null,
    });

    fake.enqueue({ kind: 'status', status: 401, body: { type: 'error', error: { type: 'x', message: 'bad key' } } });
    const failed = ProviderTestResult.parse((await t.api('POST', `/api/v1/providers/${p.id}/test`, {})).json);
    expect(failed.ok).toBe(false);
    for (const seen of [await provider(p.id), await listed(p.id)]) {
      expect(seen?.health).toMatchObject({
        state: 'failing',
        lastCheckedAt: new Date(clock.now()).toISOString(),
        errorRate1h: 1,
      });
      expect(seen?.health.lastError).toContain('HTTP 401');
      expect(seen?.breaker.state).toBe('closed');
    }

    clock.advance(1000);
    fake.enqueue({ kind: 'ok', text: 'Hello there' });
    expect(ProviderTestResult.parse((await t.api('POST', `/api/v1/providers/${p.id}/test`, {})).json).ok).toBe(true);
    const healed = (await provider(p.id)).health;
    expect(healed).toMatchObject({ state: 'ok', errorRate1h: 0.5 });
    expect(healed.lastError).toContain('HTTP 401'); // the last failure stays readable after the recovery
    await t.api('DELETE', `/api/v1/providers/${p.id}`);
  });

  test('real traffic: error rate and median first byte over the last hour, then forgotten after it', async () => {
    const own = await startTestHub({ clock });
    try {
      const p = await own.addProvider(fake.url, { apiKey: UPSTREAM_KEY, attempts: 1 });
      const { key } = await own.addUserWithKey();
      const sendOwn = (k: string) =>
        fetch(`${own.url}/v1/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-api-key': k },
          body: JSON.stringify({ model: MODEL, max_tokens: 5, messages: [{ role: 'user', content: 'hi' }] }),
        }).then((r) => r.arrayBuffer().then(() => r.status));
      expect(await sendOwn(key)).toBe(200);
      expect(await sendOwn(key)).toBe(200);
      fake.enqueue({
        kind: 'status',
        status: 500,
        body: { type: 'error', error: { type: 'api_error', message: 'boom' } },
      });
      expect(await sendOwn(key)).toBe(502);
      const get = async () => Provider.parse((await own.api('GET', `/api/v1/providers/${p.id}`)).json).health;
      const h = await get();
      expect(h.state).toBe('failing');
      expect(h.errorRate1h).toBeCloseTo(1 / 3, 5);
      expect(h.firstByteP50Ms1h).toBe(0); // the manual clock stands still: every first byte took 0 ms
      expect(h.lastError).toContain('upstream_5xx');
      expect(await sendOwn(key)).toBe(200);
      expect((await get()).state).toBe('ok');
      clock.advance(61 * 60_000);
      expect(await get()).toMatchObject({ state: 'ok', errorRate1h: null, firstByteP50Ms1h: null });
    } finally {
      await own.stop();
    }
  });
});

describe('testing a provider from its form', () => {
  test('a draft is tested without being saved; without a key it borrows the saved provider’s', async () => {
    const before = (await t.api<{ items: unknown[] }>('GET', '/api/v1/providers')).json.items.length;
    fake.enqueue({ kind: 'ok', text: 'Hi from the draft' });
    const r = await t.api('POST', '/api/v1/providers/test', {
      name: 'draft',
      type: 'anthropic',
      baseUrl: fake.url,
      apiKey: UPSTREAM_KEY,
    });
    expect(r.status).toBe(200);
    expect(ProviderTestResult.parse(r.json)).toMatchObject({ ok: true, firstWords: 'Hi from the draft' });
    expect(fake.calls.at(-1)?.headers['x-api-key']).toBe(UPSTREAM_KEY);
    expect((await t.api<{ items: unknown[] }>('GET', '/api/v1/providers')).json.items).toHaveLength(before);

    const wrong = await t.api('POST', '/api/v1/providers/test', {
      name: 'draft',
      type: 'anthropic',
      baseUrl: fake.url,
      apiKey: 'sk-wrong',
    });
    expect(ProviderTestResult.parse(wrong.json).ok).toBe(false);

    const saved = await t.addProvider(fake.url, { apiKey: UPSTREAM_KEY });
    const borrowed = await t.api('POST', '/api/v1/providers/test', {
      name: 'edited',
      type: 'anthropic',
      baseUrl: fake.url,
      providerId: saved.id,
    });
    expect(ProviderTestResult.parse(borrowed.json).ok).toBe(true);
    expect((await provider(saved.id)).health.state).toBe('untested'); // a draft's test is not the saved one's
    const keyless = await t.api('POST', '/api/v1/providers/test', { name: 'x', type: 'anthropic', baseUrl: fake.url });
    expect(keyless.status).toBe(400);
    expect(keyless.json).toMatchObject({ error: { field: 'apiKey' } });
  });

  test('a provider can be saved disabled', async () => {
    const r = await t.api('POST', '/api/v1/providers', {
      name: 'off',
      type: 'anthropic',
      baseUrl: fake.url,
      apiKey: UPSTREAM_KEY,
      enabled: false,
    });
    expect(r.status).toBe(201);
    expect(Provider.parse(r.json).enabled).toBe(false);
  });
});

describe('expiry already past', () => {
  test('is refused on the expiresAt field for users and keys, created or edited (a minute of grace for now)', async () => {
    const past = new Date(clock.now() - 61_000).toISOString();
    const future = new Date(clock.now() + 86_400_000).toISOString();
    const expectPast = (r: { status: number; json: unknown }) => {
      expect(r.status).toBe(400);
      expect(r.json).toMatchObject({ error: { code: 'expiry_in_past', field: 'expiresAt', reason: 'in_past' } });
    };
    expectPast(await t.api('POST', '/api/v1/users', { name: 'late', expiresAt: past }));
    const { userId, keyId } = await t.addUserWithKey();
    expectPast(await t.api('PATCH', `/api/v1/users/${userId}`, { expiresAt: past }));
    expectPast(await t.api('POST', `/api/v1/users/${userId}/keys`, { name: 'k', expiresAt: past }));
    expectPast(await t.api('PATCH', `/api/v1/keys/${keyId}`, { expiresAt: past }));
    expect((await t.api('PATCH', `/api/v1/keys/${keyId}`, { expiresAt: future })).status).toBe(200);
    expect((await t.api('PATCH', `/api/v1/keys/${keyId}`, { expiresAt: null })).status).toBe(200);
    // "Expire now" from a browser whose clock runs a little behind the hub's is still taken
    const justNow = new Date(clock.now() - 30_000).toISOString();
    expect((await t.api('PATCH', `/api/v1/keys/${keyId}`, { expiresAt: justNow })).status).toBe(200);
    // once expired, an edit that resends the same expiry (the form does) is not refused
    clock.advance(120_000);
    const renamed = await t.api('PATCH', `/api/v1/keys/${keyId}`, { name: 'renamed', expiresAt: justNow });
    expect(renamed.status).toBe(200);
  });
});

describe('field errors a client can word', () => {
  test.each([
    [{ type: 'anthropic', baseUrl: 'http://x', apiKey: 'k' }, 'name', 'required', undefined],
    [{ name: '', type: 'anthropic', baseUrl: 'http://x', apiKey: 'k' }, 'name', 'required', undefined],
    [{ name: 'n', type: 'anthropic', baseUrl: 'ftp://x', apiKey: 'k' }, 'baseUrl', 'invalid_url', undefined],
    [
      { name: 'n', type: 'anthropic', baseUrl: 'http://x', apiKey: 'k', costMultiplier: -1 },
      'costMultiplier',
      'too_small',
      0,
    ],
    [{ name: 'n', type: 'anthropic', baseUrl: 'http://x', apiKey: 'k', attempts: 11 }, 'attempts', 'too_big', 10],
    [{ name: 'n', type: 'nope', baseUrl: 'http://x', apiKey: 'k' }, 'type', 'invalid_value', undefined],
  ])('%j → %s %s', async (body, field, reason, limit) => {
    const r = await t.api('POST', '/api/v1/providers', body);
    expect(r.status).toBe(400);
    expect(r.json).toEqual({
      error: expect.objectContaining({ field, reason, ...(limit === undefined ? {} : { limit }) }),
    });
  });
});

describe('the request log by status class', () => {
  test('2xx, 5xx and blocked (a disabled key refused before any provider)', async () => {
    const own = await startTestHub({ clock });
    try {
      await own.addProvider(fake.url, { apiKey: UPSTREAM_KEY, attempts: 1 });
      const good = await own.addUserWithKey();
      const off = await own.addUserWithKey();
      await own.api('PATCH', `/api/v1/keys/${off.keyId}`, { enabled: false });
      const sendOwn = (k: string) =>
        fetch(`${own.url}/v1/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-api-key': k },
          body: JSON.stringify({ model: MODEL, max_tokens: 5, messages: [{ role: 'user', content: 'hi' }] }),
        }).then((r) => r.arrayBuffer().then(() => r.status));
      expect(await sendOwn(good.key)).toBe(200);
      fake.enqueue({ kind: 'status', status: 500 });
      expect(await sendOwn(good.key)).toBe(502);
      expect(await sendOwn(off.key)).toBe(401);
      own.fold();
      const list = async (status: string) =>
        RequestList.parse((await own.api('GET', `/api/v1/requests?status=${status}`)).json).items;
      expect((await list('2xx')).map((r) => r.status)).toEqual([200]);
      expect((await list('5xx')).map((r) => r.status)).toEqual([502]);
      const blocked = await list('blocked');
      expect(blocked).toHaveLength(1);
      expect(blocked[0]).toMatchObject({ status: 401, blockedBy: 'key_disabled', keyId: off.keyId, model: MODEL });
      expect((await list('4xx')).map((r) => r.status)).toEqual([401]);
      expect((await list('200')).map((r) => r.status)).toEqual([200]);
      expect((await own.api('GET', '/api/v1/requests?status=6xx')).status).toBe(400);
    } finally {
      await own.stop();
    }
  });
});
