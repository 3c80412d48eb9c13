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

/**
 * The upstream's own error message in a parsed body or event: the error's message (any shape above), else a top-level
 * `message` string; undefined when there is none. The relay, its failover log and the provider test all read it here.
 */
export function upstreamErrorMessage(v: unknown): string | undefined {
  const message = readUpstreamError(v)?.message || (isRecord(v) ? str(v.message) : undefined);
  return message ? capMessage(message) : undefined;
}

/** Error bodies larger than this are not parsed for their message. */
const MAX_ERROR_BODY = 256 * 1024;

/** The upstream's error message in a raw error body (never the whole body: it may echo secrets). */
export function upstreamErrorMessageOf(body: Buffer): string | undefined {
  if (body.length === 0 || body.length > MAX_ERROR_BODY) return undefined;
  return upstreamErrorMessage(parseJsonBytes(body));
}
