// Anthropic Messages clients on a provider that speaks OpenAI Chat: requests and answers translated, JSON and streams,
// through the official Anthropic SDK.
import Anthropic from '@anthropic-ai/sdk';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type FakeUpstream, startFakeUpstream } from '../fake-upstream';
import { startTestHub, type TestHub } from '../helpers/test-hub';

let chatFake: FakeUpstream;
let t: TestHub;
let key: string;
let chatProvider: string;

const UPSTREAM_MODEL = 'gpt-4o-mini';

beforeAll(async () => {
  chatFake = await startFakeUpstream({ apiKey: 'sk-chat-upstream' });
  t = await startTestHub();
  chatProvider = (
    await t.addProvider(chatFake.url, {
      type: 'openai-chat',
      apiKey: 'sk-chat-upstream',
      serves: ['anthropic'],
      modelRedirects: [{ match: 'prefix', pattern: 'claude-', target: UPSTREAM_MODEL }],
    })
  ).id;
  ({ key } = await t.addUserWithKey());
});
afterAll(async () => {
  await t.stop();
  await chatFake.close();
});
afterEach(() => chatFake.reset());

const anthropic = () => new Anthropic({ apiKey: key, baseURL: t.url, maxRetries: 0 });

function row(id: string | null): Record<string, unknown> {
  t.fold();
  const [r] = t.rows('SELECT * FROM requests WHERE id = ?', id);
  if (!r) throw new Error(`no row for ${id}`);
  return r;
}

function priceOf(model: string) {
  return t.hub.context.prices.lookup(model)?.data as Record<string, number>;
}

function expectedCost(model: string, input: number, cacheRead: number, output: number): number {
  const p = priceOf(model);
  return (
    input * (p.input_cost_per_token as number) +
    cacheRead * (p.cache_read_input_token_cost as number) +
    output * (p.output_cost_per_token as number)
  );
}

const WEATHER_TOOL: Anthropic.Tool = {
  name: 'get_weather',
  description: 'The weather in a city',
  input_schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};

describe('Anthropic client on an OpenAI Chat provider', () => {
  it('JSON: the request reaches the chat endpoint translated; the answer, usage and cost come back', async () => {
    chatFake.enqueue({ kind: 'ok', text: 'translated answer', usage: { input: 300, output: 7, cacheRead: 200 } });
    const { data, response } = await anthropic()
      .messages.create({
        model: 'claude-sonnet-4-6',
        max_tokens: 100,
        system: [{ type: 'text', text: 'be brief', cache_control: { type: 'ephemeral' } }],
        messages: [{ role: 'user', content: 'hi' }],
      })
      .withResponse();
    expect(data.content).toEqual([{ type: 'text', text: 'translated answer' }]);
    expect(data.stop_reason).toBe('end_turn');
    expect(data.usage).toMatchObject({ input_tokens: 300, cache_read_input_tokens: 200, output_tokens: 7 });
    const call = chatFake.calls.at(-1);
    expect(call?.path).toBe('/v1/chat/completions');
    expect(call?.query).toBe('');
    expect(call?.headers.authorization).toBe('Bearer sk-chat-upstream');
    expect(call?.json).toMatchObject({
      model: UPSTREAM_MODEL,
      max_tokens: 100,
      messages: [
        { role: 'system', content: 'be brief' },
        { role: 'user', content: 'hi' },
      ],
    });
    const r = row(response.headers.get('x-cchub-request-id'));
    expect(r).toMatchObject({
      provider_id: chatProvider,
      format: 'anthropic',
      translated_from: 'anthropic',
      upstream_model: UPSTREAM_MODEL,
      input_tokens: 300,
      cache_read_tokens: 200,
      output_tokens: 7,
      status: 200,
    });
    // Priced on the model the provider billed, not on the Claude model the client named.
    expect(r.cost_usd as number).toBeCloseTo(expectedCost(UPSTREAM_MODEL, 300, 200, 7), 12);
    const shown = await t.api<{ translatedFrom: string | null; format: string }>('GET', `/api/v1/requests/${r.id}`);
    expect(shown.json).toMatchObject({ format: 'anthropic', translatedFrom: 'anthropic' });
    const chain = JSON.parse(r.decision_chain as string) as { kind: string; reason?: string }[];
    const step = chain.find((s) => s.kind === 'translated');
    expect(step?.reason).toContain('translated anthropic to openai-chat');
    expect(step?.reason).toContain('cache_control dropped');
  });

  it('stream with a tool call: text, then tool_use with streamed arguments; stop reason and usage exact', async () => {
    chatFake.enqueue({
      kind: 'ok',
      text: 'Let me look.',
      toolCall: { name: 'get_weather', arguments: { city: 'Paris, France' } },
      usage: { input: 120, output: 15, cacheRead: 40 },
    });
    const stream = anthropic().messages.stream({
      model: 'claude-sonnet-4-6',
      max_tokens: 200,
      tools: [WEATHER_TOOL],
      messages: [{ role: 'user', content: 'weather in Paris?' }],
    });
    const jsonDeltas: string[] = [];
    stream.on('inputJson', (partial) => jsonDeltas.push(partial));
    const final = await stream.finalMessage();
    expect(final.content[0]).toMatchObject({ type: 'text', text: 'Let me look.' });
    expect(final.content[1]).toMatchObject({
      type: 'tool_use',
      id: expect.stringMatching(/^call_/),
      name: 'get_weather',
      input: { city: 'Paris, France' },
    });
    expect(jsonDeltas.length).toBeGreaterThan(1); // arguments arrived in pieces, as the upstream sent them
    expect(final.stop_reason).toBe('tool_use');
    expect(final.usage).toMatchObject({ input_tokens: 120, cache_read_input_tokens: 40, output_tokens: 15 });
    const sent = chatFake.calls.at(-1)?.json as Record<string, unknown>;
    expect(sent.stream).toBe(true);
    expect(sent.stream_options).toEqual({ include_usage: true });
    expect(sent.tools).toEqual([
      {
        type: 'function',
        function: { name: 'get_weather', description: 'The weather in a city', parameters: WEATHER_TOOL.input_schema },
      },
    ]);
    const r = row((await stream.withResponse()).response.headers.get('x-cchub-request-id'));
    expect(r).toMatchObject({ stream: 1, input_tokens: 120, cache_read_tokens: 40, output_tokens: 15, status: 200 });
    expect(r.cost_usd as number).toBeCloseTo(expectedCost(UPSTREAM_MODEL, 120, 40, 15), 12);
  });

  it('history: tool results become tool messages, images image_url parts, thinking is dropped and said so', async () => {
    chatFake.enqueue({ kind: 'ok', text: 'It is sunny.' });
    const { response } = await anthropic()
      .messages.create({
        model: 'claude-sonnet-4-6',
        max_tokens: 100,
        tools: [WEATHER_TOOL],
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'what is this and the weather?' },
              { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' } },
              { type: 'image', source: { type: 'url', url: 'https://example.com/cat.jpg' } },
            ],
          },
          {
            role: 'assistant',
            content: [
              { type: 'thinking', thinking: 'need the weather', signature: 'sig-abc' },
              { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Paris' } },
            ],
          },
          {
            role: 'user',
            content: [
              { type: 'tool_result', tool_use_id: 'toolu_1', content: 'sunny, 21C' },
              { type: 'text', text: 'and so?' },
            ],
          },
        ],
      })
      .withResponse();
    const sent = chatFake.calls.at(-1)?.json as { messages: unknown[] };
    expect(sent.messages).toEqual([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'what is this and the weather?' },
          { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } },
          { type: 'image_url', image_url: { url: 'https://example.com/cat.jpg' } },
        ],
      },
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          { id: 'toolu_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
        ],
      },
      { role: 'tool', tool_call_id: 'toolu_1', content: 'sunny, 21C' },
      { role: 'user', content: 'and so?' },
    ]);
    const r = row(response.headers.get('x-cchub-request-id'));
    expect(r.decision_chain as string).toContain('thinking in history dropped');
  });

  it('reasoning: chat reasoning_content streams as a thinking block; a thinking budget maps to an effort', async () => {
    chatFake.enqueue({ kind: 'ok', reasoning: 'step one, step two', text: 'done' });
    const final = await anthropic()
      .messages.stream({
        model: 'claude-sonnet-4-6',
        max_tokens: 20000,
        thinking: { type: 'enabled', budget_tokens: 10000 },
        messages: [{ role: 'user', content: 'think' }],
      })
      .finalMessage();
    expect(final.content[0]).toMatchObject({ type: 'thinking', thinking: 'step one, step two' });
    expect(final.content[1]).toMatchObject({ type: 'text', text: 'done' });
    const sent = chatFake.calls.at(-1)?.json as Record<string, unknown> | undefined;
    expect(sent?.reasoning_effort).toBe('medium');
  });

  it("an upstream client error comes back in Anthropic's error shape", async () => {
    chatFake.enqueue({
      kind: 'status',
      status: 400,
      body: { error: { message: 'bad tool schema', type: 'invalid_request_error', code: null } },
    });
    const err = await anthropic()
      .messages.create({ model: 'claude-sonnet-4-6', max_tokens: 10, messages: [{ role: 'user', content: 'x' }] })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Anthropic.BadRequestError);
    expect((err as InstanceType<typeof Anthropic.BadRequestError>).error).toMatchObject({
      type: 'error',
      error: { type: 'invalid_request_error', message: expect.stringContaining('bad tool schema') },
    });
  });

  it('a failure in the middle of a translated stream ends it with an Anthropic error event', async () => {
    chatFake.enqueue({ kind: 'errorMidStream', afterDeltas: 2 });
    const stream = anthropic().messages.stream({
      model: 'claude-sonnet-4-6',
      max_tokens: 50,
      messages: [{ role: 'user', content: 'x' }],
    });
    const err = await stream.finalMessage().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Anthropic.APIError);
    expect(String((err as Error).message)).toMatch(/overloaded|stream_error/i);
  });
});

describe('counting and the model list for an Anthropic client on a Chat provider', () => {
  it('count_tokens is estimated here, labelled, unbilled; the provider is not called', async () => {
    const { data, response } = await anthropic()
      .messages.countTokens({
        model: 'claude-sonnet-4-6',
        system: 'x'.repeat(40),
        tools: [WEATHER_TOOL],
        messages: [{ role: 'user', content: 'y'.repeat(400) }],
      })
      .withResponse();
    const toolChars =
      WEATHER_TOOL.name.length +
      (WEATHER_TOOL.description?.length ?? 0) +
      JSON.stringify(WEATHER_TOOL.input_schema).length;
    expect(data.input_tokens).toBe(Math.ceil((40 + 400 + toolChars) / 4));
    expect(response.headers.get('x-cchub-token-count')).toBe('estimate');
    expect(chatFake.calls).toHaveLength(0);
    const r = row(response.headers.get('x-cchub-request-id'));
    expect(r).toMatchObject({ endpoint: 'count_tokens', status: 200, billed: 0, translated_from: 'anthropic' });
    expect(r.decision_chain as string).toContain('an estimate at 4 characters a token');
  });

  it("/v1/models lists the chat provider's models in Anthropic's shape", async () => {
    const page = await anthropic().models.list();
    expect(page.data.map((m) => m.id)).toContain(UPSTREAM_MODEL);
    expect(page.data[0]).toMatchObject({ type: 'model' });
  });
});

describe('selection with translation', () => {
  it("at equal priority the provider of the client's own format goes first; the translating one fails over", async () => {
    const nativeFake = await startFakeUpstream();
    const native = await t.addProvider(nativeFake.url, { type: 'anthropic', costMultiplier: 5 });
    try {
      nativeFake.enqueue({ kind: 'ok', text: 'native' });
      const first = await anthropic().messages.create({
        model: 'claude-sonnet-4-6',
        max_tokens: 10,
        messages: [{ role: 'user', content: 'a' }],
      });
      expect(first.content).toEqual([{ type: 'text', text: 'native' }]);
      // The native provider fails: the translating one answers.
      nativeFake.setDefault({ kind: 'status', status: 500 });
      chatFake.enqueue({ kind: 'ok', text: 'via chat' });
      const second = await anthropic()
        .messages.create({ model: 'claude-haiku-4-5', max_tokens: 10, messages: [{ role: 'user', content: 'b' }] })
        .withResponse();
      expect(second.data.content).toEqual([{ type: 'text', text: 'via chat' }]);
      expect(row(second.response.headers.get('x-cchub-request-id')).translated_from).toBe('anthropic');
    } finally {
      await t.api('DELETE', `/api/v1/providers/${native.id}`);
      await nativeFake.close();
    }
  });

  it('a chat provider that did not opt in never serves an Anthropic client', async () => {
    await t.api('PATCH', `/api/v1/providers/${chatProvider}`, { serves: [] });
    try {
      const err = await anthropic()
        .messages.create({ model: 'claude-sonnet-4-6', max_tokens: 10, messages: [{ role: 'user', content: 'x' }] })
        .catch((e: unknown) => e);
      expect((err as { status?: number }).status).toBe(503);
      expect(chatFake.calls).toHaveLength(0);
    } finally {
      const r = await t.api('PATCH', `/api/v1/providers/${chatProvider}`, { serves: ['anthropic'] });
      expect(r.json.serves).toEqual(['anthropic']);
    }
  });
});
