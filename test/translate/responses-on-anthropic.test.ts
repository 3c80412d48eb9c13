// OpenAI Responses clients (Codex's API) on a provider that speaks Anthropic Messages: requests and answers
// translated, JSON and streams, through the official openai SDK.
import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type FakeUpstream, startFakeUpstream } from '../fake-upstream';
import { thinkingSignature } from '../fake-upstream/anthropic';
import { startTestHub, type TestHub } from '../helpers/test-hub';

let fake: FakeUpstream;
let t: TestHub;
let key: string;

const UPSTREAM_MODEL = 'claude-sonnet-4-5';

beforeAll(async () => {
  fake = await startFakeUpstream({ apiKey: 'sk-ant-upstream' });
  t = await startTestHub();
  await t.addProvider(fake.url, {
    type: 'anthropic',
    apiKey: 'sk-ant-upstream',
    serves: ['openai-responses'],
    modelRedirects: [{ match: 'prefix', pattern: 'gpt-', target: UPSTREAM_MODEL }],
  });
  ({ key } = await t.addUserWithKey());
});
afterAll(async () => {
  await t.stop();
  await fake.close();
});
afterEach(() => fake.reset());

const openai = () => new OpenAI({ apiKey: key, baseURL: `${t.url}/v1`, maxRetries: 0 });

function row(id: string | null): Record<string, unknown> {
  t.fold();
  const [r] = t.rows('SELECT * FROM requests WHERE id = ?', id);
  if (!r) throw new Error(`no row for ${id}`);
  return r;
}

function expectedCost(u: { input: number; cacheRead: number; cacheWrite5m: number; output: number }): number {
  const p = t.hub.context.prices.lookup(UPSTREAM_MODEL)?.data as Record<string, number>;
  return (
    u.input * (p.input_cost_per_token as number) +
    u.cacheRead * (p.cache_read_input_token_cost as number) +
    u.cacheWrite5m * (p.cache_creation_input_token_cost as number) +
    u.output * (p.output_cost_per_token as number)
  );
}

const SHELL_TOOL: OpenAI.Responses.FunctionTool = {
  type: 'function',
  name: 'exec_command',
  description: 'Runs a command',
  strict: false,
  parameters: { type: 'object', properties: { cmd: { type: 'string' } }, required: ['cmd'] },
};

describe('Responses client on an Anthropic provider', () => {
  it('JSON: instructions and developer messages become the system prompt; usage folds cache into input', async () => {
    const usage = { input: 200, output: 9, cacheRead: 1000, cacheWrite5m: 300 };
    fake.enqueue({ kind: 'ok', text: 'claude answers', usage });
    const { data, response } = await openai()
      .responses.create({
        model: 'gpt-5',
        instructions: 'be brief',
        input: [
          { role: 'developer', content: 'you are codex' },
          { role: 'user', content: [{ type: 'input_text', text: 'hello' }] },
        ],
        max_output_tokens: 500,
        prompt_cache_key: 'session-1',
      })
      .withResponse();
    expect(data.output_text).toBe('claude answers');
    expect(data.status).toBe('completed');
    expect(data.usage).toMatchObject({
      input_tokens: 1500,
      input_tokens_details: { cached_tokens: 1000 },
      output_tokens: 9,
    });
    const call = fake.calls.at(-1);
    expect(call?.path).toBe('/v1/messages');
    expect(call?.headers['x-api-key']).toBe('sk-ant-upstream');
    expect(call?.headers['anthropic-version']).toBe('2023-06-01');
    expect(call?.json).toEqual({
      model: UPSTREAM_MODEL,
      max_tokens: 500,
      system: [{ type: 'text', text: 'be brief\n\nyou are codex', cache_control: { type: 'ephemeral' } }],
      messages: [{ role: 'user', content: [{ type: 'text', text: 'hello', cache_control: { type: 'ephemeral' } }] }],
    });
    const r = row(response.headers.get('x-cchub-request-id'));
    expect(r).toMatchObject({
      translated_from: 'openai-responses',
      input_tokens: 200,
      cache_read_tokens: 1000,
      cache_write_5m_tokens: 300,
      output_tokens: 9,
    });
    expect(r.cost_usd as number).toBeCloseTo(expectedCost(usage), 12);
  });

  it('stream: thinking, text and tool_use become reasoning, message and function_call items', async () => {
    fake.enqueue({
      kind: 'ok',
      reasoning: 'I should list files',
      text: 'Listing.',
      toolCall: { name: 'exec_command', arguments: { cmd: 'ls -la' } },
      usage: { input: 80, output: 30, cacheRead: 20 },
    });
    const stream = openai().responses.stream({
      model: 'gpt-5',
      input: 'list files',
      tools: [SHELL_TOOL],
      reasoning: { effort: 'low', summary: 'auto' },
    });
    const summary: string[] = [];
    const text: string[] = [];
    const args: string[] = [];
    stream.on('response.reasoning_summary_text.delta', (e) => summary.push(e.delta));
    stream.on('response.output_text.delta', (e) => text.push(e.delta));
    stream.on('response.function_call_arguments.delta', (e) => args.push(e.delta));
    const final = await stream.finalResponse();
    expect(summary.join('')).toBe('I should list files');
    expect(text.join('')).toBe('Listing.');
    expect(args.length).toBeGreaterThan(1);
    expect(JSON.parse(args.join(''))).toEqual({ cmd: 'ls -la' });
    expect(final.output.map((o) => o.type)).toEqual(['reasoning', 'message', 'function_call']);
    expect(final.output[0]).toMatchObject({
      encrypted_content: `cchub.anthropic.${thinkingSignature('I should list files')}`,
    });
    expect(final.output[2]).toMatchObject({
      call_id: expect.stringMatching(/^toolu_01/),
      name: 'exec_command',
      arguments: '{"cmd":"ls -la"}',
    });
    expect(final.usage).toMatchObject({ input_tokens: 100, output_tokens: 30 });
    const sent = fake.calls.at(-1)?.json as Record<string, unknown>;
    expect(sent).toMatchObject({
      stream: true,
      thinking: { type: 'enabled', budget_tokens: 2048 },
      tools: [{ name: 'exec_command', description: 'Runs a command', input_schema: SHELL_TOOL.parameters }],
    });
    t.fold();
    const [r] = t.rows('SELECT * FROM requests ORDER BY created_at DESC, id DESC LIMIT 1') as Record<string, unknown>[];
    expect(r).toMatchObject({ stream: 1, input_tokens: 80, cache_read_tokens: 20, output_tokens: 30, status: 200 });
    expect(r?.cost_usd as number).toBeCloseTo(
      expectedCost({ input: 80, cacheRead: 20, cacheWrite5m: 0, output: 30 }),
      12,
    );
  });

  it('history: a reasoning item the hub wrote goes back as thinking with its signature; calls and outputs pair up', async () => {
    fake.enqueue({ kind: 'ok', text: 'two files' });
    const signature = thinkingSignature('plan');
    await openai().responses.create({
      model: 'gpt-5',
      tools: [SHELL_TOOL],
      reasoning: { effort: 'medium' },
      input: [
        { role: 'user', content: 'list files' },
        {
          type: 'reasoning',
          id: 'rs_0',
          summary: [{ type: 'summary_text', text: 'plan' }],
          encrypted_content: `cchub.anthropic.${signature}`,
        },
        { type: 'reasoning', id: 'rs_x', summary: [], encrypted_content: 'gAAAAB-openai-opaque' },
        { type: 'function_call', call_id: 'toolu_1', name: 'exec_command', arguments: '{"cmd":"ls"}' },
        { type: 'function_call_output', call_id: 'toolu_1', output: 'a.txt\nb.txt' },
      ],
    });
    const sent = fake.calls.at(-1)?.json as { messages: unknown[] };
    expect(sent.messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'list files' }] },
      {
        role: 'assistant',
        content: [
          { type: 'thinking', thinking: 'plan', signature },
          { type: 'tool_use', id: 'toolu_1', name: 'exec_command', input: { cmd: 'ls' } },
        ],
      },
      {
        role: 'user',
        content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: [{ type: 'text', text: 'a.txt\nb.txt' }] }],
      },
    ]);
  });

  it('a custom (freeform) tool travels as a one-string JSON tool and comes back as a custom_tool_call', async () => {
    fake.enqueue({
      kind: 'ok',
      text: '',
      toolCall: { name: 'apply_patch', arguments: { input: '*** Begin Patch\n*** End Patch' } },
    });
    const final = await openai()
      .responses.stream({
        model: 'gpt-5',
        input: 'patch it',
        tools: [{ type: 'custom', name: 'apply_patch', description: 'Applies a patch' }],
      })
      .finalResponse();
    expect(final.output).toEqual([
      expect.objectContaining({
        type: 'custom_tool_call',
        name: 'apply_patch',
        input: '*** Begin Patch\n*** End Patch',
      }),
    ]);
    const sent = fake.calls.at(-1)?.json as { tools: { name: string; input_schema: { required: string[] } }[] };
    expect(sent.tools[0]).toMatchObject({ name: 'apply_patch', input_schema: { required: ['input'] } });
  });

  it("an Anthropic client error comes back in OpenAI's error shape", async () => {
    fake.enqueue({ kind: 'status', status: 400 });
    const err = await openai()
      .responses.create({ model: 'gpt-5', input: 'x' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.BadRequestError);
    expect((err as InstanceType<typeof OpenAI.BadRequestError>).error).toMatchObject({ type: 'invalid_request_error' });
  });
});
