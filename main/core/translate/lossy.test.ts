// The lossy points of each direction (docs/translation.md lists the same): what is dropped or approximated, and
// that the decision chain's words say so.
import { describe, expect, it } from 'vitest';
import type { WireFormat } from '../formats';
import { Translation } from './translation';

function translate(
  from: WireFormat,
  to: WireFormat,
  body: object,
  stream = false,
  endpoint = 'messages',
  maxOut?: number,
) {
  const json = Buffer.from(JSON.stringify(body));
  const built = Translation.ofRequest(from, to, endpoint, json, 'up-model', stream, { maxOutputTokens: maxOut });
  if (!built) throw new Error('not translatable');
  return {
    sent: JSON.parse(built.body.toString()) as Record<string, unknown>,
    lost: built.translation.describe(),
    t: built.translation,
  };
}

const ANTHROPIC_HISTORY = {
  model: 'claude',
  max_tokens: 100,
  system: [{ type: 'text', text: 'sys', cache_control: { type: 'ephemeral' } }],
  messages: [
    { role: 'user', content: 'q' },
    {
      role: 'assistant',
      content: [
        { type: 'thinking', thinking: 'hmm', signature: 'sig' },
        { type: 'redacted_thinking', data: 'xxx' },
        { type: 'tool_use', id: 't1', name: 'f', input: {} },
      ],
    },
    { role: 'user', content: [{ type: 'tool_result', tool_use_id: 't1', content: 'boom', is_error: true }] },
  ],
};

describe('Anthropic clients', () => {
  for (const to of ['openai-chat', 'openai-responses', 'gemini'] as const) {
    it(`to ${to}: cache_control, thinking and redacted_thinking in history are dropped and said so`, () => {
      const { sent, lost } = translate('anthropic', to, ANTHROPIC_HISTORY);
      expect(JSON.stringify(sent)).not.toContain('cache_control');
      expect(JSON.stringify(sent)).not.toContain('hmm');
      expect(lost).toContain('cache_control dropped');
      expect(lost).toContain('thinking in history dropped');
      expect(lost).toContain('redacted_thinking dropped');
    });
  }

  it('server tools, top_k and context_management are dropped', () => {
    const { sent, lost } = translate('anthropic', 'openai-chat', {
      model: 'c',
      max_tokens: 10,
      top_k: 5,
      context_management: { edits: [] },
      tools: [{ type: 'web_search_20250305', name: 'web_search' }],
      messages: [{ role: 'user', content: 'x' }],
    });
    expect(sent.tools).toBeUndefined();
    expect(lost).toContain('server tool web_search dropped');
    expect(lost).toContain('top_k dropped');
    expect(lost).toContain('context_management dropped');
  });

  it('a thinking budget becomes an effort for OpenAI, stays a budget for Gemini', () => {
    const body = {
      model: 'c',
      max_tokens: 9000,
      thinking: { type: 'enabled', budget_tokens: 20000 },
      messages: [{ role: 'user', content: 'x' }],
    };
    const chat = translate('anthropic', 'openai-chat', body);
    expect(chat.sent.reasoning_effort).toBe('high');
    expect(chat.lost).toContain('thinking budget 20000 as reasoning_effort high');
    expect(translate('anthropic', 'openai-responses', body).sent.reasoning).toEqual({
      effort: 'high',
      summary: 'auto',
    });
    const gemini = translate('anthropic', 'gemini', body);
    expect((gemini.sent.generationConfig as Record<string, unknown>).thinkingConfig).toEqual({
      thinkingBudget: 20000,
      includeThoughts: true,
    });
  });

  it("a tool_result's is_error is folded into the text for Chat and kept as an error response for Gemini", () => {
    expect(translate('anthropic', 'openai-chat', ANTHROPIC_HISTORY).lost).toContain(
      'tool_result is_error folded into its text',
    );
    const gemini = translate('anthropic', 'gemini', ANTHROPIC_HISTORY);
    expect(JSON.stringify(gemini.sent)).toContain('"response":{"error":"boom"}');
  });

  it('an image URL reaches Gemini as fileData, approximated', () => {
    const { sent, lost } = translate('anthropic', 'gemini', {
      model: 'c',
      max_tokens: 10,
      messages: [{ role: 'user', content: [{ type: 'image', source: { type: 'url', url: 'https://x/y.jpg' } }] }],
    });
    expect(JSON.stringify(sent)).toContain('"fileData":{"mimeType":"image/jpeg","fileUri":"https://x/y.jpg"}');
    expect(lost).toContain('image URL sent as fileData');
  });

  it("max_tokens over the provider model's limit is capped to it (Claude Code asks 64000; DeepSeek allows 8192)", () => {
    const { sent, lost } = translate(
      'anthropic',
      'openai-chat',
      { model: 'c', max_tokens: 64000, messages: [] },
      true,
      'messages',
      8192,
    );
    expect(sent.max_tokens).toBe(8192);
    expect(lost).toContain('max_tokens 64000 capped at 8192, the limit of up-model');
  });

  it('adaptive thinking is left to the provider: no effort is invented', () => {
    const { sent, lost } = translate('anthropic', 'openai-chat', {
      model: 'c',
      max_tokens: 10,
      thinking: { type: 'adaptive' },
      messages: [],
    });
    expect(sent.reasoning_effort).toBeUndefined();
    expect(lost).toContain('adaptive thinking left to the provider');
  });

  it('names quoted from the request reach the chain as printable ASCII, capped', () => {
    const { lost } = translate('anthropic', 'openai-chat', {
      model: 'c',
      max_tokens: 10,
      tools: [{ type: 'web_search_20250305', name: `搜索${'x'.repeat(300)}` }],
      messages: [],
    });
    expect(lost).toMatch(/server tool \?\?x+ dropped|server tool \?\?x+/);
    expect(lost.length).toBeLessThan(200);
  });

  it('a body that is no JSON object is answered with a 400 in the client format, never sent', () => {
    const built = Translation.ofRequest('anthropic', 'openai-chat', 'messages', Buffer.from('[1]'), 'm', false);
    expect(built?.translation.localAnswer?.status).toBe(400);
    expect(JSON.parse(built?.translation.localAnswer?.body.toString() ?? '{}')).toMatchObject({
      type: 'error',
      error: { type: 'invalid_request_error' },
    });
  });

  it('stop sequences cannot reach the Responses API', () => {
    const { sent, lost } = translate('anthropic', 'openai-responses', {
      model: 'c',
      max_tokens: 10,
      stop_sequences: ['END'],
      messages: [{ role: 'user', content: 'x' }],
    });
    expect(JSON.stringify(sent)).not.toContain('END');
    expect(lost).toContain('stop sequences dropped');
  });
});

describe('OpenAI Chat clients', () => {
  it('n, logprobs, response_format, seed and penalties are dropped', () => {
    const { lost } = translate('openai-chat', 'anthropic', {
      model: 'g',
      n: 2,
      logprobs: true,
      seed: 1,
      response_format: { type: 'json_object' },
      presence_penalty: 1,
      messages: [{ role: 'user', content: 'x' }],
    });
    for (const k of ['n', 'logprobs', 'seed', 'response_format', 'presence_penalty'])
      expect(lost).toContain(`${k} dropped`);
  });

  it('an effort becomes an Anthropic thinking budget; temperature goes, Anthropic allows none beside thinking', () => {
    const { sent, lost } = translate('openai-chat', 'anthropic', {
      model: 'g',
      reasoning_effort: 'low',
      temperature: 0.2,
      max_tokens: 1000,
      messages: [{ role: 'user', content: 'x' }],
    });
    expect(sent.thinking).toEqual({ type: 'enabled', budget_tokens: 2048 });
    expect(sent.max_tokens).toBe(2048 + 4096);
    expect(sent.temperature).toBeUndefined();
    expect(lost).toContain('reasoning effort low as a thinking budget of 2048');
    expect(lost).toContain('temperature dropped');
  });

  it('prompt_cache_key becomes cache_control breakpoints on Anthropic', () => {
    const { sent, lost } = translate('openai-chat', 'anthropic', {
      model: 'g',
      prompt_cache_key: 'k',
      messages: [
        { role: 'system', content: 's' },
        { role: 'user', content: 'x' },
      ],
    });
    expect(sent.system).toEqual([{ type: 'text', text: 's', cache_control: { type: 'ephemeral' } }]);
    expect(JSON.stringify(sent.messages)).toContain('"cache_control":{"type":"ephemeral"}');
    expect(lost).toContain('prompt_cache_key as cache_control breakpoints');
  });
});

describe('OpenAI Responses clients', () => {
  it('reasoning of another provider, web_search and namespace tools, text.format and previous_response_id are dropped', () => {
    const { sent, lost } = translate('openai-responses', 'anthropic', {
      model: 'g',
      previous_response_id: 'resp_1',
      text: { format: { type: 'json_schema', name: 'x', schema: {} } },
      tools: [{ type: 'web_search' }, { type: 'namespace', name: 'multi_agent_v1', tools: [] }],
      input: [
        { role: 'user', content: 'x' },
        { type: 'reasoning', summary: [], encrypted_content: 'gAAAA-openai' },
      ],
    });
    expect(JSON.stringify(sent)).not.toContain('gAAAA');
    expect(lost).toContain('reasoning item of another provider dropped');
    expect(lost).toContain('web_search tool dropped');
    expect(lost).toContain('namespace tool multi_agent_v1 dropped');
    expect(lost).toContain('text.format json_schema dropped');
    expect(lost).toContain('previous_response_id dropped');
  });

  it("a custom tool's grammar is given as one string argument", () => {
    const { sent, lost } = translate('openai-responses', 'openai-chat', {
      model: 'g',
      input: 'x',
      tools: [
        { type: 'custom', name: 'apply_patch', format: { type: 'grammar', syntax: 'lark', definition: 'start: x' } },
      ],
    });
    expect(JSON.stringify(sent.tools)).toContain('"required":["input"]');
    expect(lost).toContain('custom tool apply_patch: its grammar given as a string argument');
  });
});

describe('Gemini clients', () => {
  it('safetySettings and cachedContent are dropped; a functionResponse without id pairs with its call by order', () => {
    const { sent, lost } = translate(
      'gemini',
      'openai-chat',
      {
        safetySettings: [{ category: 'HARM_CATEGORY_HARASSMENT', threshold: 'BLOCK_NONE' }],
        cachedContent: 'cachedContents/1',
        contents: [
          { role: 'user', parts: [{ text: 'q' }] },
          { role: 'model', parts: [{ functionCall: { name: 'f', args: { a: 1 } } }] },
          { role: 'user', parts: [{ functionResponse: { name: 'f', response: { ok: true } } }] },
        ],
      },
      false,
      'generate_content',
    );
    expect(lost).toContain('safetySettings dropped');
    expect(lost).toContain('cachedContent dropped');
    const messages = sent.messages as { role: string; tool_calls?: { id: string }[]; tool_call_id?: string }[];
    expect(messages[2]?.tool_call_id).toBe(messages[1]?.tool_calls?.[0]?.id);
  });
});

describe('answers', () => {
  const usage = { input_tokens: 10, cache_read_input_tokens: 50, cache_creation_input_tokens: 5, output_tokens: 3 };
  const anthropicAnswer = Buffer.from(
    JSON.stringify({
      id: 'msg_1',
      model: 'claude',
      content: [
        { type: 'thinking', thinking: 't', signature: 'SIG' },
        { type: 'text', text: 'a' },
      ],
      stop_reason: 'stop_sequence',
      usage,
    }),
  );

  it('to a Chat client: thinking as reasoning_content without its signature; cache writes counted as prompt tokens', () => {
    const { t } = translate('openai-chat', 'anthropic', { model: 'g', messages: [{ role: 'user', content: 'x' }] });
    const out = JSON.parse(t.answerJson(anthropicAnswer).toString());
    expect(out.choices[0].message).toEqual({ role: 'assistant', content: 'a', reasoning_content: 't' });
    expect(JSON.stringify(out)).not.toContain('SIG');
    expect(out.choices[0].finish_reason).toBe('stop');
    expect(out.usage).toMatchObject({ prompt_tokens: 65, prompt_tokens_details: { cached_tokens: 50 } });
  });

  it('to a Gemini client: a function call named without an id gets one; thoughts come back as thought parts', () => {
    const { t } = translate('anthropic', 'gemini', {
      model: 'c',
      max_tokens: 5,
      messages: [{ role: 'user', content: 'x' }],
    });
    const gemini = Buffer.from(
      JSON.stringify({
        candidates: [
          {
            content: { parts: [{ text: 'p', thought: true }, { functionCall: { name: 'f', args: {} } }] },
            finishReason: 'STOP',
          },
        ],
      }),
    );
    const out = JSON.parse(t.answerJson(gemini).toString());
    expect(out.content[0]).toEqual({ type: 'thinking', thinking: 'p', signature: '' });
    expect(out.content[1]).toMatchObject({ type: 'tool_use', id: expect.stringMatching(/^toolu_/), name: 'f' });
    expect(out.stop_reason).toBe('tool_use');
  });

  it('a chat stream whose tool calls interleave keeps the first call whole; the later one starts after it', () => {
    const { t } = translate(
      'anthropic',
      'openai-chat',
      { model: 'c', max_tokens: 5, stream: true, messages: [{ role: 'user', content: 'x' }] },
      true,
    );
    const s = t.stream();
    const chunk = (delta: object, finish: string | null = null) =>
      `data: ${JSON.stringify({ id: 'c', model: 'm', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
    const bytes = [
      chunk({ tool_calls: [{ index: 0, id: 'a', function: { name: 'f', arguments: '{"x"' } }] }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: ':1}' } }] }),
      chunk({ tool_calls: [{ index: 1, id: 'b', function: { name: 'g', arguments: '{}' } }] }),
      chunk({}, 'tool_calls'),
      'data: [DONE]\n\n',
    ]
      .map((c) => s.push(Buffer.from(c)).toString())
      .join('');
    expect(bytes).toContain('"partial_json":"{\\"x\\""');
    expect(bytes).toContain('"partial_json":":1}"');
    expect(bytes).toContain('"content_block":{"type":"tool_use","id":"b","name":"g","input":{}}');
    expect(bytes).toContain('"stop_reason":"tool_use"');
    expect(bytes.endsWith('event: message_stop\ndata: {"type":"message_stop"}\n\n')).toBe(true);
  });
});
