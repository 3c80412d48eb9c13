// A journal row: a finished request as one positional array in `requests` column order (one JSON line on disk).
import type { RequestRecord } from './request-record';

/** The `requests` columns, in the order a journal row holds them (the fold binds them by position). */
export const REQUEST_COLUMNS = [
  'id',
  'created_at',
  'user_id',
  'key_id',
  'provider_id',
  'format',
  'endpoint',
  'model',
  'upstream_model',
  'stream',
  'status',
  'error_class',
  'error_message',
  'blocked_by',
  'ttfb_ms',
  'duration_ms',
  'input_tokens',
  'output_tokens',
  'cache_write_5m_tokens',
  'cache_write_1h_tokens',
  'cache_read_tokens',
  'cost_usd',
  'session_id',
  'user_agent',
  'client_ip',
  'decision_chain',
  'cache_savings_usd',
  'billed',
] as const;

/** Where the decision chain sits (as its JSON text). */
const CHAIN_INDEX = REQUEST_COLUMNS.indexOf('decision_chain');

/** One finished request as SQL values in `requests` column order: booleans as 0/1, the decision chain as JSON text. */
export type JournalRow = (string | number | null)[];

/**
 * One array, no keys: cheaper to write per request than the keyed record (the hot path pays for it) and bound as is
 * by the fold. The decision chain is encoded once, here: the fold binds the text the journal line carries.
 */
export function journalRow(r: RequestRecord): JournalRow {
  return [
    r.id,
    r.createdAt,
    r.userId,
    r.keyId,
    r.providerId,
    r.format,
    r.endpoint,
    r.model,
    r.upstreamModel,
    r.stream ? 1 : 0,
    r.status,
    r.errorClass,
    r.errorMessage,
    r.blockedBy,
    r.ttfbMs,
    r.durationMs,
    r.inputTokens,
    r.outputTokens,
    r.cacheWrite5mTokens,
    r.cacheWrite1hTokens,
    r.cacheReadTokens,
    r.costUsd,
    r.sessionId,
    r.userAgent,
    r.clientIp,
    JSON.stringify(r.decisionChain),
    r.cacheSavingsUsd,
    r.billed ? 1 : 0,
  ];
}

/**
 * A row read back from disk (start-up replay), or null when it is not one: a torn last line after a power loss, or
 * any line that is not an array of SQL values of the right length. Rows earlier versions wrote (one keyed record, or
 * an array holding the decision chain nested) are converted.
 */
export function parseJournalRow(text: string): JournalRow | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && 'id' in value) {
    value = journalRow(value as RequestRecord).map((v) => (v === undefined ? null : v));
  }
  if (!Array.isArray(value) || value.length !== REQUEST_COLUMNS.length) return null;
  if (typeof value[CHAIN_INDEX] !== 'string') value[CHAIN_INDEX] = JSON.stringify(value[CHAIN_INDEX] ?? []);
  for (const v of value) if (v !== null && typeof v !== 'string' && typeof v !== 'number') return null;
  return value;
}

/**
 * Lines as `RequestLog` writes them (each a JSON array, each ended by a newline), parsed at once: one JSON.parse for
 * the whole text. Throws on any line that is not JSON; `parseJournalRow` then sorts the lines one by one.
 */
export function parseJournalLines(text: string): JournalRow[] {
  const body = text.endsWith('\n') ? text.slice(0, -1) : text;
  return JSON.parse(`[${body.replaceAll('\n', ',')}]`) as JournalRow[];
}
