// Every client format on a provider of every other format, through the official SDKs: a JSON answer and a stream
// with a tool call, the text and the call's arguments arriving intact, the row's tokens and cost exact against the
// provider's reported usage.
import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI } from '@google/genai';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WireFormat } from '../../main/core/formats';
import { type FakeUpstream, startFakeUpstream } from '../fake-upstream';
import { startTestHub, type TestHub } from '../helpers/test-hub';

const FORMATS: WireFormat[] = ['anthropic', 'openai-chat', 'openai-responses', 'gemini'];
const BILLED: Record<WireFormat, string> = {
  anthropic: 'claude-sonnet-4-5',
  'openai-chat': 'gpt-4o-mini',
  'openai-responses': 'gpt-5',
  gemini: 'gemini-2.5-flash',
};
const USAGE = { input: 100, output: 7, cacheRead: 20 };
const ARGS = { city: 'Paris, France', days: 3 };

interface Answer {
  text: string;
  call?: { name: string; args: unknown };
  /** The input the client was told: uncached for Anthropic, cached included for the others. */
  input: number;
  requestId: string | null;
}

/** One client: a JSON question, and a stream asking for the tool. */
type Client = (hub: string, key: string, stream: boolean) => Promise<Answer>;

const TOOL_SCHEMA = {
  type: 'object',
  properties: { city: { type: 'string' }, days: { type: 'number' } },
  required: ['city'],
};

const CLIENTS: Record<WireFormat, Client> = {
  anthropic: async (hub, key, stream) => {
    const a = new Anthropic({ apiKey: key, baseURL: hub, maxRetries: 0 });
    const body = {
      model: 'client-model',
      max_tokens: 300,
      tools: [{ name: 'forecast', description: 'Weather', input_schema: TOOL_SCHEMA as Anthropic.Tool.InputSchema }],
      messages: [{ role: 'user' as const, content: 'forecast?' }],
    };
    const { data: m, response } = stream
      ? await a.messages
          .stream(body)
          .withResponse()
          .then(async (r) => ({ data: await r.data.finalMessage(), response: r.response }))
      : await a.messages.create(body).withResponse();
    const use = m.content.find((c) => c.type === 'tool_use');
    return {
      text: m.content.flatMap((c) => (c.type === 'text' ? [c.text] : [])).join(''),
      call: use ? { name: use.name, args: use.input } : undefined,
      input: m.usage.input_tokens,
      requestId: response.headers.get('x-cchub-request-id'),
    };
  },
  'openai-chat': async (hub, key, stream) => {
    const o = new OpenAI({ apiKey: key, baseURL: `${hub}/v1`, maxRetries: 0 });
    const body = {
      model: 'client-model',
      tools: [
        { type: 'function' as const, function: { name: 'forecast', description: 'Weather', parameters: TOOL_SCHEMA } },
      ],
      messages: [{ role: 'user' as const, content: 'forecast?' }],
    };
    if (!stream) {
      const { data, response } = await o.chat.completions.create(body).withResponse();
      const msg = data.choices[0]?.message;
      const fn = msg?.tool_calls?.[0];
      return {
        text: msg?.content ?? '',
        call: fn?.type === 'function' ? { name: fn.function.name, args: JSON.parse(fn.function.arguments) } : undefined,
        input: data.usage?.prompt_tokens ?? -1,
        requestId: response.headers.get('x-cchub-request-id'),
      };
    }
    const { data: chunks, response } = await o.chat.completions
      .create({ ...body, stream: true, stream_options: { include_usage: true } })
      .withResponse();
    let text = '';
    let name = '';
    let args = '';
    let input = -1;
    for await (const c of chunks) {
      const d = c.choices[0]?.delta;
      text += d?.content ?? '';
      for (const tc of d?.tool_calls ?? []) {
        name += tc.function?.name ?? '';
        args += tc.function?.arguments ?? '';
      }
      if (c.usage) input = c.usage.prompt_tokens;
    }
    return {
      text,
      call: name ? { name, args: JSON.parse(args) } : undefined,
      input,
      requestId: response.headers.get('x-cchub-request-id'),
    };
  },
  'openai-responses': async (hub, key, stream) => {
    const o = new OpenAI({ apiKey: key, baseURL: `${hub}/v1`, maxRetries: 0 });
    const body = {
      model: 'client-model',
      input: 'forecast?',
      tools: [
        { type: 'function' as const, name: 'forecast', description: 'Weather', parameters: TOOL_SCHEMA, strict: false },
      ],
    };
    let requestId: string | null = null;
    let r: OpenAI.Responses.Response;
    if (stream) {
      const s = o.responses.stream(body);
      r = await s.finalResponse();
    } else {
      const got = await o.responses.create(body).withResponse();
      r = got.data;
      requestId = got.response.headers.get('x-cchub-request-id');
    }
    const fn = r.output.find((i) => i.type === 'function_call');
    return {
      text: r.output_text,
      call: fn?.type === 'function_call' ? { name: fn.name, args: JSON.parse(fn.arguments) } : undefined,
      input: r.usage?.input_tokens ?? -1,
      requestId,
    };
  },
  gemini: async (hub, key, stream) => {
    const g = new GoogleGenAI({ apiKey: key, httpOptions: { baseUrl: hub } });
    const params = {
      model: 'client-model',
      contents: 'forecast?',
      config: {
        tools: [
          { functionDeclarations: [{ name: 'forecast', description: 'Weather', parametersJsonSchema: TOOL_SCHEMA }] },
        ],
      },
    };
    const chunks = stream ? await g.models.generateContentStream(params) : [await g.models.generateContent(params)];
    let text = '';
    let call: Answer['call'];
    let input = -1;
    for await (const c of chunks) {
      for (const p of c.candidates?.[0]?.content?.parts ?? []) {
        if (p.text && !p.thought) text += p.text;
        if (p.functionCall) call = { name: p.functionCall.name ?? '', args: p.functionCall.args };
      }
      if (c.usageMetadata?.promptTokenCount !== undefined) input = c.usageMetadata.promptTokenCount;
    }
    return { text, call, input, requestId: null };
  },
};

const fakes: FakeUpstream[] = [];
const hubs = new Map<WireFormat, { t: TestHub; key: string; fake: FakeUpstream }>();

beforeAll(async () => {
  for (const provider of FORMATS) {
    const fake = await startFakeUpstream();
    fakes.push(fake);
    const t = await startTestHub();
    await t.addProvider(fake.url, {
      type: provider,
      serves: FORMATS.filter((f) => f !== provider),
      modelRedirects: [{ match: 'exact', pattern: 'client-model', target: BILLED[provider] }],
    });
    const { key } = await t.addUserWithKey();
    hubs.set(provider, { t, key, fake });
  }
});
afterAll(async () => {
  for (const { t } of hubs.values()) await t.stop();
  for (const f of fakes) await f.close();
});

function lastRow(t: TestHub, requestId: string | null): Record<string, unknown> {
  t.fold();
  const [r] = requestId
    ? t.rows('SELECT * FROM requests WHERE id = ?', requestId)
    : t.rows('SELECT * FROM requests ORDER BY created_at DESC, id DESC LIMIT 1');
  if (!r) throw new Error('no row');
  return r;
}

function cost(t: TestHub, model: string): number {
  const p = t.hub.context.prices.lookup(model)?.data as Record<string, number>;
  return (
    USAGE.input * (p.input_cost_per_token as number) +
    USAGE.cacheRead * (p.cache_read_input_token_cost as number) +
    USAGE.output * (p.output_cost_per_token as number)
  );
}

for (const provider of FORMATS) {
  for (const client of FORMATS.filter((f) => f !== provider)) {
    describe(`${client} client on a ${provider} provider`, () => {
      for (const stream of [false, true]) {
        it(stream ? 'stream with a tool call' : 'JSON answer', async () => {
          const { t, key, fake } = hubs.get(provider) as { t: TestHub; key: string; fake: FakeUpstream };
          fake.enqueue(
            stream
              ? { kind: 'ok', text: 'Checking.', toolCall: { name: 'forecast', arguments: ARGS }, usage: USAGE }
              : { kind: 'ok', text: 'Sunny all week.', usage: USAGE },
          );
          const answer = await CLIENTS[client](t.url, key, stream);
          expect(answer.text).toBe(stream ? 'Checking.' : 'Sunny all week.');
          if (stream) expect(answer.call).toEqual({ name: 'forecast', args: ARGS });
          expect(answer.input).toBe(client === 'anthropic' ? USAGE.input : USAGE.input + USAGE.cacheRead);
          const r = lastRow(t, answer.requestId);
          expect(r).toMatchObject({
            format: client,
            translated_from: client,
            upstream_model: BILLED[provider],
            status: 200,
            error_class: null,
            input_tokens: USAGE.input,
            cache_read_tokens: USAGE.cacheRead,
            output_tokens: USAGE.output,
          });
          expect(r.cost_usd as number).toBeCloseTo(cost(t, BILLED[provider]), 12);
        });
      }
    });
  }
}
