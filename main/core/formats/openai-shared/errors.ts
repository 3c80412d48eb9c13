// The OpenAI error shape both OpenAI formats answer with: {error:{message, type, code}}, the type mapped from the status.
const QUOTA_WORDS = /quota|spend|budget|credit|balance|billing/i;

/**
 * The OpenAI `error.type` for an HTTP status. A 402, or a 429 whose hub code speaks of quota/spend/budget, is
 * `insufficient_quota` (clients such as Codex stop instead of retrying); any other 429 is `rate_limit_error`.
 */
export function openAiErrorType(status: number, code = ''): string {
  if (status === 402) return 'insufficient_quota';
  if (status === 429) return QUOTA_WORDS.test(code) ? 'insufficient_quota' : 'rate_limit_error';
  if (status === 401) return 'authentication_error';
  if (status === 403) return 'permission_error';
  if (status === 404) return 'not_found_error';
  if (status >= 500) return 'server_error';
  return 'invalid_request_error';
}

/** The error JSON: `code` is the hub's own error code, `type` the status-mapped OpenAI type. */
export function openAiErrorJson(status: number, code: string, message: string): string {
  return JSON.stringify({ error: { message, type: openAiErrorType(status, code), code } });
}

export function openAiErrorBody(status: number, code: string, message: string): Buffer {
  return Buffer.from(openAiErrorJson(status, code, message));
}
