// Anthropic error shapes: the error body, the stream's error event, and the error.type a hub error carries.
import type { ErrorSpec } from '../common/spec';

/** The standard Anthropic `error.type` for the statuses the hub answers with (clients switch on it). */
export function anthropicErrorType(status: number): string {
  switch (status) {
    case 400:
      return 'invalid_request_error';
    case 401:
      return 'authentication_error';
    case 402:
      return 'billing_error';
    case 403:
      return 'permission_error';
    case 404:
      return 'not_found_error';
    case 413:
      return 'request_too_large';
    case 429:
      return 'rate_limit_error';
    case 529:
    case 503:
      return 'overloaded_error';
    default:
      return 'api_error';
  }
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
