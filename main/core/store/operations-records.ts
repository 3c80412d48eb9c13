// The records of the operations repositories: availability buckets, breaker transitions, sessions.
import type { RequestRowWithNames } from './records';

/** Sums of one availability bucket (or of several merged): histogram columns are cumulative per latency edge. */
export interface AvailabilitySums {
  /** Start of the bucket (epoch ms). */
  start: number;
  requests: number;
  errors: number;
  retried: number;
  ttfbCount: number;
  ttfbMsSum: number;
  durationMsSum: number;
  /** Requests faster than each of LATENCY_EDGES_MS, first byte and total. */
  ttfbLt: number[];
  totalLt: number[];
}

export interface AvailabilityErrorRow {
  start: number;
  errorClass: string;
  errors: number;
  retried: number;
}

/** Buckets of `size` ms from `from` (inclusive) to `to` (exclusive). */
export interface BucketRange {
  from: number;
  to: number;
  size: number;
}

export interface BreakerEventRecord {
  at: number;
  providerId: string;
  from: string;
  to: string;
  reason: string;
  failures: number;
}

export interface SessionRecord {
  sessionId: string;
  userId: string | null;
  userName: string | null;
  keyId: string | null;
  keyName: string | null;
  providerId: string | null;
  providerName: string | null;
  userAgent: string | null;
  firstAt: number;
  lastAt: number;
  requests: number;
  errors: number;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  costUsd: number;
}

export interface SessionFilter {
  userId?: string;
  keyId?: string;
  providerId?: string;
  /** Last seen at or after (epoch ms). */
  from?: number;
  /** Last seen before (epoch ms). */
  to?: number;
}

/** A session's request with whether bodies were captured for it. */
export type SessionRequestRow = RequestRowWithNames & { hasBodies: boolean };
