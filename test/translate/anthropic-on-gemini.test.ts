// Anthropic Messages clients on a provider that speaks Gemini: requests and answers translated, JSON and streams,
// through the official Anthropic SDK.
import Anthropic from '@anthropic-ai/sdk';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type FakeUpstream, startFakeUpstream } from '../fake-upstream';
import { startTestHub, type TestHub } from '../helpers/test-hub';

let fake: FakeUpstream;
let t: TestHub;
let key: string;

const UPSTREAM_MODEL = 'gemini-2.5-flash';

beforeAll(async () => {
  fake = await startFakeUpstream({ apiKey: 'gemini-upstream-key' });
  t = await startTestHub();
  await t.addProvider(fake.url, {
    type: 'gemini',
    apiKey: 'gemini-upstream-key',
    serves: ['anthropic'],
    modelRedirects: [{ match: 'prefix', pattern: 'claude-', target: UPSTREAM_MODEL }],
  });
  ({ key } = await t.addUserWithKey());
});
afterAll(async () => {
  await t.stop();
  await fake.close();
});
afterEach(() => fake.reset());

const anthropic = () => new Anthropic({ apiKey: key, baseURL: t.url, maxRetries: 0 });

function row(id: string | null): Record<string, unknown> {
  t.fold();
  const [r] = t.rows('SELECT * FROM requests WHERE id = ?', id);
  if (!r) throw new Error(`no row for ${id}`);
  return r;
}

function expectedCost(input: number, cacheRead: number, output: number): number {
  const p = t.hub.context.prices.lookup(UPSTREAM_MODEL)?.data as Record<string, number>;
  return (
    input * (p.input_cost_per_token as number) +
    cacheRead * (p.cache_read_input_token_cost as number) +
    output * (p.output_cost_per_token as number)
  );
}

const TOOL: Anthropic.Tool = {
  name: 'lookup',
  description: 'Looks a word up',
  input_schema: { type: 'object', properties: { word: { type: 'string' } }, required: ['word'] },
};

describe('Anthropic client on a Gemini provider', () => {
  it('JSON: generateContent with systemInstruction and contents; the answer and usage come back', async () => {
    fake.enqueue({ kind: 'ok', text: 'gemini says hi', usage: { input: 400, output: 9, cacheRead: 100 } });
    const { data, response } = await anthropic()
      .messages.create({
        model: 'claude-sonnet-4-6',
        max_tokens: 64,
        system: 'be terse',
        messages: [{ role: 'user', content: 'hi' }],
      })
      .withResponse();
    expect(data.content).toEqual([{ type: 'text', text: 'gemini says hi' }]);
    expect(data.stop_reason).toBe('end_turn');
    expect(data.usage).toMatchObject({ input_tokens: 400, cache_read_input_tokens: 100, output_tokens: 9 });
    const call = fake.calls.at(-1);
    expect(call?.path).toBe(`/v1beta/models/${UPSTREAM_MODEL}:generateContent`);
    expect(call?.headers['x-goog-api-key']).toBe('gemini-upstream-key');
    expect(call?.json).toEqual({
      contents: [{ role: 'user', parts: [{ text: 'hi' }] }],
      systemInstruction: { parts: [{ text: 'be terse' }] },
      generationConfig: { maxOutputTokens: 64 },
    });
    const r = row(response.headers.get('x-cchub-request-id'));
    expect(r).toMatchObject({
      translated_from: 'anthropic',
      input_tokens: 400,
      cache_read_tokens: 100,
      output_tokens: 9,
    });
    expect(r.cost_usd as number).toBeCloseTo(expectedCost(400, 100, 9), 12);
  });

  it('stream: thoughts, text and a function call become thinking, text and tool_use blocks', async () => {
    fake.enqueue({
      kind: 'ok',
      reasoning: 'thinking it over',
      text: 'Looking it up.',
      toolCall: { name: 'lookup', arguments: { word: 'relay' } },
      usage: { input: 50, output: 12, reasoning: 30 },
    });
    const stream = anthropic().messages.stream({
      model: 'claude-sonnet-4-6',
      max_tokens: 4000,
      thinking: { type: 'enabled', budget_tokens: 2048 },
      tools: [TOOL],
      tool_choice: { type: 'any' },
      messages: [{ role: 'user', content: 'define relay' }],
    });
    const final = await stream.finalMessage();
    expect(final.content.map((c) => c.type)).toEqual(['thinking', 'text', 'tool_use']);
    expect(final.content[0]).toMatchObject({ thinking: 'thinking it over' });
    expect(final.content[2]).toMatchObject({
      name: 'lookup',
      input: { word: 'relay' },
      id: expect.stringMatching(/^toolu_/),
    });
    expect(final.stop_reason).toBe('tool_use');
    // Gemini's thought tokens are output tokens.
    expect(final.usage).toMatchObject({ input_tokens: 50, output_tokens: 42 });
    const call = fake.calls.at(-1);
    expect(call?.path).toBe(`/v1beta/models/${UPSTREAM_MODEL}:streamGenerateContent`);
    expect(call?.query).toBe('alt=sse');
    expect(call?.json).toMatchObject({
      tools: [
        {
          functionDeclarations: [
            { name: 'lookup', description: 'Looks a word up', parametersJsonSchema: TOOL.input_schema },
          ],
        },
      ],
      toolConfig: { functionCallingConfig: { mode: 'ANY' } },
      generationConfig: { maxOutputTokens: 4000, thinkingConfig: { thinkingBudget: 2048, includeThoughts: true } },
    });
    const r = row((await stream.withResponse()).response.headers.get('x-cchub-request-id'));
    expect(r).toMatchObject({ stream: 1, input_tokens: 50, output_tokens: 42, status: 200 });
    expect(r.cost_usd as number).toBeCloseTo(expectedCost(50, 0, 42), 12);
  });

  it('history: tool_use and tool_result become functionCall and functionResponse named by the call', async () => {
    fake.enqueue({ kind: 'ok', text: 'A relay passes things on.' });
    await anthropic().messages.create({
      model: 'claude-sonnet-4-6',
      max_tokens: 100,
      tools: [TOOL],
      messages: [
        { role: 'user', content: 'define relay' },
        { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_9', name: 'lookup', input: { word: 'relay' } }] },
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: 'toolu_9', content: [{ type: 'text', text: 'to pass on' }] },
            { type: 'image', source: { type: 'base64', media_type: 'image/jpeg', data: '/9j/4AAQ' } },
          ],
        },
      ],
    });
    const sent = fake.calls.at(-1)?.json as { contents: unknown[] };
    expect(sent.contents).toEqual([
      { role: 'user', parts: [{ text: 'define relay' }] },
      {
        role: 'model',
        parts: [
          {
            functionCall: { id: 'toolu_9', name: 'lookup', args: { word: 'relay' } },
            thoughtSignature: 'skip_thought_signature_validator',
          },
        ],
      },
      {
        role: 'user',
        parts: [
          { functionResponse: { id: 'toolu_9', name: 'lookup', response: { output: 'to pass on' } } },
          { inlineData: { mimeType: 'image/jpeg', data: '/9j/4AAQ' } },
        ],
      },
    ]);
  });

  it("count_tokens asks the provider's countTokens and answers its total", async () => {
    const { data } = await anthropic()
      .messages.countTokens({
        model: 'claude-sonnet-4-6',
        system: 'sys',
        messages: [{ role: 'user', content: 'count me' }],
      })
      .withResponse();
    const call = fake.calls.at(-1);
    expect(call?.path).toBe(`/v1beta/models/${UPSTREAM_MODEL}:countTokens`);
    expect(call?.json).toEqual({
      generateContentRequest: {
        model: `models/${UPSTREAM_MODEL}`,
        contents: [{ role: 'user', parts: [{ text: 'count me' }] }],
        systemInstruction: { parts: [{ text: 'sys' }] },
      },
    });
    // The fake counts a quarter of the bytes it received.
    expect(data.input_tokens).toBe(Math.max(1, Math.round((call?.body.length ?? 0) / 4)));
  });

  it("a Gemini error status comes back in Anthropic's error shape", async () => {
    fake.enqueue({ kind: 'status', status: 400 });
    const err = await anthropic()
      .messages.create({ model: 'claude-sonnet-4-6', max_tokens: 10, messages: [{ role: 'user', content: 'x' }] })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Anthropic.BadRequestError);
    expect((err as InstanceType<typeof Anthropic.BadRequestError>).error).toMatchObject({
      type: 'error',
      error: { type: 'invalid_request_error' },
    });
  });
});
