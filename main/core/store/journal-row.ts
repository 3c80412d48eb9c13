// The journal blob's encoding: a finished request as one positional JSON array, in `requests` column order.
import type { RequestRecord } from './request-record';

/** The `requests` columns, in the order the journal array holds them (the fold reads them by position). */
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

/**
 * One array, no keys: cheaper to write per request than the keyed record (the hot path pays for it) and read
 * by position by the fold. The decision chain stays nested (double-encoding it as text measured slower to write).
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
