// The journal blob's encoding: a finished request as one positional JSON array, `requests` columns first, in order.
import type { RequestRecord } from './request-record';

/** The `requests` columns, in the order the journal array holds them (and the fold binds them). */
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
] as const;

/** Positions in the journal array the fold reads besides binding the columns (two extras follow the columns). */
export const J = {
  createdAt: 1,
  userId: 2,
  keyId: 3,
  providerId: 4,
  model: 7,
  status: 10,
  ttfbMs: 14,
  durationMs: 15,
  inputTokens: 16,
  outputTokens: 17,
  cacheWrite5mTokens: 18,
  cacheWrite1hTokens: 19,
  cacheReadTokens: 20,
  costUsd: 21,
  cacheSavingsUsd: REQUEST_COLUMNS.length,
  billed: REQUEST_COLUMNS.length + 1,
} as const;

const DECISION_CHAIN = REQUEST_COLUMNS.indexOf('decision_chain');

/** A decoded journal row: `columns` binds straight into `requests`; the extras feed the rollups and the ledger. */
export interface JournalRow {
  columns: (string | number | null)[];
  cacheSavingsUsd: number;
  billed: boolean;
}

/**
 * One array, no keys: cheaper to write per request than the keyed record (the hot path pays for it) and bound
 * positionally by the fold. The decision chain stays nested (double-encoding it as text measured slower to write).
 */
export function encodeJournalRow(r: RequestRecord): string {
  return JSON.stringify([
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
    r.decisionChain,
    r.cacheSavingsUsd,
    r.billed ? 1 : 0,
  ]);
}

/** Decodes a journal blob; rows written by earlier versions (a keyed record object) are read too. */
export function decodeJournalRow(payload: string): JournalRow {
  const parsed = JSON.parse(payload) as unknown;
  const values = (Array.isArray(parsed) ? parsed : JSON.parse(encodeJournalRow(parsed as RequestRecord))) as (
    | string
    | number
    | null
  )[];
  const cacheSavingsUsd = Number(values[J.cacheSavingsUsd] ?? 0);
  const billed = values[J.billed] === 1;
  values.length = REQUEST_COLUMNS.length;
  values[DECISION_CHAIN] = JSON.stringify(values[DECISION_CHAIN] ?? []);
  return { columns: values, cacheSavingsUsd, billed };
}
