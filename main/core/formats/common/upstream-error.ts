// Recognises the error objects upstreams put in bodies and streams, in every wire format's shape, and their messages.
import { codeString, isRecord, parseJsonBytes, str } from './json-values';
import type { UpstreamBodyError } from './types';

const MAX_MESSAGE = 2000;

export function capMessage(message: string): string {
  return message.length > MAX_MESSAGE ? `${message.slice(0, MAX_MESSAGE)}…` : message;
}

/**
 * The error a parsed body or event carries, or null. Shapes: Anthropic `{"type":"error","error":{type,message}}`,
 * OpenAI `{"error":{message,type,code}}`, Gemini `{"error":{code,message,status}}`, Responses error events
 * `{"type":"error","code","message"}`, and `{"error":"text"}`. A null `error` member (Responses) is no error.
 */
export function readUpstreamError(v: unknown): UpstreamBodyError | null {
  if (!isRecord(v)) return null;
  const e = v.error;
  if (isRecord(e)) {
    const type = str(e.type) || str(e.status) || codeString(e.code) || 'error';
    return { type, message: capMessage(str(e.message) ?? '') };
  }
  if (typeof e === 'string' && e !== '') return { type: 'error', message: capMessage(e) };
  if (v.type === 'error') {
    return { type: codeString(v.code) || 'error', message: capMessage(str(v.message) ?? '') };
  }
  return null;
}

/** An error message is kept up to this length; callers cut it to what they show only after redacting it. */
export const MAX_UPSTREAM_MESSAGE = 8192;

/**
 * The upstream's own error message in a parsed body or event (any shape above), else a top-level `message` string,
 * else a top-level `detail` string (FastAPI-style backends such as ChatGPT's Codex: `{"detail":"Input must be a
 * list"}`); undefined when there is none. The relay's failover log and the provider test both read it here.
 */
export function upstreamErrorMessage(v: unknown): string | undefined {
  if (!isRecord(v)) return undefined;
  const e = v.error;
  const message =
    (isRecord(e) ? str(e.message) : typeof e === 'string' ? e : undefined) || str(v.message) || str(v.detail);
  return message ? message.slice(0, MAX_UPSTREAM_MESSAGE) : undefined;
}

/** Error bodies larger than this are not parsed for their message. */
const MAX_ERROR_BODY = 256 * 1024;

/** The upstream's error message in a raw error body (never the whole body: it may echo secrets). */
export function upstreamErrorMessageOf(body: Buffer): string | undefined {
  if (body.length === 0 || body.length > MAX_ERROR_BODY) return undefined;
  return upstreamErrorMessage(parseJsonBytes(body));
}
