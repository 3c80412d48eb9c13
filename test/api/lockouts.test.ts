// Credential lockouts on a real hub: they throttle failing attempts only (a valid key or admin token always works),
// answer 429 with Retry-After in each client's format, lift with the clock, and key on the client address, which
// comes from X-Forwarded-For only behind a configured trusted proxy.
import Anthropic from '@anthropic-ai/sdk';
import { ApiError as GeminiApiError, GoogleGenAI } from '@google/genai';
import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../main/core/clock';
import { type FakeUpstream, startFakeUpstream } from '../fake-upstream';
import { startTestHub, TEST_ADMIN_TOKEN, type TestHub } from '../helpers/test-hub';

const MODEL = 'claude-sonnet-4-6';
const UPSTREAM_KEY = 'sk-ant-upstream-lockout-key';

let fake: FakeUpstream;
const hubs: TestHub[] = [];

beforeAll(async () => {
  fake = await startFakeUpstream({ apiKey: UPSTREAM_KEY });
});
afterEach(async () => {
  await Promise.all(hubs.splice(0).map((h) => h.stop()));
  fake.reset();
});
afterAll(async () => {
  await fake.close();
});

async function hub(env: Record<string, string> = {}) {
  const clock = new ManualClock(Date.UTC(2026, 10, 26, 9));
  const t = await startTestHub({ clock, env });
  hubs.push(t);
  await t.addProvider(fake.url, { apiKey: UPSTREAM_KEY });
  const { key } = await t.addUserWithKey();
  return { t, clock, key };
}

/** A Messages request with these headers (the key among them), read to the end. */
async function messages(t: TestHub, headers: Record<string, string>) {
  const res = await fetch(`${t.url}/v1/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ model: MODEL, max_tokens: 5, messages: [{ role: 'user', content: 'hi' }] }),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: JSON.parse(text) as Record<string, unknown> };
}

const badKey = (i: number) => `sk-cchub-${i.toString(16).padStart(32, '0')}`;

async function guess(t: TestHub, times: number, headers: Record<string, string> = {}) {
  for (let i = 0; i < times; i++) {
    const r = await messages(t, { 'x-api-key': badKey(i), ...headers });
    expect(r.status).toBe(401);
  }
}

describe('relay: bad hub keys', () => {
  it('20+ bad keys from one address: a valid key from it is still served (official SDK)', async () => {
    const { t, key } = await hub();
    await guess(t, 20);
    expect((await messages(t, { 'x-api-key': badKey(99) })).status).toBe(429);
    const answer = await new Anthropic({ apiKey: key, baseURL: t.url, maxRetries: 0 }).messages.create({
      model: MODEL,
      max_tokens: 5,
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(answer.type).toBe('message');
    expect((await messages(t, { 'x-api-key': key })).status).toBe(200);
    // A success clears nothing: a holder of one valid key cannot reset the count of its guesses.
    expect((await messages(t, { 'x-api-key': badKey(100) })).status).toBe(429);
  });

  it('past the threshold, bad keys get 429 with Retry-After in each client format; the clock lifts it', async () => {
    const { t, clock } = await hub();
    await guess(t, 20);
    const post = async (path: string, headers: Record<string, string>) => {
      const res = await fetch(`${t.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: '{}',
      });
      return { status: res.status, retryAfter: res.headers.get('retry-after'), json: await res.json() };
    };
    const anthropic = await post('/v1/messages', { 'x-api-key': badKey(1) });
    expect(anthropic).toMatchObject({
      status: 429,
      retryAfter: '600',
      json: { type: 'error', error: { type: 'rate_limit_error', message: expect.stringContaining('auth_locked') } },
    });
    const chat = await post('/v1/chat/completions', { authorization: `Bearer ${badKey(2)}` });
    expect(chat).toMatchObject({
      status: 429,
      retryAfter: '600',
      json: { error: { type: 'rate_limit_error', code: 'auth_locked' } },
    });
    const responses = await post('/v1/responses', { authorization: `Bearer ${badKey(3)}` });
    expect(responses).toMatchObject({ status: 429, json: { error: { code: 'auth_locked' } } });
    clock.advance(60_000);
    const gemini = await post(`/v1beta/models/gemini-2.5-flash:generateContent?key=${badKey(4)}`, {});
    expect(gemini).toMatchObject({
      status: 429,
      retryAfter: '540',
      json: { error: { code: 429, status: 'RESOURCE_EXHAUSTED' } },
    });

    // The official SDKs see their own rate-limit errors.
    const anthropicErr = await new Anthropic({ apiKey: badKey(5), baseURL: t.url, maxRetries: 0 }).messages
      .create({ model: MODEL, max_tokens: 5, messages: [{ role: 'user', content: 'hi' }] })
      .catch((e: unknown) => e);
    expect(anthropicErr).toBeInstanceOf(Anthropic.RateLimitError);
    expect((anthropicErr as InstanceType<typeof Anthropic.RateLimitError>).headers.get('retry-after')).toBe('540');
    const openAiErr = await new OpenAI({ apiKey: badKey(6), baseURL: `${t.url}/v1`, maxRetries: 0 }).chat.completions
      .create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] })
      .catch((e: unknown) => e);
    expect(openAiErr).toBeInstanceOf(OpenAI.RateLimitError);
    const geminiErr = await new GoogleGenAI({ apiKey: badKey(7), httpOptions: { baseUrl: t.url } }).models
      .generateContent({ model: 'gemini-2.5-flash', contents: 'hi' })
      .catch((e: unknown) => e);
    expect(geminiErr).toBeInstanceOf(GeminiApiError);
    expect((geminiErr as GeminiApiError).status).toBe(429);

    clock.advance(540_000); // the lock's 10 minutes are over
    const after = await messages(t, { 'x-api-key': badKey(8) });
    expect(after.status).toBe(401);
    expect(after.headers.get('x-cchub-error-code')).toBe('invalid_api_key');
  });

  it('no key and a disabled key are not guesses: they are not counted', async () => {
    const { t } = await hub();
    const disabled = await t.addUserWithKey();
    expect((await t.api('PATCH', `/api/v1/keys/${disabled.keyId}`, { enabled: false })).status).toBe(200);
    for (let i = 0; i < 25; i++) {
      expect((await messages(t, {})).status).toBe(401);
      expect((await messages(t, { 'x-api-key': disabled.key })).status).toBe(401);
    }
    expect((await messages(t, { 'x-api-key': badKey(1) })).status).toBe(401);
  });
});

describe('relay: the client address behind a trusted proxy', () => {
  it('with the proxy trusted, forwarded clients are counted apart, and the log records the forwarded one', async () => {
    const { t, key } = await hub({ CCHUB_TRUSTED_PROXIES: '127.0.0.1, ::1' });
    const from = (ip: string) => ({ 'x-forwarded-for': `198.51.100.77, ${ip}` });
    await guess(t, 20, from('203.0.113.5'));
    expect((await messages(t, { 'x-api-key': badKey(1), ...from('203.0.113.5') })).status).toBe(429);
    const other = await messages(t, { 'x-api-key': badKey(1), ...from('203.0.113.6') });
    expect(other.status).toBe(401);
    const served = await messages(t, { 'x-api-key': key, ...from('203.0.113.5') });
    expect(served.status).toBe(200);
    t.fold();
    const [row] = t.rows('SELECT client_ip FROM requests WHERE id = ?', served.headers.get('x-cchub-request-id'));
    expect(row?.client_ip).toBe('203.0.113.5');
  });

  it('without the setting, X-Forwarded-For is ignored: the lockout and the log use the socket address', async () => {
    const { t, key } = await hub();
    await guess(t, 20, { 'x-forwarded-for': '203.0.113.5' });
    const other = await messages(t, { 'x-api-key': badKey(1), 'x-forwarded-for': '203.0.113.6' });
    expect(other.status).toBe(429);
    const served = await messages(t, { 'x-api-key': key, 'x-forwarded-for': '203.0.113.6' });
    expect(served.status).toBe(200);
    t.fold();
    const [row] = t.rows('SELECT client_ip FROM requests WHERE id = ?', served.headers.get('x-cchub-request-id'));
    expect(String(row?.client_ip)).toMatch(/^(::ffff:)?127\.0\.0\.1$|^::1$/);
  });
});

describe('admin API: guessing the admin token', () => {
  it('wrong Bearer tokens are throttled past 10; the right token still works; /metrics and login share the count', async () => {
    const { t, clock } = await hub();
    for (let i = 0; i < 10; i++)
      expect((await t.api('GET', '/api/v1/users', undefined, `wrong-${i}`)).status).toBe(401);
    const throttled = await t.api('GET', '/api/v1/users', undefined, 'wrong-10');
    expect(throttled.status).toBe(429);
    expect(throttled.json).toMatchObject({ error: { code: 'rate_limited' } });
    expect(throttled.headers.get('retry-after')).toBe('900');
    // A public route is no oracle: a wrong Bearer there is refused too.
    expect((await t.api('GET', '/api/v1/auth/session', undefined, 'wrong-11')).status).toBe(429);
    expect((await t.api('GET', '/api/v1/users')).status).toBe(200);

    const metrics = (token: string) => fetch(`${t.url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
    const wrongMetrics = await metrics('wrong-12');
    expect(wrongMetrics.status).toBe(429);
    expect(wrongMetrics.headers.get('retry-after')).toBe('900');
    expect((await metrics(TEST_ADMIN_TOKEN)).status).toBe(200);
    const login = (token: string) =>
      fetch(`${t.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token }),
      });
    expect((await login('wrong-13')).status).toBe(429);
    expect((await login(TEST_ADMIN_TOKEN)).status).toBe(200);

    clock.advance(15 * 60_000);
    expect((await t.api('GET', '/api/v1/users', undefined, 'wrong-14')).status).toBe(401);
    expect((await metrics('wrong-15')).status).toBe(401);
  });

  it('a wrong hub key as Bearer counts the same way', async () => {
    const { t } = await hub();
    for (let i = 0; i < 10; i++) expect((await t.api('GET', '/api/v1/me', undefined, badKey(i))).status).toBe(401);
    expect((await t.api('GET', '/api/v1/me', undefined, badKey(10))).status).toBe(429);
  });
});
