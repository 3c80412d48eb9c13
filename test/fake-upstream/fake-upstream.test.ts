// Proves the fake's wire formats with the official SDKs and raw HTTP, and every scripted failure from a plain client.
import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { createInterface } from 'node:readline';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type FakeUpstream, startFakeUpstream } from './index';

interface SseEvent {
  event: string | undefined;
  data: string;
}

function parseSse(text: string): SseEvent[] {
  return text
    .split(/\r?\n\r?\n/)
    .filter((block) => block.trim() !== '')
    .map((block) => {
      let event: string | undefined;
      const data: string[] = [];
      for (const line of block.split(/\r?\n/)) {
        if (line.startsWith('event: ')) event = line.slice(7);
        else if (line.startsWith('data: ')) data.push(line.slice(6));
      }
      return { event, data: data.join('\n') };
    });
}

function dataOf(event: SseEvent | undefined): Record<string, unknown> {
  return JSON.parse(event?.data ?? 'null') as Record<string, unknown>;
}

async function post(base: string, path: string, body: object, headers: Record<string, string> = {}) {
  const response = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

/** A plain node:http POST that reports the socket error instead of a response. */
function postExpectingSocketError(base: string, path: string): Promise<NodeJS.ErrnoException> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' } });
    req.on('response', (res) => reject(new Error(`unexpected response ${res.statusCode}`)));
    req.on('error', resolve);
    req.end('{"model":"claude-sonnet-4-6"}');
  });
}

const anthropicBody: Anthropic.MessageCreateParamsNonStreaming = {
  model: 'claude-sonnet-4-6',
  max_tokens: 64,
  messages: [{ role: 'user', content: 'hi' }],
};
const chatBody: OpenAI.ChatCompletionCreateParamsNonStreaming = {
  model: 'gpt-4o-mini',
  messages: [{ role: 'user', content: 'hi' }],
};

describe('fake upstream', () => {
  let fake: FakeUpstream;
  let anthropic: Anthropic;
  let openai: OpenAI;

  beforeAll(async () => {
    fake = await startFakeUpstream();
    anthropic = new Anthropic({ apiKey: 'test-key', baseURL: fake.url, maxRetries: 0 });
    openai = new OpenAI({ apiKey: 'test-key', baseURL: `${fake.url}/v1`, maxRetries: 0 });
  });
  afterEach(() => fake.reset());
  afterAll(() => fake.close());

  describe('Anthropic Messages', () => {
    it('answers messages.create with a full Message and a body-size input estimate', async () => {
      const message = await anthropic.messages.create(anthropicBody);
      expect(message.id).toMatch(/^msg_/);
      expect(message.model).toBe('claude-sonnet-4-6');
      expect(message.stop_reason).toBe('end_turn');
      expect(message.content).toEqual([
        expect.objectContaining({ type: 'text', text: 'Hello from the fake upstream.' }),
      ]);
      const sent = fake.calls[0]?.body.length ?? 0;
      expect(message.usage).toMatchObject({
        input_tokens: Math.max(1, Math.round(sent / 4)),
        output_tokens: 5,
        cache_read_input_tokens: 0,
        cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 },
      });
    });

    it('streams a message the SDK accumulates, with the configured cache usage', async () => {
      fake.enqueue({
        kind: 'ok',
        text: 'one two three four',
        model: 'claude-opus-4-6',
        usage: { input: 10, output: 7, cacheRead: 100, cacheWrite5m: 20, cacheWrite1h: 30 },
      });
      const stream = anthropic.messages.stream(anthropicBody);
      const deltas: string[] = [];
      stream.on('text', (delta) => deltas.push(delta));
      const message = await stream.finalMessage();
      expect(deltas).toEqual(['one', ' two', ' three', ' four']);
      expect(message.content).toEqual([expect.objectContaining({ type: 'text', text: 'one two three four' })]);
      expect(message.model).toBe('claude-opus-4-6');
      expect(message.stop_reason).toBe('end_turn');
      expect(message.usage).toMatchObject({
        input_tokens: 10,
        output_tokens: 7,
        cache_read_input_tokens: 100,
        cache_creation_input_tokens: 50,
        cache_creation: { ephemeral_5m_input_tokens: 20, ephemeral_1h_input_tokens: 30 },
      });
    });

    it('sends named SSE events in the real order, cumulative usage without the split in message_delta', async () => {
      fake.enqueue({ kind: 'ok', usage: { input: 3, output: 9, cacheRead: 4, cacheWrite1h: 6 } });
      const { status, headers, text } = await post(fake.url, '/v1/messages', { ...anthropicBody, stream: true });
      expect(status).toBe(200);
      expect(headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
      expect(headers.get('cache-control')).toBe('no-cache');
      expect(headers.get('request-id')).toMatch(/^req_/);
      expect(headers.get('anthropic-ratelimit-unified-status')).toBe('allowed');
      expect(text).toMatch(/^event: message_start\ndata: \{/);
      const events = parseSse(text);
      for (const event of events) expect(dataOf(event).type).toBe(event.event);
      expect(events.map((event) => event.event)).toEqual([
        'message_start',
        'ping',
        'content_block_start',
        ...Array(5).fill('content_block_delta'),
        'content_block_stop',
        'message_delta',
        'message_stop',
      ]);
      const start = dataOf(events[0]).message as Record<string, unknown>;
      expect(start).toMatchObject({ content: [], stop_reason: null, usage: { output_tokens: 1, input_tokens: 3 } });
      expect(dataOf(events[9])).toEqual({
        type: 'message_delta',
        delta: { stop_reason: 'end_turn', stop_sequence: null },
        usage: { input_tokens: 3, cache_creation_input_tokens: 6, cache_read_input_tokens: 4, output_tokens: 9 },
      });
    });

    it('counts tokens', async () => {
      const { input_tokens } = await anthropic.messages.countTokens({
        model: 'claude-sonnet-4-6',
        messages: [{ role: 'user', content: 'count me' }],
      });
      expect(fake.calls[0]?.path).toBe('/v1/messages/count_tokens');
      expect(input_tokens).toBe(Math.max(1, Math.round((fake.calls[0]?.body.length ?? 0) / 4)));
    });

    it('records calls with their query and headers', async () => {
      // As Claude Code sends it: the query string and beta header must be visible to assertions.
      await post(fake.url, '/v1/messages?beta=true', anthropicBody, {
        'anthropic-version': '2023-06-01',
        'anthropic-beta': 'context-1m-2025-08-07,interleaved-thinking-2025-05-14',
      });
      const call = fake.calls[0];
      expect(call).toMatchObject({ method: 'POST', path: '/v1/messages', query: 'beta=true' });
      expect(call?.headers['anthropic-beta']).toContain('context-1m-2025-08-07');
      expect(call?.headers['anthropic-version']).toBeTruthy();
      expect(call?.json).toMatchObject({ model: 'claude-sonnet-4-6', max_tokens: 64 });
      expect(JSON.parse(call?.body.toString() ?? '')).toEqual(call?.json);
    });
  });

  describe('OpenAI Chat Completions', () => {
    it('answers with a chat.completion whose prompt_tokens include cached tokens', async () => {
      fake.enqueue({ kind: 'ok', text: 'Hi there', usage: { input: 10, output: 2, cacheRead: 30 } });
      const completion = await openai.chat.completions.create(chatBody);
      expect(completion.object).toBe('chat.completion');
      expect(completion.choices[0]?.message.content).toBe('Hi there');
      expect(completion.choices[0]?.finish_reason).toBe('stop');
      expect(completion.usage).toMatchObject({
        prompt_tokens: 40,
        completion_tokens: 2,
        total_tokens: 42,
        prompt_tokens_details: { cached_tokens: 30 },
        completion_tokens_details: { reasoning_tokens: 0 },
      });
    });

    it('streams chunks and, with include_usage, a final usage chunk after usage:null chunks', async () => {
      fake.enqueue({ kind: 'ok', usage: { input: 5, output: 4, cacheRead: 1 } });
      const stream = await openai.chat.completions.create({
        ...chatBody,
        stream: true,
        stream_options: { include_usage: true },
      });
      const chunks = [];
      for await (const chunk of stream) chunks.push(chunk);
      const last = chunks[chunks.length - 1];
      expect(last?.choices).toEqual([]);
      expect(last?.usage).toMatchObject({ prompt_tokens: 6, completion_tokens: 4, total_tokens: 10 });
      expect(chunks.slice(0, -1).every((chunk) => chunk.usage === null)).toBe(true);
      expect(chunks[0]?.choices[0]?.delta.role).toBe('assistant');
      expect(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('')).toBe(
        'Hello from the fake upstream.',
      );
      expect(chunks[chunks.length - 2]?.choices[0]?.finish_reason).toBe('stop');
    });

    it('streams without usage and ends with [DONE] when include_usage is not set', async () => {
      const { text } = await post(fake.url, '/v1/chat/completions', { ...chatBody, stream: true });
      const events = parseSse(text);
      expect(events.every((event) => event.event === undefined)).toBe(true);
      expect(events[events.length - 1]?.data).toBe('[DONE]');
      expect(events.slice(0, -1).some((event) => 'usage' in dataOf(event))).toBe(false);
      expect(text.endsWith('data: [DONE]\n\n')).toBe(true);
    });
  });

  describe('OpenAI Responses', () => {
    it('answers responses.create with output_text and usage', async () => {
      fake.enqueue({ kind: 'ok', text: 'Done.', usage: { input: 8, output: 1, cacheRead: 2 } });
      const response = await openai.responses.create({ model: 'gpt-5', input: 'hi' });
      expect(response.id).toMatch(/^resp_/);
      expect(response.status).toBe('completed');
      expect(response.output_text).toBe('Done.');
      expect(response.usage).toMatchObject({
        input_tokens: 10,
        input_tokens_details: { cached_tokens: 2 },
        output_tokens: 1,
        output_tokens_details: { reasoning_tokens: 0 },
        total_tokens: 11,
      });
    });

    it('streams events the SDK turns into a final response', async () => {
      fake.enqueue({ kind: 'ok', text: 'a b c', usage: { input: 4, output: 3 } });
      const stream = openai.responses.stream({ model: 'gpt-5', input: 'hi' });
      const deltas: string[] = [];
      stream.on('response.output_text.delta', (event) => deltas.push(event.delta));
      const response = await stream.finalResponse();
      expect(deltas).toEqual(['a', ' b', ' c']);
      // The SDK adds the output_text convenience only to responses.create, so read the output item.
      expect(response.output).toEqual([
        expect.objectContaining({
          type: 'message',
          status: 'completed',
          content: [expect.objectContaining({ type: 'output_text', text: 'a b c' })],
        }),
      ]);
      expect(response.usage).toMatchObject({ input_tokens: 4, output_tokens: 3, total_tokens: 7 });
    });

    it('sends the documented event sequence with sequence numbers and no [DONE]', async () => {
      const { text, headers } = await post(fake.url, '/v1/responses', { model: 'gpt-5', input: 'hi', stream: true });
      expect(headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
      expect(text).not.toContain('[DONE]');
      const events = parseSse(text);
      expect(events.map((event) => event.event)).toEqual([
        'response.created',
        'response.in_progress',
        'response.output_item.added',
        'response.content_part.added',
        ...Array(5).fill('response.output_text.delta'),
        'response.output_text.done',
        'response.content_part.done',
        'response.output_item.done',
        'response.completed',
      ]);
      events.forEach((event, index) => {
        expect(dataOf(event)).toMatchObject({ type: event.event, sequence_number: index });
      });
    });

    it('answers /v1/responses/compact with a compaction object', async () => {
      const { status, text } = await post(fake.url, '/v1/responses/compact', { model: 'gpt-5', input: [] });
      expect(status).toBe(200);
      const body = JSON.parse(text);
      expect(body).toMatchObject({ object: 'response.compaction', output: [{ type: 'compaction' }] });
      expect(body.usage.total_tokens).toBeGreaterThan(0);
    });
  });

  describe('Gemini', () => {
    const model = 'gemini-2.5-flash';

    it('answers generateContent with candidates and usageMetadata', async () => {
      fake.enqueue({ kind: 'ok', text: 'Bonjour', usage: { input: 7, output: 1, cacheRead: 3 } });
      const { status, text } = await post(fake.url, `/v1beta/models/${model}:generateContent`, { contents: [] });
      expect(status).toBe(200);
      expect(JSON.parse(text)).toMatchObject({
        candidates: [{ content: { parts: [{ text: 'Bonjour' }], role: 'model' }, finishReason: 'STOP' }],
        usageMetadata: {
          promptTokenCount: 10,
          candidatesTokenCount: 1,
          totalTokenCount: 11,
          cachedContentTokenCount: 3,
          thoughtsTokenCount: 0,
        },
        modelVersion: model,
      });
    });

    it('streams CRLF-separated data chunks with usage on the last one only', async () => {
      const { text } = await post(fake.url, `/v1beta/models/${model}:streamGenerateContent?alt=sse`, {});
      expect(text).toMatch(/^data: \{.*\}\r\n\r\n/);
      const chunks = parseSse(text).map(dataOf);
      expect(chunks).toHaveLength(5);
      expect(chunks.slice(0, -1).some((chunk) => 'usageMetadata' in chunk)).toBe(false);
      expect(chunks[4]).toMatchObject({
        candidates: [{ finishReason: 'STOP' }],
        usageMetadata: { candidatesTokenCount: 5 },
      });
      const parts = chunks.map((chunk) => (chunk.candidates as { content: { parts: { text: string }[] } }[])[0]);
      expect(parts.map((part) => part?.content.parts[0]?.text).join('')).toBe('Hello from the fake upstream.');
    });

    it('answers streamGenerateContent without alt=sse as one JSON array', async () => {
      const { headers, text } = await post(fake.url, `/v1beta/models/${model}:streamGenerateContent`, {});
      expect(headers.get('content-type')).toContain('application/json');
      expect(JSON.parse(text)).toHaveLength(5);
    });

    it('counts tokens and uses the Google error shape', async () => {
      const count = await post(fake.url, `/v1beta/models/${model}:countTokens`, { contents: [] });
      expect(JSON.parse(count.text).totalTokens).toBeGreaterThan(0);
      fake.enqueue({ kind: 'status', status: 429 });
      const limited = await post(fake.url, `/v1beta/models/${model}:generateContent`, {});
      expect(limited.status).toBe(429);
      expect(JSON.parse(limited.text)).toMatchObject({ error: { code: 429, status: 'RESOURCE_EXHAUSTED' } });
    });
  });

  describe('models and unknown routes', () => {
    it('lists models in the Anthropic shape for Anthropic clients', async () => {
      const ids: string[] = [];
      for await (const model of anthropic.models.list()) ids.push(model.id);
      expect(ids).toContain('claude-sonnet-4-6');
      const { text } = await fetch(`${fake.url}/v1/models`, { headers: { 'anthropic-version': '2023-06-01' } }).then(
        async (response) => ({ text: await response.text() }),
      );
      expect(JSON.parse(text)).toMatchObject({
        data: expect.arrayContaining([
          expect.objectContaining({ type: 'model', id: 'claude-sonnet-4-6', display_name: 'Claude Sonnet 4.6' }),
        ]),
        has_more: false,
        first_id: 'claude-sonnet-4-6',
      });
    });

    it('lists models in the OpenAI shape otherwise', async () => {
      const page = await openai.models.list();
      expect(page.data.map((model) => model.id)).toContain('gpt-4o-mini');
      expect(page.data[0]).toMatchObject({ object: 'model', owned_by: 'anthropic' });
    });

    it('serves a configured model list', async () => {
      const custom = await startFakeUpstream({ models: ['claude-x-1', 'gpt-y'] });
      try {
        const body = await fetch(`${custom.url}/v1/models`).then((response) => response.json());
        expect(body).toMatchObject({ object: 'list', data: [{ id: 'claude-x-1' }, { id: 'gpt-y' }] });
      } finally {
        await custom.close();
      }
    });

    it('answers unknown routes (and HEAD) with 404 in the OpenAI error shape, recorded, without consuming the queue', async () => {
      fake.enqueue({ kind: 'status', status: 500 });
      const missing = await post(fake.url, '/v2/nothing', {});
      expect(missing.status).toBe(404);
      expect(JSON.parse(missing.text)).toEqual({
        error: { message: 'Invalid URL (POST /v2/nothing)', type: 'invalid_request_error', param: null, code: null },
      });
      const head = await fetch(`${fake.url}/`, { method: 'HEAD' });
      expect(head.status).toBe(404);
      expect(fake.calls.map((call) => call.method)).toEqual(['POST', 'HEAD']);
      expect((await post(fake.url, '/v1/chat/completions', chatBody)).status).toBe(500);
    });
  });

  describe('scripting', () => {
    it('consumes enqueued behaviours in order, then the default', async () => {
      fake.enqueue({ kind: 'status', status: 500 }, { kind: 'status', status: 503 });
      const statuses = [];
      for (let index = 0; index < 3; index++)
        statuses.push((await post(fake.url, '/v1/messages', anthropicBody)).status);
      expect(statuses).toEqual([500, 503, 200]);
    });

    it('uses setDefault when the queue is empty, and reset() restores ok and clears calls', async () => {
      fake.setDefault({ kind: 'status', status: 502 });
      expect((await post(fake.url, '/v1/messages', anthropicBody)).status).toBe(502);
      expect((await post(fake.url, '/v1/messages', anthropicBody)).status).toBe(502);
      expect(fake.calls).toHaveLength(2);
      fake.reset();
      expect(fake.calls).toHaveLength(0);
      expect((await post(fake.url, '/v1/messages', anthropicBody)).status).toBe(200);
    });

    it('lets an x-fake-behaviour header win over the queue without consuming it', async () => {
      fake.enqueue({ kind: 'status', status: 500 });
      const overridden = await post(fake.url, '/v1/messages', anthropicBody, {
        'x-fake-behaviour': JSON.stringify({ kind: 'status', status: 418 }),
      });
      expect(overridden.status).toBe(418);
      expect((await post(fake.url, '/v1/messages', anthropicBody)).status).toBe(500);
    });

    it('refuses a malformed x-fake-behaviour header with 400 in the route format', async () => {
      const refused = await post(fake.url, '/v1/messages', anthropicBody, { 'x-fake-behaviour': '{"kind":"explode"}' });
      expect(refused.status).toBe(400);
      expect(JSON.parse(refused.text)).toMatchObject({ type: 'error', error: { type: 'invalid_request_error' } });
    });
  });

  describe('failures', () => {
    it('answers status 429 in the Anthropic shape with retry-after, and the SDK sees a RateLimitError', async () => {
      fake.enqueue({ kind: 'status', status: 429 });
      const limited = await post(fake.url, '/v1/messages', anthropicBody);
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toBe('1');
      expect(limited.headers.get('anthropic-ratelimit-unified-status')).toBe('rejected');
      expect(JSON.parse(limited.text)).toMatchObject({
        type: 'error',
        error: { type: 'rate_limit_error' },
        request_id: limited.headers.get('request-id'),
      });
      fake.enqueue({ kind: 'status', status: 429 });
      await expect(anthropic.messages.create(anthropicBody)).rejects.toBeInstanceOf(Anthropic.RateLimitError);
    });

    it.each([
      [529, 'overloaded_error'],
      [500, 'api_error'],
      [400, 'invalid_request_error'],
      [401, 'authentication_error'],
    ])('maps status %i to the Anthropic %s error', async (status, type) => {
      fake.enqueue({ kind: 'status', status });
      const answer = await post(fake.url, '/v1/messages', anthropicBody);
      expect(answer.status).toBe(status);
      expect(JSON.parse(answer.text)).toMatchObject({ type: 'error', error: { type } });
    });

    it('uses the OpenAI error shape on OpenAI routes and honours a custom body and headers', async () => {
      fake.enqueue(
        { kind: 'status', status: 503 },
        { kind: 'status', status: 429, body: 'slow down', headers: { 'Retry-After': '7' } },
      );
      await expect(openai.chat.completions.create(chatBody)).rejects.toMatchObject({
        status: 503,
        error: { type: 'server_error' },
      });
      const custom = await post(fake.url, '/v1/chat/completions', chatBody);
      expect(custom).toMatchObject({ status: 429, text: 'slow down' });
      expect(custom.headers.get('retry-after')).toBe('7');
      expect(custom.headers.get('content-type')).toContain('text/plain');
    });

    it('reset destroys the socket without an answer', async () => {
      fake.enqueue({ kind: 'reset' });
      const error = await postExpectingSocketError(fake.url, '/v1/messages');
      expect(error.code).toBe('ECONNRESET');
      expect(fake.calls).toHaveLength(1);
    });

    it('hang never answers, and the client can abort', async () => {
      fake.enqueue({ kind: 'hang' });
      const controller = new AbortController();
      const pending = fetch(`${fake.url}/v1/messages`, {
        method: 'POST',
        body: JSON.stringify(anthropicBody),
        signal: controller.signal,
      });
      await vi.waitFor(() => expect(fake.calls).toHaveLength(1));
      controller.abort();
      await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    });

    it('close() resolves with a request still hanging, and the client sees the socket close', async () => {
      const own = await startFakeUpstream();
      own.setDefault({ kind: 'hang' });
      const pending = postExpectingSocketError(own.url, '/v1/messages');
      await vi.waitFor(() => expect(own.calls).toHaveLength(1));
      await own.close();
      expect((await pending).message).toMatch(/socket hang up|ECONNRESET/);
    });

    it('slowFirstByte waits, then behaves as `then`', async () => {
      fake.enqueue(
        { kind: 'slowFirstByte', ms: 20, after: { kind: 'status', status: 529 } },
        { kind: 'slowFirstByte', ms: 1 },
      );
      expect((await post(fake.url, '/v1/messages', anthropicBody)).status).toBe(529);
      const ok = await post(fake.url, '/v1/messages', anthropicBody);
      expect(JSON.parse(ok.text).content[0].text).toBe('Hello from the fake upstream.');
    });

    it('errorAfterHead sends a 200 head then only the format error event', async () => {
      fake.enqueue(
        { kind: 'errorAfterHead' },
        { kind: 'errorAfterHead' },
        { kind: 'errorAfterHead' },
        { kind: 'errorAfterHead' },
      );
      const claude = await post(fake.url, '/v1/messages', { ...anthropicBody, stream: true });
      expect(claude.status).toBe(200);
      expect(parseSse(claude.text).map((event) => [event.event, dataOf(event)])).toEqual([
        ['error', { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }],
      ]);
      const chat = await post(fake.url, '/v1/chat/completions', { ...chatBody, stream: true });
      expect(parseSse(chat.text).map(dataOf)).toEqual([{ error: expect.objectContaining({ type: 'server_error' }) }]);
      const responses = await post(fake.url, '/v1/responses', { model: 'gpt-5', input: 'hi', stream: true });
      const failed = parseSse(responses.text);
      expect(failed.map((event) => event.event)).toEqual(['response.failed']);
      expect(dataOf(failed[0])).toMatchObject({
        sequence_number: 0,
        response: { status: 'failed', error: { code: 'server_error' } },
      });
      const gemini = await post(fake.url, '/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse', {});
      expect(parseSse(gemini.text).map(dataOf)).toEqual([
        { error: { code: 503, message: expect.any(String), status: 'UNAVAILABLE' } },
      ]);
    });

    it('errorAfterHead is an error the SDKs raise, and a 200 error body for non-streaming requests', async () => {
      fake.enqueue({ kind: 'errorAfterHead' }, { kind: 'errorAfterHead' }, { kind: 'errorAfterHead' });
      await expect(anthropic.messages.stream(anthropicBody).finalMessage()).rejects.toMatchObject({
        error: { error: { type: 'overloaded_error' } },
      });
      const chat = await openai.chat.completions.create({ ...chatBody, stream: true });
      await expect(async () => {
        for await (const _chunk of chat) {
          // drain
        }
      }).rejects.toBeInstanceOf(OpenAI.APIError);
      const json = await post(fake.url, '/v1/messages', anthropicBody);
      expect(json.status).toBe(200);
      expect(JSON.parse(json.text)).toMatchObject({ type: 'error', error: { type: 'overloaded_error' } });
    });

    it('errorMidStream sends some real deltas, then the error event and no terminal success event', async () => {
      fake.enqueue({ kind: 'errorMidStream' }, { kind: 'errorMidStream', afterDeltas: 3 });
      const claude = parseSse((await post(fake.url, '/v1/messages', { ...anthropicBody, stream: true })).text);
      expect(claude.map((event) => event.event)).toEqual([
        'message_start',
        'ping',
        'content_block_start',
        'content_block_delta',
        'content_block_delta',
        'error',
      ]);
      const responses = parseSse(
        (await post(fake.url, '/v1/responses', { model: 'gpt-5', input: 'hi', stream: true })).text,
      );
      expect(responses.filter((event) => event.event === 'response.output_text.delta')).toHaveLength(3);
      expect(responses[responses.length - 1]?.event).toBe('response.failed');
      expect(dataOf(responses[responses.length - 1]).sequence_number).toBe(responses.length - 1);
      expect(responses.some((event) => event.event === 'response.completed')).toBe(false);
    });

    it('truncated ends the body cleanly after some deltas with no terminal event', async () => {
      fake.enqueue({ kind: 'truncated', afterDeltas: 1 }, { kind: 'truncated' });
      const claude = await post(fake.url, '/v1/messages', { ...anthropicBody, stream: true });
      expect(claude.status).toBe(200);
      expect(parseSse(claude.text).map((event) => event.event)).toEqual([
        'message_start',
        'ping',
        'content_block_start',
        'content_block_delta',
      ]);
      const chat = await post(fake.url, '/v1/chat/completions', { ...chatBody, stream: true });
      expect(chat.text).not.toContain('[DONE]');
      expect(parseSse(chat.text).some((event) => event.data.includes('"finish_reason":"stop"'))).toBe(false);
    });

    it('truncated with abrupt closes the socket mid-body, and a JSON answer is cut short', async () => {
      fake.enqueue({ kind: 'truncated', abrupt: true }, { kind: 'truncated' });
      const stream = await fetch(`${fake.url}/v1/messages`, {
        method: 'POST',
        body: JSON.stringify({ ...anthropicBody, stream: true }),
      });
      expect(stream.status).toBe(200);
      await expect(stream.text()).rejects.toThrow();
      const json = await fetch(`${fake.url}/v1/messages`, { method: 'POST', body: JSON.stringify(anthropicBody) });
      await expect(json.text()).rejects.toThrow();
    });

    it('emptyStream answers a 200 event-stream head and no events', async () => {
      fake.enqueue({ kind: 'emptyStream' }, { kind: 'emptyStream' });
      const empty = await post(fake.url, '/v1/messages', { ...anthropicBody, stream: true });
      expect(empty.status).toBe(200);
      expect(empty.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
      expect(empty.text).toBe('');
      await expect(anthropic.messages.stream(anthropicBody).finalMessage()).rejects.toThrow();
    });

    it('html200 answers a 200 HTML page', async () => {
      fake.enqueue({ kind: 'html200' });
      const page = await post(fake.url, '/v1/chat/completions', chatBody);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toContain('text/html');
      expect(page.text).toMatch(/^<!DOCTYPE html>/);
    });
  });

  describe('streaming pace', () => {
    it('deltaDelayMs writes the first delta before the rest are due', async () => {
      const own = await startFakeUpstream();
      own.enqueue({ kind: 'ok', deltaDelayMs: 60_000 });
      const controller = new AbortController();
      const response = await fetch(`${own.url}/v1/messages`, {
        method: 'POST',
        body: JSON.stringify({ ...anthropicBody, stream: true }),
        signal: controller.signal,
      });
      const reader = (response.body as ReadableStream<Uint8Array>).getReader();
      const decoder = new TextDecoder();
      let received = '';
      while (!received.includes('content_block_delta')) {
        const { value, done } = await reader.read();
        if (done) break;
        received += decoder.decode(value);
      }
      expect(received.match(/event: content_block_delta/g)).toHaveLength(1);
      expect(received).not.toContain('message_stop');
      controller.abort();
      await own.close();
    });

    it('a delayed stream still delivers every event in order', async () => {
      fake.enqueue({ kind: 'ok', text: 'x y z', deltaDelayMs: 2 });
      const message = await anthropic.messages.stream(anthropicBody).finalMessage();
      expect(message.content).toEqual([expect.objectContaining({ text: 'x y z' })]);
    });
  });
});

describe('fake upstream with an api key', () => {
  let fake: FakeUpstream;
  beforeAll(async () => {
    fake = await startFakeUpstream({ apiKey: 'secret' });
  });
  afterAll(() => fake.close());

  it('refuses a wrong key with 401 in the Anthropic shape, and accepts the right one', async () => {
    const wrong = new Anthropic({ apiKey: 'nope', baseURL: fake.url, maxRetries: 0 });
    await expect(wrong.messages.create(anthropicBody)).rejects.toMatchObject({
      status: 401,
      error: { type: 'error', error: { type: 'authentication_error' } },
    });
    const right = new Anthropic({ apiKey: 'secret', baseURL: fake.url, maxRetries: 0 });
    expect((await right.messages.create(anthropicBody)).content).toHaveLength(1);
    const viaHeader = await post(fake.url, '/v1/messages', anthropicBody, { 'x-api-key': 'secret' });
    expect(viaHeader.status).toBe(200);
  });

  it('uses the OpenAI and Gemini error shapes and accepts x-goog-api-key and ?key=', async () => {
    const chat = await post(fake.url, '/v1/chat/completions', chatBody, { authorization: 'Bearer nope' });
    expect(chat.status).toBe(401);
    expect(JSON.parse(chat.text)).toMatchObject({ error: { code: 'invalid_api_key' } });
    const path = '/v1beta/models/gemini-2.5-flash:generateContent';
    const gemini = await post(fake.url, path, {});
    expect(JSON.parse(gemini.text)).toMatchObject({ error: { code: 401, status: 'UNAUTHENTICATED' } });
    expect((await post(fake.url, path, {}, { 'x-goog-api-key': 'secret' })).status).toBe(200);
    expect((await post(fake.url, `${path}?key=secret`, {})).status).toBe(200);
  });
});

describe('fake upstream without recording', () => {
  it('answers but keeps no calls', async () => {
    const fake = await startFakeUpstream({ recordBodies: false });
    try {
      const { status, text } = await post(fake.url, '/v1/messages', anthropicBody);
      expect(status).toBe(200);
      expect(JSON.parse(text).model).toBe('claude-sonnet-4-6');
      expect(fake.calls).toHaveLength(0);
    } finally {
      await fake.close();
    }
  });
});

describe('fake upstream CLI', () => {
  it('prints its address and serves until stopped', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'test/fake-upstream/main.ts', '--port', '0', '--no-record'],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    try {
      const lines = createInterface({ input: child.stdout });
      const [line] = await Promise.race([
        new Promise<string[]>((resolve) => lines.once('line', (first: string) => resolve([first]))),
        new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`exited ${code}`)))),
      ]);
      const url = /^fake-upstream listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(line ?? '')?.[1];
      expect(url).toBeDefined();
      const models = await fetch(`${url}/v1/models`).then((response) => response.json());
      expect(models).toMatchObject({ object: 'list' });
    } finally {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  });
});
