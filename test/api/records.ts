// Finished-request records for tests, written through the real log path: journal commit, then the fold into
// `requests` and the hourly rollups (never hand-written rollups).
import type Database from 'better-sqlite3';
import { JournalFolder } from '../../main/core/jobs/journal-fold';
import { RequestLog } from '../../main/core/store/request-log';
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
    sessionId: null,
    userAgent: 'test',
    clientIp: '127.0.0.1',
    decisionChain: [],
    ...over,
  };
}

/** Appends through the request log (journal + ledger, one commit) and folds the journal into requests + rollups. */
export function logRecords(sqlite: Database.Database, records: readonly RequestRecord[]): void {
  const log = new RequestLog(sqlite);
  for (const r of records) void log.append(r);
  log.flush();
  new JournalFolder(sqlite).foldAll();
}
