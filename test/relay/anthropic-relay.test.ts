// The Anthropic relay end to end: the official SDK → hub → fake upstream, with tokens, cost and log rows checked.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Anthropic from '@anthropic-ai/sdk';
import { Client } from 'undici';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../main/core/clock';
import { type FakeUpstream, startFakeUpstream } from '../fake-upstream';
import { startTestHub, type TestHub } from '../helpers/test-hub';

const MODEL = 'claude-sonnet-4-6';
const price = (
  JSON.parse(readFileSync(join(__dirname, '../../resources/prices.json'), 'utf8')) as {
    models: Record<string, Record<string, number>>;
  }
).models[MODEL] as Record<string, number>;

let fake: FakeUpstream;
let t: TestHub;
let key: string;
let keyId: string;
let userId: string;
let providerId: string;
const clock = new ManualClock(Date.UTC(2026, 10, 26, 9, 0, 0));

beforeAll(async () => {
  fake = await startFakeUpstream({ apiKey: 'sk-ant-upstream-real-key' });
  t = await startTestHub({ clock });
  providerId = (await t.addProvider(fake.url, { apiKey: 'sk-ant-upstream-real-key' })).id;
  ({ key, keyId, userId } = await t.addUserWithKey());
});
afterAll(async () => {
  await t.stop();
  await fake.close();
});
afterEach(() => fake.reset());

const client = (apiKey = key, extra: Partial<ConstructorParameters<typeof Anthropic>[0]> = {}) =>
  new Anthropic({ apiKey, baseURL: t.url, maxRetries: 0, ...extra });

/** Expected cost from the bundled price table's numbers (the hub must match to the last digit). */
function expectedCost(u: { input: number; output: number; read: number; w5: number; w1: number }): number {
  const input = price.input_cost_per_token as number;
  return (
    u.input * input +
    u.output * (price.output_cost_per_token as number) +
    u.read * (price.cache_read_input_token_cost ?? 0.1 * input) +
    u.w5 * (price.cache_creation_input_token_cost ?? 1.25 * input) +
    u.w1 * (price.cache_creation_input_token_cost_above_1hr ?? 2 * input)
  );
}

function rowFor(id: string): Record<string, unknown> {
  t.fold();
  const [row] = t.rows('SELECT * FROM requests WHERE id = ?', id);
  if (!row) throw new Error(`no log row for ${id}`);
  return row;
}

describe('Anthropic relay', () => {
  it('JSON: answer, usage, cost and one log row with its decision chain', async () => {
    fake.enqueue({
      kind: 'ok',
      text: 'Hi there from upstream',
      usage: { input: 1200, output: 42, cacheRead: 3000, cacheWrite5m: 100, cacheWrite1h: 400 },
    });
    const { data, response } = await client()
      .messages.create({ model: MODEL, max_tokens: 100, messages: [{ role: 'user', content: 'hello' }] })
      .withResponse();
    expect(data.content[0]).toMatchObject({ type: 'text', text: 'Hi there from upstream' });
    expect(data.usage.cache_read_input_tokens).toBe(3000);
    const id = response.headers.get('x-cchub-request-id') as string;
    expect(id).toMatch(/^req_/);
    const row = rowFor(id);
    expect(row).toMatchObject({
      user_id: userId,
      key_id: keyId,
      provider_id: providerId,
      format: 'anthropic',
      endpoint: 'messages',
      model: MODEL,
      status: 200,
      stream: 0,
      input_tokens: 1200,
      output_tokens: 42,
      cache_read_tokens: 3000,
      cache_write_5m_tokens: 100,
      cache_write_1h_tokens: 400,
    });
    expect(row.cost_usd as number).toBeCloseTo(
      expectedCost({ input: 1200, output: 42, read: 3000, w5: 100, w1: 400 }),
      12,
    );
    const chain = JSON.parse(row.decision_chain as string) as { kind: string; providerId?: string; status?: number }[];
    expect(chain.map((s) => s.kind)).toEqual(['candidates', 'attempt', 'result']);
    expect(chain[1]).toMatchObject({ providerId, status: 200 });
    const ledger = t.rows('SELECT * FROM usage_ledger WHERE key_id = ?', keyId);
    expect(ledger.length).toBeGreaterThan(0);
  });

  it('stream: deltas arrive, usage merged from message_start and message_delta, same cost as JSON would be', async () => {
    fake.enqueue({
      kind: 'ok',
      text: 'one two three four five',
      usage: { input: 50, output: 9, cacheRead: 10, cacheWrite5m: 20, cacheWrite1h: 30 },
    });
    const stream = client().messages.stream({
      model: MODEL,
      max_tokens: 100,
      messages: [{ role: 'user', content: 'hi' }],
    });
    const deltas: string[] = [];
    stream.on('text', (d) => deltas.push(d));
    const final = await stream.finalMessage();
    expect(deltas.join('')).toBe('one two three four five');
    expect(deltas.length).toBeGreaterThan(1);
    expect(final.usage.output_tokens).toBe(9);
    const id = (await stream.withResponse()).response.headers.get('x-cchub-request-id') as string;
    const row = rowFor(id);
    expect(row).toMatchObject({
      stream: 1,
      status: 200,
      input_tokens: 50,
      output_tokens: 9,
      cache_read_tokens: 10,
      cache_write_5m_tokens: 20,
      cache_write_1h_tokens: 30,
    });
    expect(row.cost_usd as number).toBeCloseTo(expectedCost({ input: 50, output: 9, read: 10, w5: 20, w1: 30 }), 12);
    expect(row.ttfb_ms).not.toBeNull();
  });

  it('count_tokens is relayed but never billed', async () => {
    const before = t.rows('SELECT count(*) AS n FROM usage_ledger')[0]?.n;
    const { data, response } = await client()
      .messages.countTokens({ model: MODEL, messages: [{ role: 'user', content: 'count me' }] })
      .withResponse();
    expect(data.input_tokens).toBeGreaterThan(0);
    const row = rowFor(response.headers.get('x-cchub-request-id') as string);
    expect(row).toMatchObject({ endpoint: 'count_tokens', status: 200, cost_usd: null });
    expect(t.rows('SELECT count(*) AS n FROM usage_ledger')[0]?.n).toBe(before);
    expect(fake.calls.at(-1)?.path).toBe('/v1/messages/count_tokens');
  });

  it('the upstream sees the provider key, no client credential, no client address; ?beta=true kept, ?key= removed', async () => {
    const res = await fetch(`${t.url}/v1/messages?beta=true&key=${key}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'anthropic-version': '2023-06-01',
        'anthropic-beta': 'context-1m-2025-08-07,interleaved-thinking-2025-05-14',
        'x-forwarded-for': '203.0.113.9',
        'x-real-ip': '203.0.113.9',
        'user-agent': 'claude-cli/2.1.0 (external, sdk-cli)',
      },
      body: JSON.stringify({ model: MODEL, max_tokens: 10, messages: [{ role: 'user', content: 'x' }] }),
    });
    expect(res.status).toBe(200);
    const call = fake.calls.at(-1);
    expect(call?.query).toBe('beta=true');
    expect(call?.headers['x-api-key']).toBe('sk-ant-upstream-real-key');
    expect(call?.headers.authorization).toBe('Bearer sk-ant-upstream-real-key');
    expect(call?.headers['anthropic-beta']).toBe('context-1m-2025-08-07,interleaved-thinking-2025-05-14');
    expect(call?.headers['anthropic-version']).toBe('2023-06-01');
    expect(call?.headers['user-agent']).toBe('claude-cli/2.1.0 (external, sdk-cli)');
    expect(call?.headers['accept-encoding']).toBe('identity');
    expect(call?.headers['x-forwarded-for']).toBeUndefined();
    expect(call?.headers['x-real-ip']).toBeUndefined();
    expect(JSON.stringify(call?.headers)).not.toContain(key);
  });

  it('forwards the body bytes exactly as received', async () => {
    const raw =
      '{"model":"claude-sonnet-4-5", "max_tokens":5,\n "messages":[{"role":"user","content":"caf\\u00e9 ☕"}],"metadata":{"user_id":"u"}}';
    const res = await fetch(`${t.url}/v1/messages`, {
      method: 'POST',
      headers: { 'x-api-key': key, 'content-type': 'application/json' },
      body: raw,
    });
    expect(res.status).toBe(200);
    expect(fake.calls.at(-1)?.body.toString('utf8')).toBe(raw);
  });

  it('HEAD / answers 200 at once without a key', async () => {
    const res = await fetch(`${t.url}/`, { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-cchub-request-id')).toMatch(/^req_/);
  });
});

describe('relay authentication', () => {
  const post = (headers: Record<string, string>, path = '/v1/messages') =>
    fetch(`${t.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ model: MODEL, max_tokens: 5, messages: [{ role: 'user', content: 'x' }] }),
    });

  it.each([
    ['x-api-key', (k: string) => ({ 'x-api-key': k })],
    ['Authorization: Bearer', (k: string) => ({ authorization: `Bearer ${k}` })],
    ['x-goog-api-key', (k: string) => ({ 'x-goog-api-key': k })],
  ])('accepts the key as %s', async (_name, headers) => {
    expect((await post(headers(key))).status).toBe(200);
  });

  async function expectAuthError(res: Response, code: string) {
    expect(res.status).toBe(401);
    expect(res.headers.get('x-cchub-error-code')).toBe(code);
    const body = (await res.json()) as { type: string; error: { type: string; message: string } };
    expect(body.type).toBe('error');
    expect(body.error.type).toBe('authentication_error');
    expect(body.error.message).toContain(code);
    expect(body.error.message).toContain(res.headers.get('x-cchub-request-id'));
  }

  it('missing, conflicting and unknown keys get distinct codes in the Anthropic error shape', async () => {
    await expectAuthError(await post({}), 'missing_api_key');
    await expectAuthError(
      await post({ 'x-api-key': key, authorization: 'Bearer sk-cchub-other' }),
      'conflicting_api_keys',
    );
    await expectAuthError(await post({ 'x-api-key': 'sk-cchub-notarealkey0000000000000000000' }), 'invalid_api_key');
  });

  it('OpenAI-format endpoints answer auth errors in the OpenAI shape', async () => {
    const res = await post({}, '/v1/chat/completions');
    expect(res.status).toBe(401);
    const body = (await res.json()) as { error: { code: string; message: string; type: string } };
    expect(body.error.code).toBe('missing_api_key');
  });

  it('disabled and expired keys and users are refused with their own codes', async () => {
    const a = await t.addUserWithKey();
    await t.api('PATCH', `/api/v1/keys/${a.keyId}`, { enabled: false });
    await expectAuthError(await post({ 'x-api-key': a.key }), 'key_disabled');

    const b = await t.addUserWithKey();
    await t.api('PATCH', `/api/v1/keys/${b.keyId}`, { expiresAt: new Date(clock.now() + 60_000).toISOString() });
    expect((await post({ 'x-api-key': b.key })).status).toBe(200);
    clock.advance(60_000);
    await expectAuthError(await post({ 'x-api-key': b.key }), 'key_expired');

    const c = await t.addUserWithKey();
    await t.api('PATCH', `/api/v1/users/${c.userId}`, { enabled: false });
    await expectAuthError(await post({ 'x-api-key': c.key }), 'user_disabled');

    const d = await t.addUserWithKey();
    await t.api('PATCH', `/api/v1/users/${d.userId}`, { expiresAt: new Date(clock.now() + 1000).toISOString() });
    clock.advance(1000);
    await expectAuthError(await post({ 'x-api-key': d.key }), 'user_expired');

    // Each refusal of a known key is in the log as a blocked row naming the key, its user and the model.
    t.fold();
    const blocked = (keyId: string) =>
      t.rows('SELECT user_id, status, blocked_by, model, provider_id FROM requests WHERE key_id = ?', keyId);
    expect(blocked(a.keyId)).toEqual([
      { user_id: a.userId, status: 401, blocked_by: 'key_disabled', model: MODEL, provider_id: null },
    ]);
    expect(blocked(b.keyId).map((r) => r.blocked_by)).toEqual([null, 'key_expired']);
    expect(blocked(c.keyId)).toMatchObject([{ blocked_by: 'user_disabled', status: 401 }]);
    expect(blocked(d.keyId)).toMatchObject([{ blocked_by: 'user_expired', status: 401 }]);
  });

  it('an expired key asking for the model list is refused without a row', async () => {
    const e = await t.addUserWithKey();
    await t.api('PATCH', `/api/v1/keys/${e.keyId}`, { enabled: false });
    const res = await fetch(`${t.url}/v1/models`, { headers: { 'x-api-key': e.key } });
    expect(res.status).toBe(401);
    expect(res.headers.get('x-cchub-error-code')).toBe('key_disabled');
    t.fold();
    expect(t.rows('SELECT id FROM requests WHERE key_id = ?', e.keyId)).toEqual([]);
  });

  it('one keep-alive connection switching keys is judged per request, and a key deleted mid-connection stops at once', async () => {
    const a = await t.addUserWithKey();
    const b = await t.addUserWithKey();
    const conn = new Client(t.url, { pipelining: 0 });
    const sockets = new Set<unknown>();
    conn.on('connect', (_origin, [client]) => sockets.add(client));
    const call = async (k: string) => {
      const res = await conn.request({
        method: 'POST',
        path: '/v1/messages',
        headers: { 'content-type': 'application/json', 'x-api-key': k },
        body: JSON.stringify({ model: MODEL, max_tokens: 5, messages: [{ role: 'user', content: 'x' }] }),
      });
      await res.body.text();
      return { status: res.statusCode, code: res.headers['x-cchub-error-code'] };
    };
    try {
      expect(await call(a.key)).toEqual({ status: 200, code: undefined });
      expect(await call(b.key)).toEqual({ status: 200, code: undefined });
      expect((await call(`${a.key}x`)).code).toBe('invalid_api_key');
      expect(await call(a.key)).toEqual({ status: 200, code: undefined });
      expect((await t.api('DELETE', `/api/v1/keys/${a.keyId}`)).status).toBe(204);
      expect((await call(a.key)).code).toBe('invalid_api_key');
      expect(await call(b.key)).toEqual({ status: 200, code: undefined });
      expect(sockets.size).toBe(1); // all of it on one connection
      t.fold();
      const users = t.rows('SELECT user_id FROM requests WHERE user_id IN (?, ?) ORDER BY rowid', a.userId, b.userId);
      expect(users.map((r) => r.user_id)).toEqual([a.userId, b.userId, a.userId, b.userId]);
    } finally {
      await conn.close();
    }
  });
});

describe('bad input', () => {
  const send = (body: string | Buffer, headers: Record<string, string> = {}) =>
    fetch(`${t.url}/v1/messages`, {
      method: 'POST',
      headers: { 'x-api-key': key, 'content-type': 'application/json', ...headers },
      body,
    });

  it('malformed JSON is a 400 in the client format, and nothing reaches the upstream', async () => {
    const res = await send('{"model": "x", ');
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { type: string } }).error.type).toBe('invalid_request_error');
    expect(fake.calls).toHaveLength(0);
  });
  it('a body without a model is a 400', async () => {
    expect((await send('{"messages":[]}')).status).toBe(400);
  });
  it('gzip request bodies are decompressed and forwarded decompressed', async () => {
    const { gzipSync } = await import('node:zlib');
    const raw = JSON.stringify({ model: MODEL, max_tokens: 5, messages: [{ role: 'user', content: 'zipped' }] });
    const res = await send(gzipSync(raw), { 'content-encoding': 'gzip' });
    expect(res.status).toBe(200);
    expect(fake.calls.at(-1)?.body.toString()).toBe(raw);
    expect(fake.calls.at(-1)?.headers['content-encoding']).toBeUndefined();
  });
  it('unknown relay paths are 404 in the client format (an unknown /v1/ path once the OpenAI pass-through is off)', async () => {
    const beta = await fetch(`${t.url}/v1beta/nothing-here`, { method: 'POST', headers: { 'x-api-key': key } });
    expect(beta.status).toBe(404);
    const messages = await fetch(`${t.url}/v1/messages/nothing`, { method: 'POST', headers: { 'x-api-key': key } });
    expect(messages.status).toBe(404);
    // Passed through, but no OpenAI-format provider is configured here.
    const passed = await fetch(`${t.url}/v1/nothing-here`, { method: 'POST', headers: { 'x-api-key': key } });
    expect(passed.status).toBe(503);
    await t.api('PATCH', '/api/v1/settings', { openAiPassThrough: false });
    const off = await fetch(`${t.url}/v1/nothing-here`, { method: 'POST', headers: { 'x-api-key': key } });
    expect(off.status).toBe(404);
    await t.api('PATCH', '/api/v1/settings', { openAiPassThrough: true });
  });
});

describe("the hub's own errors on /v1/messages", () => {
  it("a client's mistake the hub refuses (415, 405) is invalid_request_error, never api_error", async () => {
    const body = JSON.stringify({ model: 'claude-sonnet-4-6', max_tokens: 5, messages: [] });
    const unsupported = await fetch(`${t.url}/v1/messages`, {
      method: 'POST',
      headers: { 'x-api-key': key, 'content-type': 'application/json', 'content-encoding': 'compress' },
      body,
    });
    expect(unsupported.status).toBe(415);
    expect(await unsupported.json()).toMatchObject({ type: 'error', error: { type: 'invalid_request_error' } });
    const wrongMethod = await fetch(`${t.url}/v1/messages`, { method: 'PUT', headers: { 'x-api-key': key }, body });
    expect(wrongMethod.status).toBe(405);
    expect(await wrongMethod.json()).toMatchObject({ type: 'error', error: { type: 'invalid_request_error' } });
  });
});
