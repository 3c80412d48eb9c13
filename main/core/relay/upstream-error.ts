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
 * What a non-2xx upstream status means for failover: 429 moves on at once; 5xx, 401/403, 404 and 408 are provider
 * faults worth another try; other 4xx are the client's own errors that no provider would answer differently.
 */
export function classifyStatus(status: number): { errorClass: ErrorClass; retry: boolean; nextProviderNow: boolean } {
  if (status === 429) return { errorClass: 'rate_limited', retry: true, nextProviderNow: true };
  if (status === 401 || status === 403) return { errorClass: 'upstream_auth', retry: true, nextProviderNow: false };
  if (status === 404) return { errorClass: 'upstream_not_found', retry: true, nextProviderNow: true };
  if (status === 408 || status >= 500) return { errorClass: 'upstream_5xx', retry: true, nextProviderNow: false };
  return { errorClass: 'client_error', retry: false, nextProviderNow: false };
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
