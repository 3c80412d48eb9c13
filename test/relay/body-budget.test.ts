// The hub-wide in-flight body budget: bodies beyond it are refused at once as an overload in the client's format,
// and the budget is whole again once the requests end.
import Anthropic from '@anthropic-ai/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeUpstream, startFakeUpstream } from '../fake-upstream';
import { startTestHub, TEST_ADMIN_TOKEN, type TestHub } from '../helpers/test-hub';

const MiB = 1024 * 1024;
let fake: FakeUpstream;
let t: TestHub;
let key: string;

beforeAll(async () => {
  fake = await startFakeUpstream();
  // Room for two 1.5 MiB bodies at once, not three.
  t = await startTestHub({ env: { CCHUB_MAX_INFLIGHT_BODY_BYTES: String(3.5 * MiB) } });
  await t.addProvider(fake.url);
  await t.addProvider(fake.url, { type: 'openai-chat', apiKey: 'sk-openai-upstream' });
  await t.addProvider(fake.url, { type: 'gemini', apiKey: 'gemini-upstream-key' });
  ({ key } = await t.addUserWithKey());
});
afterAll(async () => {
  await t.stop();
  await fake.close();
});

const padding = (bytes: number) => 'x'.repeat(bytes);
const anthropicBody = (bytes: number) =>
  JSON.stringify({
    model: 'claude-sonnet-4-6',
    max_tokens: 5,
    messages: [{ role: 'user', content: padding(bytes) }],
  });

function post(path: string, body: string, headers: Record<string, string> = {}) {
  return fetch(`${t.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...headers },
    body,
  });
}

async function gauge(name: string): Promise<number> {
  const res = await fetch(`${t.url}/metrics`, { headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` } });
  const m = new RegExp(`^${name} (\\S+)$`, 'm').exec(await res.text());
  return Number(m?.[1]);
}

describe('in-flight body budget', () => {
  it('refuses bodies over the budget with each format’s overload error, then returns to zero', async () => {
    // Two large requests held at the upstream fill the budget.
    fake.setDefault({ kind: 'slowFirstByte', ms: 1500 });
    const held = [post('/v1/messages', anthropicBody(1.5 * MiB)), post('/v1/messages', anthropicBody(1.5 * MiB))];
    await new Promise((r) => setTimeout(r, 300));
    expect(await gauge('cchub_body_bytes_in_flight')).toBeGreaterThan(3 * MiB);

    const client = new Anthropic({ apiKey: key, baseURL: t.url, maxRetries: 0 });
    const refused = await client.messages
      .create({ model: 'claude-sonnet-4-6', max_tokens: 5, messages: [{ role: 'user', content: padding(MiB) }] })
      .then(
        () => undefined,
        (err: unknown) => err,
      );
    expect(refused).toBeInstanceOf(Anthropic.APIError);
    expect((refused as InstanceType<typeof Anthropic.APIError>).status).toBe(529);
    expect((refused as InstanceType<typeof Anthropic.APIError>).error).toMatchObject({
      type: 'error',
      error: { type: 'overloaded_error' },
    });

    const chat = await post(
      '/v1/chat/completions',
      JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: padding(MiB) }] }),
    );
    expect(chat.status).toBe(503);
    expect(chat.headers.get('retry-after')).toBe('2');
    expect(await chat.json()).toMatchObject({ error: { type: 'server_error', code: 'hub_overloaded' } });

    // A chunked body (no content-length) is counted as it arrives.
    const geminiBody = JSON.stringify({ contents: [{ parts: [{ text: padding(MiB) }] }] });
    const gemini = await fetch(`${t.url}/v1beta/models/gemini-2.5-flash:generateContent`, {
      method: 'POST',
      headers: { 'x-goog-api-key': key, 'content-type': 'application/json' },
      body: new Blob([geminiBody]).stream(),
      duplex: 'half',
    } as RequestInit);
    expect(gemini.status).toBe(503);
    expect(await gemini.json()).toMatchObject({ error: { code: 503, status: 'UNAVAILABLE' } });

    const answers = await Promise.all(held);
    expect(answers.map((r) => r.status)).toEqual([200, 200]);
    await Promise.all(answers.map((r) => r.arrayBuffer()));
    fake.setDefault({ kind: 'ok' });
    await new Promise((r) => setTimeout(r, 50));
    expect(await gauge('cchub_body_bytes_in_flight')).toBe(0);
    expect(await gauge('cchub_bodies_refused_total')).toBe(3);

    // The budget is whole again: a large body passes.
    const after = await post('/v1/messages', anthropicBody(1.5 * MiB));
    expect(after.status).toBe(200);
    await after.arrayBuffer();
    await new Promise((r) => setTimeout(r, 50));
    expect(await gauge('cchub_body_bytes_in_flight')).toBe(0);
  });

  it('releases the bytes of a request refused for another reason and of a client that went away', async () => {
    const bad = await post('/v1/messages', `{"model":"x","messages":[${padding(MiB)}`);
    expect(bad.status).toBe(400);
    await bad.arrayBuffer();

    fake.setDefault({ kind: 'hang' });
    const ac = new AbortController();
    const gone = fetch(`${t.url}/v1/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: anthropicBody(MiB),
      signal: ac.signal,
    }).catch(() => undefined);
    await new Promise((r) => setTimeout(r, 200));
    expect(await gauge('cchub_body_bytes_in_flight')).toBeGreaterThan(MiB);
    ac.abort();
    await gone;
    await new Promise((r) => setTimeout(r, 100));
    fake.setDefault({ kind: 'ok' });
    expect(await gauge('cchub_body_bytes_in_flight')).toBe(0);
  });
});
