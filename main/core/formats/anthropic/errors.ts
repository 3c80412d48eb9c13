// Anthropic error shapes: the error body, the stream's error event, and the error.type a hub error carries.
import type { ErrorSpec } from '../common/spec';

/**
 * The standard Anthropic `error.type` for an HTTP status: every 4xx without its own type is the client's
 * (`invalid_request_error`: 405, 411, 415, 422…), never `api_error`; the hub's 503 (no provider, not ready) reads as
 * `overloaded_error`, which clients retry.
 */
export function anthropicErrorType(status: number): string {
  if (status === 401) return 'authentication_error';
  if (status === 402) return 'billing_error';
  if (status === 403) return 'permission_error';
  if (status === 404) return 'not_found_error';
  if (status === 413) return 'request_too_large';
  if (status === 429) return 'rate_limit_error';
  if (status === 504) return 'timeout_error';
  if (status === 503 || status === 529) return 'overloaded_error';
  if (status >= 500) return 'api_error';
  return 'invalid_request_error';
}

const errorJson = (type: string, message: string): string =>
  JSON.stringify({ type: 'error', error: { type, message } });

/** `{type:"error", error:{type, message}}`; a stream ends with it as an `error` event. */
export const anthropicErrors: ErrorSpec = {
  // The hub's own code cannot be the type here: it goes in the message and the x-cchub-error-code header.
  hubType: (status) => anthropicErrorType(status),
  body: (_status, type, message) => Buffer.from(errorJson(type, message)),
  streamEvent: (type, message) => Buffer.from(`event: error\ndata: ${errorJson(type, message)}\n\n`),
};
