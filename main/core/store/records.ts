// The records the repositories take and return: rows as the store keeps them, filters, inputs and usage sums.
import type { Settings } from '../../../shared/api-schemas';
import type { auditLog, contentRules, keys, providers, requests, users } from '../db/schema';
import type { Cursor, Page } from './paging';

/** Domain records: the rows as the store keeps them (times in ms, JSON columns parsed). admin/ maps them to the API. */
export type UserRecord = typeof users.$inferSelect;
export type KeyRecord = typeof keys.$inferSelect;
export type ProviderRecord = typeof providers.$inferSelect;
export type AuditRecord = typeof auditLog.$inferSelect;
export type ContentRuleRecord = typeof contentRules.$inferSelect;
export type RequestRecordWithNames = RequestRowWithNames;
export type { Cursor, Page };

/** A charged request as the usage ledger keeps it (what spend windows are rebuilt from). */
export interface LedgerEntry {
  at: number;
  userId: string | null;
  keyId: string | null;
  providerId: string | null;
  costUsd: number;
}

export interface PageOptions {
  limit: number;
  after?: Cursor;
}

export interface AuditInput {
  actor: string;
  action: string;
  target: string | null;
  /** Already redacted JSON-able values. */
  before: unknown;
  after: unknown;
  ip: string | null;
}

export interface AuditFilter {
  /** Exact action, or every action starting with it when it ends in "." (`key.`). */
  action?: string;
  target?: string;
}

export interface RequestFilter {
  /** Inclusive lower bound of createdAt (ms). */
  from?: number;
  /** Exclusive upper bound of createdAt (ms). */
  to?: number;
  userId?: string;
  keyId?: string;
  providerId?: string;
  model?: string;
  /** One status, a class of them (`4xx`: 400–499), or `blocked` (refused before any provider was tried). */
  status?: number | StatusClass;
  sessionId?: string;
}

export type StatusClass = '2xx' | '3xx' | '4xx' | '5xx' | 'blocked';

export type RequestRow = typeof requests.$inferSelect;

/** A requests row with the names of its user, key and provider (null when absent or deleted). */
export type RequestRowWithNames = RequestRow & {
  userName: string | null;
  keyName: string | null;
  providerName: string | null;
};

export interface CapturedBodies {
  request: string | null;
  response: string | null;
  truncated: boolean;
}

/** Captured bodies as stored: compressed ('br', 'gzip'), or text in rows written before compression ('none'). */
export interface StoredBodies {
  codec: 'none' | 'br' | 'gzip';
  request: Buffer | string | null;
  response: Buffer | string | null;
  truncated: boolean;
  /** Bytes as stored, and as rendered before compression. */
  storedBytes: number;
  originalBytes: number;
  capturedAt: number;
}

export type HubSettings = Settings;

export type Dimension = 'user' | 'key' | 'provider' | 'model';

export interface UsageSums {
  requests: number;
  errors: number;
  costUsd: number;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  cacheSavingsUsd: number;
  durationMsSum: number;
}

/** The sums of one (user, key, provider, model) over some hours; ids are '' when the rows had none. */
export interface Combo extends UsageSums {
  userId: string;
  keyId: string;
  providerId: string;
  model: string;
}

export interface HourRow extends UsageSums {
  hour: number;
  /** The group's id ('' when not grouped or the row has none). */
  id: string;
}

export interface DurationRow {
  rowid: number;
  createdAt: number;
  durationMs: number;
  userId: string | null;
}
