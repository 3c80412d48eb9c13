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

function message(reply: Reply, streaming: boolean): object {
  return {
    id: `msg_01${reply.id}`,
    type: 'message',
    role: 'assistant',
    model: reply.model,
    content: streaming ? [] : [...thinkingBlock(reply), { type: 'text', text: reply.text }],
    stop_reason: streaming ? null : 'end_turn',
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

function deltaEvents(deltas: readonly string[]): string[] {
  const cached = deltaEventsCache.get(deltas);
  if (cached) return cached;
  const events = deltas.map((text) =>
    event(
      'content_block_delta',
      `{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":${JSON.stringify(text)}}}`,
    ),
  );
  deltaEventsCache.set(deltas, events);
  return events;
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
    return {
      prelude: [
        event('message_start', JSON.stringify({ type: 'message_start', message: message(reply, true) })),
        PING,
        BLOCK_START,
      ],
      deltas: deltaEvents(reply.deltas),
      finale: [
        BLOCK_STOP,
        event(
          'message_delta',
          JSON.stringify({
            type: 'message_delta',
            delta: { stop_reason: 'end_turn', stop_sequence: null },
            usage: finalUsage,
          }),
        ),
        MESSAGE_STOP,
      ],
    };
  },
};

export function anthropicCountTokensJson(inputTokens: number): string {
  return `{"input_tokens":${inputTokens}}`;
}
