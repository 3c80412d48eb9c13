// Anthropic Messages wire format: the Message JSON, the `event:`-named SSE stream, error shapes and headers.
import type { FakeUsage } from './types';
import type { Reply, StreamScript, WireFormat } from './wire-format';

const FIVE_HOURS_S = 5 * 3600;
const SEVEN_DAYS_S = 7 * 86400;

/** The unified rate-limit headers Claude Code reads plan usage from; resets fixed at start-up. */
function rateLimitHeaders(): Record<string, string> {
  const now = Math.floor(Date.now() / 1000);
  return {
    'anthropic-ratelimit-unified-status': 'allowed',
    'anthropic-ratelimit-unified-5h-status': 'allowed',
    'anthropic-ratelimit-unified-5h-reset': String(now + FIVE_HOURS_S),
    'anthropic-ratelimit-unified-5h-utilization': '0.02',
    'anthropic-ratelimit-unified-7d-status': 'allowed',
    'anthropic-ratelimit-unified-7d-reset': String(now + SEVEN_DAYS_S),
    'anthropic-ratelimit-unified-7d-utilization': '0.01',
    'anthropic-ratelimit-unified-representative-claim': 'five_hour',
    'anthropic-ratelimit-unified-reset': String(now + FIVE_HOURS_S),
  };
}

const allowedHeaders = rateLimitHeaders();
const rejectedHeaders = {
  ...allowedHeaders,
  'anthropic-ratelimit-unified-status': 'rejected',
  'anthropic-ratelimit-unified-5h-status': 'rejected',
};

interface ErrorKind {
  type: string;
  message: string;
}

function errorKind(status: number): ErrorKind {
  switch (status) {
    case 400:
      return { type: 'invalid_request_error', message: 'Invalid request' };
    case 401:
      return { type: 'authentication_error', message: 'invalid x-api-key' };
    case 403:
      return {
        type: 'permission_error',
        message: 'Your API key does not have permission to use the specified resource.',
      };
    case 404:
      return { type: 'not_found_error', message: 'Not found' };
    case 413:
      return { type: 'request_too_large', message: 'Request exceeds the maximum allowed number of bytes.' };
    case 429:
      return { type: 'rate_limit_error', message: 'Number of requests has exceeded your rate limit.' };
    case 529:
    case 503:
      return { type: 'overloaded_error', message: 'Overloaded' };
    default:
      return status >= 500
        ? { type: 'api_error', message: 'Internal server error' }
        : { type: 'invalid_request_error', message: 'Invalid request' };
  }
}

function errorJson(status: number, requestId: string, message?: string): string {
  const kind = errorKind(status);
  return JSON.stringify({
    type: 'error',
    error: { type: kind.type, message: message ?? kind.message },
    request_id: requestId,
  });
}

function usageJson(usage: FakeUsage, outputTokens: number): object {
  return {
    input_tokens: usage.input,
    cache_creation_input_tokens: usage.cacheWrite5m + usage.cacheWrite1h,
    cache_read_input_tokens: usage.cacheRead,
    cache_creation: {
      ephemeral_5m_input_tokens: usage.cacheWrite5m,
      ephemeral_1h_input_tokens: usage.cacheWrite1h,
    },
    output_tokens: outputTokens,
    service_tier: 'standard',
  };
}

/** The thinking block a whole answer begins with when the request asked for thinking (streams carry none). */
function thinkingBlock(reply: Reply): object[] {
  if (reply.thinkingSignature === undefined) return [];
  return [{ type: 'thinking', thinking: 'The user wants a short answer.', signature: reply.thinkingSignature }];
}

/** A signature as opaque as Anthropic's, derived from the thinking so a round trip can be checked. */
export function thinkingSignature(thinking: string): string {
  return `EqFake${Buffer.from(thinking).toString('base64')}`;
}

function wholeContent(reply: Reply): object[] {
  const content: object[] = [];
  if (reply.reasoning) {
    content.push({
      type: 'thinking',
      thinking: reply.reasoning.text,
      signature: thinkingSignature(reply.reasoning.text),
    });
  }
  if (reply.text || !reply.toolCall) content.push({ type: 'text', text: reply.text });
  const call = reply.toolCall;
  if (call)
    content.push({ type: 'tool_use', id: `toolu_01${reply.id}`, name: call.name, input: JSON.parse(call.arguments) });
  return content;
}

function message(reply: Reply, streaming: boolean): object {
  return {
    id: `msg_01${reply.id}`,
    type: 'message',
    role: 'assistant',
    model: reply.model,
    content: streaming ? [] : [...thinkingBlock(reply), ...wholeContent(reply)],
    stop_reason: streaming ? null : reply.toolCall ? 'tool_use' : 'end_turn',
    stop_sequence: null,
    usage: usageJson(reply.usage, streaming ? 1 : reply.usage.output),
  };
}

function event(name: string, data: string): string {
  return `event: ${name}\ndata: ${data}\n\n`;
}

const PING = event('ping', '{"type":"ping"}');
const BLOCK_START = event(
  'content_block_start',
  '{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}',
);
const BLOCK_STOP = event('content_block_stop', '{"type":"content_block_stop","index":0}');
const MESSAGE_STOP = event('message_stop', '{"type":"message_stop"}');
const OVERLOADED = JSON.stringify({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } });

/** Delta events depend on the text only; the split arrays are cached, so these are too. */
const deltaEventsCache = new WeakMap<readonly string[], string[]>();

function deltaEvents(deltas: readonly string[], index = 0): string[] {
  const cached = index === 0 ? deltaEventsCache.get(deltas) : undefined;
  if (cached) return cached;
  const events = deltas.map((text) =>
    event(
      'content_block_delta',
      `{"type":"content_block_delta","index":${index},"delta":{"type":"text_delta","text":${JSON.stringify(text)}}}`,
    ),
  );
  if (index === 0) deltaEventsCache.set(deltas, events);
  return events;
}

function blockEvent(type: string, data: object): string {
  return event(type, JSON.stringify({ type, ...data }));
}

/**
 * A stream with a thinking block (thinking deltas, then its signature) and/or a tool_use block (input_json_delta
 * pieces) around the text block, each block with its own index, as the real API streams them.
 */
function richScript(reply: Reply, prelude: string[], finale: string[]): StreamScript {
  const deltas: string[] = [];
  let index = 0;
  const reasoning = reply.reasoning;
  if (reasoning) {
    deltas.push(
      blockEvent('content_block_start', { index, content_block: { type: 'thinking', thinking: '', signature: '' } }),
    );
    for (const piece of reasoning.pieces) {
      deltas.push(blockEvent('content_block_delta', { index, delta: { type: 'thinking_delta', thinking: piece } }));
    }
    deltas.push(
      blockEvent('content_block_delta', {
        index,
        delta: { type: 'signature_delta', signature: thinkingSignature(reasoning.text) },
      }),
    );
    deltas.push(blockEvent('content_block_stop', { index }));
    index++;
  }
  if (reply.text) {
    deltas.push(blockEvent('content_block_start', { index, content_block: { type: 'text', text: '' } }));
    deltas.push(...deltaEvents(reply.deltas, index));
    deltas.push(blockEvent('content_block_stop', { index }));
    index++;
  }
  const call = reply.toolCall;
  if (call) {
    deltas.push(
      blockEvent('content_block_start', {
        index,
        content_block: { type: 'tool_use', id: `toolu_01${reply.id}`, name: call.name, input: {} },
      }),
    );
    for (const piece of call.pieces) {
      deltas.push(
        blockEvent('content_block_delta', { index, delta: { type: 'input_json_delta', partial_json: piece } }),
      );
    }
    deltas.push(blockEvent('content_block_stop', { index }));
  }
  return { prelude, deltas, finale };
}

export const anthropicFormat: WireFormat = {
  jsonContentType: 'application/json',
  streamContentType: 'text/event-stream; charset=utf-8',

  headers(requestId, status) {
    return { 'request-id': requestId, ...(status === 429 ? rejectedHeaders : allowedHeaders) };
  },

  errorBody: errorJson,

  streamFailure(_reply, _emitted, message) {
    if (message === undefined) return event('error', OVERLOADED);
    return event('error', JSON.stringify({ type: 'error', error: { type: 'overloaded_error', message } }));
  },

  json(reply) {
    return JSON.stringify(message(reply, false));
  },

  stream(reply): StreamScript {
    const usage = reply.usage;
    // Cumulative, like newer real streams: input and cache counts repeated, no 5m/1h split object.
    const finalUsage = {
      input_tokens: usage.input,
      cache_creation_input_tokens: usage.cacheWrite5m + usage.cacheWrite1h,
      cache_read_input_tokens: usage.cacheRead,
      output_tokens: usage.output,
    };
    const start = event('message_start', JSON.stringify({ type: 'message_start', message: message(reply, true) }));
    const messageDelta = event(
      'message_delta',
      JSON.stringify({
        type: 'message_delta',
        delta: { stop_reason: reply.toolCall ? 'tool_use' : 'end_turn', stop_sequence: null },
        usage: finalUsage,
      }),
    );
    if (reply.reasoning || reply.toolCall) return richScript(reply, [start, PING], [messageDelta, MESSAGE_STOP]);
    return {
      prelude: [start, PING, BLOCK_START],
      deltas: deltaEvents(reply.deltas),
      finale: [BLOCK_STOP, messageDelta, MESSAGE_STOP],
    };
  },
};

export function anthropicCountTokensJson(inputTokens: number): string {
  return `{"input_tokens":${inputTokens}}`;
}
