// POST /providers/{id}/test against the fake upstream: each wire format's minimal request, failures reported not thrown.
import { createServer } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, onTestFinished, test } from 'vitest';
import { ProviderTestResult } from '../../shared/api-schemas';
import { type FakeUpstream, startFakeUpstream } from '../fake-upstream';
import { startTestHub, type TestHub } from '../helpers/test-hub';

const UPSTREAM_KEY = 'sk-upstream-secret-0123456789abcdef';
let fake: FakeUpstream;
let t: TestHub;

beforeAll(async () => {
  fake = await startFakeUpstream({ apiKey: UPSTREAM_KEY });
  t = await startTestHub();
});
afterAll(async () => {
  await t.stop();
  await fake.close();
});
afterEach(() => fake.reset());

async function runTest(providerId: string, body: unknown = {}, token?: string) {
  return t.api('POST', `/api/v1/providers/${providerId}/test`, body, token);
}

describe('each format sends its own minimal request', () => {
  const cases = [
    { type: 'anthropic', path: '/v1/messages', model: 'claude-haiku-4-5' },
    { type: 'openai-chat', path: '/v1/chat/completions', model: 'gpt-4o-mini' },
    { type: 'openai-responses', path: '/v1/responses', model: 'gpt-4o-mini' },
    { type: 'gemini', path: '/v1beta/models/gemini-2.0-flash:generateContent', model: 'gemini-2.0-flash' },
  ] as const;

  for (const c of cases) {
    test(c.type, async () => {
      const p = await t.addProvider(fake.url, { type: c.type, apiKey: UPSTREAM_KEY });
      fake.enqueue({ kind: 'ok', text: 'Hello there from the fake upstream, nice to meet you today friend' });
      const r = await runTest(p.id);
      expect(r.status).toBe(200);
      const result = ProviderTestResult.parse(r.json);
      expect(result).toMatchObject({ ok: true, status: 200, model: c.model, url: `${fake.url}${c.path}` });
      expect(result.firstWords).toBe('Hello there from the fake upstream, nice to meet you today friend');
      expect(result.latencyMs).toBeGreaterThanOrEqual(0);
      expect(result.error).toBeUndefined();
      const call = fake.calls.at(-1);
      expect(call?.method).toBe('POST');
      expect(call?.path).toBe(c.path.split('?')[0]);
      expect(call?.headers['user-agent']).toBe('cchub-provider-test');
      // nothing of the test reaches the request log
      t.fold();
      expect(t.rows('SELECT count(*) AS n FROM requests')[0]?.n).toBe(0);
    });
  }

  test('the model: asked for, else the first exact allowed model, redirected like the relay would', async () => {
    const p = await t.addProvider(fake.url, {
      type: 'anthropic',
      apiKey: UPSTREAM_KEY,
      allowedModels: [
        { match: 'prefix', pattern: 'claude-' },
        { match: 'exact', pattern: 'claude-opus-4-1' },
      ],
      modelRedirects: [{ match: 'exact', pattern: 'claude-opus-4-1', target: 'claude-opus-4-1-20250805' }],
    });
    const first = ProviderTestResult.parse((await runTest(p.id)).json);
    expect(first.model).toBe('claude-opus-4-1-20250805');
    expect((fake.calls.at(-1)?.json as { model?: string } | undefined)?.model).toBe('claude-opus-4-1-20250805');
    const asked = ProviderTestResult.parse((await runTest(p.id, { model: 'claude-sonnet-4-5' })).json);
    expect(asked.model).toBe('claude-sonnet-4-5');
  });

  test('the Test button picks the same redirect as relayed traffic for a model named in another case', async () => {
    // A hub of its own, so this provider is the only one the relay can pick.
    const own = await startTestHub();
    onTestFinished(() => own.stop());
    const target = 'claude-opus-4-1-20250805';
    const p = await own.addProvider(fake.url, {
      type: 'anthropic',
      apiKey: UPSTREAM_KEY,
      modelRedirects: [{ match: 'exact', pattern: 'Claude-Opus-4-1', target }],
    });
    const { key } = await own.addUserWithKey();
    const relayed = await fetch(`${own.url}/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': key, 'anthropic-version': '2023-06-01' },
      body: JSON.stringify({ model: 'claude-opus-4-1', max_tokens: 16, messages: [{ role: 'user', content: 'hi' }] }),
    });
    expect(relayed.status).toBe(200);
    await relayed.arrayBuffer();
    expect((fake.calls.at(-1)?.json as { model?: string } | undefined)?.model).toBe(target);

    const test = await own.api('POST', `/api/v1/providers/${p.id}/test`, { model: 'claude-opus-4-1' });
    const tested = ProviderTestResult.parse(test.json);
    expect(tested.model).toBe(target);
    expect((fake.calls.at(-1)?.json as { model?: string } | undefined)?.model).toBe(target);
  });
});

describe('failures are reported, never thrown', () => {
  test('an upstream error status, with its message and without the provider key', async () => {
    const p = await t.addProvider(fake.url, { type: 'openai-chat', apiKey: UPSTREAM_KEY });
    fake.enqueue({ kind: 'status', status: 503 });
    const r = ProviderTestResult.parse((await runTest(p.id)).json);
    expect(r).toMatchObject({ ok: false, status: 503, firstWords: '' });
    expect(r.error).toMatch(/^HTTP 503/);
  });

  test('a wrong provider key: the upstream’s 401', async () => {
    const p = await t.addProvider(fake.url, { type: 'anthropic', apiKey: 'sk-ant-wrong-key-000000000000' });
    const r = ProviderTestResult.parse((await runTest(p.id)).json);
    expect(r).toMatchObject({ ok: false, status: 401 });
    expect(JSON.stringify(r)).not.toContain('sk-ant-wrong-key-000000000000');
  });

  test('a connection reset and a refused connection: status 0 with the error class', async () => {
    const p = await t.addProvider(fake.url, { type: 'anthropic', apiKey: UPSTREAM_KEY });
    fake.enqueue({ kind: 'reset' });
    const reset = ProviderTestResult.parse((await runTest(p.id)).json);
    expect(reset).toMatchObject({ ok: false, status: 0 });
    expect(reset.error).toMatch(/connection_reset|network_error/);

    const port = await new Promise<number>((resolve) => {
      const s = createServer();
      s.listen(0, '127.0.0.1', () => {
        const { port: free } = s.address() as { port: number };
        s.close(() => resolve(free));
      });
    });
    const dead = await t.addProvider(`http://127.0.0.1:${port}`, { type: 'gemini', apiKey: UPSTREAM_KEY });
    const refused = ProviderTestResult.parse((await runTest(dead.id)).json);
    expect(refused).toMatchObject({ ok: false, status: 0 });
    expect(refused.error).toMatch(/^connect_error/);
  });

  test('a 200 that is an HTML page or has no text is not ok', async () => {
    const p = await t.addProvider(fake.url, { type: 'anthropic', apiKey: UPSTREAM_KEY });
    fake.enqueue({ kind: 'html200' });
    expect(ProviderTestResult.parse((await runTest(p.id)).json)).toMatchObject({
      ok: false,
      status: 200,
      error: 'the answer is not JSON',
    });
  });

  test('a disabled provider can still be tested', async () => {
    const p = await t.addProvider(fake.url, { type: 'anthropic', apiKey: UPSTREAM_KEY, enabled: false });
    expect(ProviderTestResult.parse((await runTest(p.id)).json).ok).toBe(true);
  });
});

describe('the route', () => {
  test('unknown provider → 404; bad body → 400 naming the field; non-admins → 401/403', async () => {
    expect((await runTest('prv_missing')).status).toBe(404);
    const p = await t.addProvider(fake.url, { type: 'anthropic', apiKey: UPSTREAM_KEY });
    const bad = await t.api<{ error: { field: string } }>('POST', `/api/v1/providers/${p.id}/test`, { model: 5 });
    expect(bad.status).toBe(400);
    expect(bad.json.error.field).toBe('model');
    const user = await t.addUserWithKey();
    expect((await runTest(p.id, {}, user.key)).status).toBe(403);
    expect((await runTest(p.id, {}, 'wrong-token')).status).toBe(401);
    expect(fake.calls).toHaveLength(0);
  });
});
