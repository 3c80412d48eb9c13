// Classifies upstream failures (network errors, statuses, bad 200 bodies) into failover decisions.

export type ErrorClass =
  | 'connect_error'
  | 'connect_timeout'
  | 'first_byte_timeout'
  | 'total_timeout'
  | 'idle_timeout'
  | 'connection_reset'
  | 'network_error'
  | 'rate_limited'
  | 'upstream_auth'
  | 'upstream_5xx'
  | 'upstream_not_found'
  | 'client_error'
  | 'html_body'
  | 'invalid_json'
  | 'empty_body'
  | 'error_body'
  | 'stream_error'
  | 'empty_stream'
  | 'truncated_stream'
  | 'client_closed'
  /** The answer arrived but its log row could not be written (a full disk): the client got an error instead. */
  | 'journal_unwritable';

/** Network-level classes: the breaker counts them only when the provider opts in (countNetworkErrors). */
export const NETWORK_CLASSES: ReadonlySet<ErrorClass> = new Set([
  'connect_error',
  'connect_timeout',
  'connection_reset',
  'network_error',
]);

export function classifyNetworkError(err: unknown): ErrorClass {
  const code = (err as { code?: string } | undefined)?.code ?? '';
  switch (code) {
    case 'UND_ERR_CONNECT_TIMEOUT':
      return 'connect_timeout';
    case 'UND_ERR_HEADERS_TIMEOUT':
    case 'CCHUB_FIRST_BYTE_TIMEOUT':
      return 'first_byte_timeout';
    case 'CCHUB_TOTAL_TIMEOUT':
      return 'total_timeout';
    case 'UND_ERR_BODY_TIMEOUT':
      return 'idle_timeout';
    case 'ECONNREFUSED':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return 'connect_error';
    case 'UND_ERR_SOCKET':
    case 'ECONNRESET':
    case 'EPIPE':
    case 'UND_ERR_CLOSED':
      return 'connection_reset';
    default:
      return 'network_error';
  }
}

/**
 * The error class a non-2xx upstream status is logged under. What the status means for failover (retry, move on,
 * return, the breaker) is the error rules' to decide (error-rules/builtin-rules.ts holds the defaults).
 */
export function statusErrorClass(status: number): ErrorClass {
  if (status === 429) return 'rate_limited';
  if (status === 401 || status === 403) return 'upstream_auth';
  if (status === 404) return 'upstream_not_found';
  if (status === 408 || status >= 500) return 'upstream_5xx';
  return 'client_error';
}

/** `retry-after` in seconds or as an HTTP date → milliseconds from now (undefined when absent or invalid). */
export function parseRetryAfter(value: string | string[] | undefined, now: number): number | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  if (!v) return undefined;
  const seconds = Number(v);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(v);
  return Number.isFinite(date) ? Math.max(0, date - now) : undefined;
}
