// Finished-request records for tests, written through the real fold of journal rows into `requests`, the ledger and
// the hourly rollups (never hand-written rollups).
import type Database from 'better-sqlite3';
import { JournalFolder } from '../../main/core/store/journal-fold';
import { journalRow } from '../../main/core/store/journal-row';
import type { RequestRecord } from '../../main/core/store/request-record';

let seq = 0;

/** A plausible finished request; every field can be overridden. */
export function record(over: Partial<RequestRecord> = {}): RequestRecord {
  seq++;
  const createdAt = over.createdAt ?? Date.UTC(2026, 0, 5, 12);
  return {
    id: `req_${createdAt.toString(36).padStart(9, '0')}t${String(seq).padStart(8, '0')}`,
    createdAt,
    userId: null,
    keyId: null,
    providerId: null,
    format: 'anthropic',
    endpoint: 'messages',
    model: 'claude-sonnet-4-5',
    upstreamModel: 'claude-sonnet-4-5',
    stream: false,
    status: 200,
    errorClass: null,
    errorMessage: null,
    blockedBy: null,
    transport: 'http',
    ttfbMs: 100,
    durationMs: 500,
    inputTokens: 100,
    outputTokens: 50,
    cacheWrite5mTokens: 0,
    cacheWrite1hTokens: 0,
    cacheReadTokens: 0,
    costUsd: 0.001,
    cacheSavingsUsd: 0,
    billed: true,
    translatedFrom: null,
    sessionId: null,
    userAgent: 'test',
    clientIp: '127.0.0.1',
    decisionChain: [],
    ...over,
  };
}

/**
 * Folds the records as journal rows, as the hub's fold does. It leaves the journal file alone: the hub running on
 * this database owns it.
 */
export function logRecords(sqlite: Database.Database, records: readonly RequestRecord[]): void {
  new JournalFolder(sqlite).fold(records.map(journalRow));
}
