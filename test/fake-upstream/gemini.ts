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
    totalTokenCount: prompt + usage.output + (usage.reasoning ?? 0),
    cachedContentTokenCount: usage.cacheRead,
    promptTokensDetails: [{ modality: 'TEXT', tokenCount: prompt }],
    thoughtsTokenCount: usage.reasoning ?? 0,
  };
}

type Part = Record<string, unknown>;

function chunk(reply: Reply, parts: Part[], last: boolean): string {
  const content = { parts, role: 'model' };
  const candidate = last ? { content, finishReason: 'STOP', index: 0 } : { content, index: 0 };
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

/** A function call comes whole in one part, with a thought signature and no id (as the Developer API sends it). */
function callPart(reply: Reply): Part[] {
  const call = reply.toolCall;
  if (!call) return [];
  return [{ functionCall: { name: call.name, args: JSON.parse(call.arguments) }, thoughtSignature: 'c2lnLWZha2U=' }];
}

/**
 * Chunk bodies: thought parts first (includeThoughts), one per text delta, the function call, the last chunk carrying
 * finishReason and usageMetadata.
 */
function chunks(reply: Reply): string[] {
  const pieces: Part[][] = [
    ...(reply.reasoning?.pieces ?? []).map((text) => [{ text, thought: true }]),
    ...reply.deltas.map((text) => [{ text }]),
  ];
  const call = callPart(reply);
  if (call.length > 0) pieces.push(call);
  if (pieces.length === 0) pieces.push([{ text: '' }]);
  return pieces.map((parts, index) => chunk(reply, parts, index === pieces.length - 1));
}

/** The whole answer: thoughts, the text and the function call as the parts of one candidate. */
function wholeParts(reply: Reply): Part[] {
  const parts: Part[] = [];
  if (reply.reasoning) parts.push({ text: reply.reasoning.text, thought: true });
  if (reply.text) parts.push({ text: reply.text });
  parts.push(...callPart(reply));
  if (parts.length === 0) parts.push({ text: '' });
  return parts;
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
    return chunk(reply, wholeParts(reply), true);
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
