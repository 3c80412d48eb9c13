// OpenAI Chat Completions, Responses and the model lists end to end with the official SDKs.
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type FakeUpstream, startFakeUpstream } from '../fake-upstream';
import { startTestHub, type TestHub } from '../helpers/test-hub';

let chatFake: FakeUpstream;
let responsesFake: FakeUpstream;
let t: TestHub;
let key: string;
let chatProvider: string;
let responsesProvider: string;

beforeAll(async () => {
  chatFake = await startFakeUpstream({ apiKey: 'sk-openai-chat-upstream', models: ['gpt-4o-mini', 'gpt-5'] });
  responsesFake = await startFakeUpstream({ apiKey: 'sk-openai-resp-upstream', models: ['gpt-5', 'gpt-5-codex'] });
  t = await startTestHub();
  chatProvider = (await t.addProvider(chatFake.url, { type: 'openai-chat', apiKey: 'sk-openai-chat-upstream' })).id;
  responsesProvider = (
    await t.addProvider(`${responsesFake.url}/v1`, { type: 'openai-responses', apiKey: 'sk-openai-resp-upstream' })
  ).id;
  ({ key } = await t.addUserWithKey());
});
afterAll(async () => {
  await t.stop();
  await chatFake.close();
  await responsesFake.close();
});
afterEach(() => {
  chatFake.reset();
  responsesFake.reset();
});

const openai = () => new OpenAI({ apiKey: key, baseURL: `${t.url}/v1`, maxRetries: 0 });

function row(id: string | null): Record<string, unknown> {
  t.fold();
  const [r] = t.rows('SELECT * FROM requests WHERE id = ?', id);
  if (!r) throw new Error(`no row for ${id}`);
  return r;
}

function priceOf(model: string) {
  return t.hub.context.prices.lookup(model)?.data as Record<string, number> & {
    input_cost_per_token: number;
    output_cost_per_token: number;
  };
}

describe('OpenAI Chat Completions', () => {
  it('JSON: cached tokens are subtracted from input and priced as cache reads', async () => {
    chatFake.enqueue({ kind: 'ok', text: 'chat answer', usage: { input: 300, output: 7, cacheRead: 200 } });
    const { data, response } = await openai()
      .chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] })
      .withResponse();
    expect(data.choices[0]?.message.content).toBe('chat answer');
    expect(data.usage?.prompt_tokens).toBe(500);
    const r = row(response.headers.get('x-cchub-request-id'));
    expect(r).toMatchObject({
      provider_id: chatProvider,
      format: 'openai-chat',
      input_tokens: 300,
      cache_read_tokens: 200,
      output_tokens: 7,
      status: 200,
    });
    const p = priceOf('gpt-4o-mini');
    expect(r.cost_usd as number).toBeCloseTo(
      300 * p.input_cost_per_token + 200 * (p.cache_read_input_token_cost as number) + 7 * p.output_cost_per_token,
      12,
    );
    expect(chatFake.calls.at(-1)?.headers.authorization).toBe('Bearer sk-openai-chat-upstream');
  });

  it('stream with include_usage: deltas and the final usage chunk reach the client; usage logged', async () => {
    chatFake.enqueue({ kind: 'ok', text: 'a b c', usage: { input: 40, output: 3, cacheRead: 10 } });
    const stream = await openai().chat.completions.create({
      model: 'gpt-4o-mini',
      stream: true,
      stream_options: { include_usage: true },
      messages: [{ role: 'user', content: 'hi' }],
    });
    let text = '';
    let usage: OpenAI.CompletionUsage | null | undefined;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      if (chunk.usage) usage = chunk.usage;
    }
    expect(text).toBe('a b c');
    expect(usage?.completion_tokens).toBe(3);
    t.fold();
    const [r] = t.rows("SELECT * FROM requests WHERE format = 'openai-chat' AND stream = 1 ORDER BY id DESC LIMIT 1");
    expect(r).toMatchObject({ input_tokens: 40, cache_read_tokens: 10, output_tokens: 3, status: 200 });
  });

  it('a stream without stream_options still gets its usage logged (the hub asks the upstream for it)', async () => {
    chatFake.enqueue({ kind: 'ok', text: 'x y', usage: { input: 11, output: 2 } });
    const stream = await openai().chat.completions.create({
      model: 'gpt-4o-mini',
      stream: true,
      messages: [{ role: 'user', content: 'q' }],
    });
    for await (const _ of stream) {
      // drain
    }
    const sent = chatFake.calls.at(-1)?.json as { stream_options?: unknown } | undefined;
    expect(sent?.stream_options).toEqual({
      include_usage: true,
    });
    t.fold();
    const [r] = t.rows("SELECT * FROM requests WHERE format = 'openai-chat' ORDER BY id DESC LIMIT 1");
    expect(r).toMatchObject({ input_tokens: 11, output_tokens: 2 });
  });
});

describe('OpenAI Responses', () => {
  it('JSON: usage from the response object, base URL with /v1 not doubled', async () => {
    responsesFake.enqueue({ kind: 'ok', text: 'resp answer', usage: { input: 100, output: 20, cacheRead: 60 } });
    const { data, response } = await openai().responses.create({ model: 'gpt-5', input: 'hello' }).withResponse();
    expect(data.output_text).toBe('resp answer');
    expect(responsesFake.calls.at(-1)?.path).toBe('/v1/responses');
    const r = row(response.headers.get('x-cchub-request-id'));
    expect(r).toMatchObject({
      provider_id: responsesProvider,
      format: 'openai-responses',
      endpoint: 'responses',
      input_tokens: 100,
      cache_read_tokens: 60,
      output_tokens: 20,
    });
    expect(r.cost_usd).not.toBeNull();
  });

  it('stream: events through to response.completed; usage logged from it', async () => {
    responsesFake.enqueue({ kind: 'ok', text: 'streamed resp', usage: { input: 30, output: 4 } });
    const stream = openai().responses.stream({ model: 'gpt-5', input: 'hello' });
    const deltas: string[] = [];
    stream.on('response.output_text.delta', (e) => deltas.push(e.delta));
    const final = await stream.finalResponse();
    expect(deltas.join('')).toBe('streamed resp');
    expect(final.status).toBe('completed');
    t.fold();
    const [r] = t.rows("SELECT * FROM requests WHERE endpoint = 'responses' AND stream = 1 ORDER BY id DESC LIMIT 1");
    expect(r).toMatchObject({ input_tokens: 30, output_tokens: 4, status: 200 });
  });

  it('responses/compact is relayed and never billed', async () => {
    const res = await fetch(`${t.url}/v1/responses/compact`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-5', input: [{ role: 'user', content: 'long history' }] }),
    });
    expect(res.status).toBe(200);
    const r = row(res.headers.get('x-cchub-request-id'));
    expect(r).toMatchObject({ endpoint: 'responses_compact', cost_usd: null });
    expect(responsesFake.calls.at(-1)?.path).toBe('/v1/responses/compact');
  });
});

describe('model lists', () => {
  it('OpenAI shape: the union of the OpenAI-format providers’ upstream lists', async () => {
    const ids = [];
    for await (const m of openai().models.list()) ids.push(m.id);
    expect(ids.sort()).toEqual(['gpt-4o-mini', 'gpt-5', 'gpt-5-codex']);
  });

  it('Anthropic shape for Anthropic clients; falls back to the price table when the upstream has no list', async () => {
    const anthropicFake = await startFakeUpstream({ apiKey: 'wrong-key-so-the-list-fails' });
    const solo = await startTestHub();
    await solo.addProvider(anthropicFake.url, { allowedModels: [] });
    const { key: soloKey } = await solo.addUserWithKey();
    const page = await new Anthropic({ apiKey: soloKey, baseURL: solo.url, maxRetries: 0 }).models.list();
    const ids = page.data.map((m) => m.id);
    expect(ids.length).toBeGreaterThan(5);
    expect(ids).toContain('claude-sonnet-4-6');
    expect(page.data[0]?.type).toBe('model');
    await solo.stop();
    await anthropicFake.close();
  });

  it('an exact allowlist is the list', async () => {
    const fake = await startFakeUpstream();
    const solo = await startTestHub();
    await solo.addProvider(fake.url, {
      type: 'openai-chat',
      allowedModels: [{ match: 'exact', pattern: 'gpt-only-this' }],
    });
    const { key: soloKey } = await solo.addUserWithKey();
    const res = await fetch(`${solo.url}/v1/models`, { headers: { authorization: `Bearer ${soloKey}` } });
    expect(await res.json()).toMatchObject({ object: 'list', data: [{ id: 'gpt-only-this', object: 'model' }] });
    await solo.stop();
    await fake.close();
  });

  it('needs a key', async () => {
    expect((await fetch(`${t.url}/v1/models`)).status).toBe(401);
  });
});
