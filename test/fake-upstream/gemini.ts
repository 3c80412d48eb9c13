// Gemini generateContent wire format: candidates JSON, CRLF-separated `data:` SSE chunks, countTokens, errors.
import type { FakeUsage } from './types';
import type { Reply, StreamScript, WireFormat } from './wire-format';

const STATUS_NAMES: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ABORTED',
  429: 'RESOURCE_EXHAUSTED',
  499: 'CANCELLED',
  500: 'INTERNAL',
  501: 'UNIMPLEMENTED',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

const MESSAGES: Record<number, string> = {
  401: 'API key not valid. Please pass a valid API key.',
  429: 'Resource has been exhausted (e.g. check quota).',
  503: 'The model is overloaded. Please try again later.',
};

function errorJson(status: number, _requestId: string, message?: string): string {
  const name = STATUS_NAMES[status] ?? (status >= 500 ? 'INTERNAL' : 'INVALID_ARGUMENT');
  return JSON.stringify({
    error: { code: status, message: message ?? MESSAGES[status] ?? 'An internal error has occurred.', status: name },
  });
}

/** promptTokenCount includes cached tokens, as the real API reports it. */
function usageMetadata(usage: FakeUsage): object {
  const prompt = usage.input + usage.cacheRead;
  return {
    promptTokenCount: prompt,
    candidatesTokenCount: usage.output,
    totalTokenCount: prompt + usage.output,
    cachedContentTokenCount: usage.cacheRead,
    promptTokensDetails: [{ modality: 'TEXT', tokenCount: prompt }],
    thoughtsTokenCount: 0,
  };
}

function chunk(reply: Reply, text: string, last: boolean): string {
  const candidate = last
    ? { content: { parts: [{ text }], role: 'model' }, finishReason: 'STOP', index: 0 }
    : { content: { parts: [{ text }], role: 'model' }, index: 0 };
  return JSON.stringify(
    last
      ? {
          candidates: [candidate],
          usageMetadata: usageMetadata(reply.usage),
          modelVersion: reply.model,
          responseId: reply.id,
        }
      : { candidates: [candidate], modelVersion: reply.model, responseId: reply.id },
  );
}

/** Chunk bodies: one per delta, the last one carrying finishReason and usageMetadata. */
function chunks(reply: Reply): string[] {
  const pieces = reply.deltas.length > 0 ? reply.deltas : [''];
  return pieces.map((text, index) => chunk(reply, text, index === pieces.length - 1));
}

// Gemini's SSE separates events with CRLF line endings.
const sse = (data: string) => `data: ${data}\r\n\r\n`;

export const geminiFormat: WireFormat = {
  jsonContentType: 'application/json; charset=UTF-8',
  streamContentType: 'text/event-stream',

  headers() {
    return { vary: 'Origin, X-Origin, Referer', 'x-content-type-options': 'nosniff' };
  },

  errorBody: errorJson,

  streamFailure(_reply, _emitted, message) {
    return sse(errorJson(503, '', message));
  },

  json(reply) {
    return chunk(reply, reply.text, true);
  },

  stream(reply): StreamScript {
    const events = chunks(reply).map(sse);
    return { prelude: [], deltas: events.slice(0, -1), finale: events.slice(-1) };
  },
};

/** streamGenerateContent without alt=sse: the chunks as one JSON array. */
export function geminiChunkArrayJson(reply: Reply): string {
  return `[${chunks(reply).join(',\r\n')}]`;
}

export function geminiCountTokensJson(inputTokens: number): string {
  return JSON.stringify({
    totalTokens: inputTokens,
    promptTokensDetails: [{ modality: 'TEXT', tokenCount: inputTokens }],
  });
}
