// Usage sums read from the hourly rollups (never the request log), plus the few figures read from the log's indexes.
import type Database from 'better-sqlite3';
import type { Combo, Dimension, DurationRow, HourRow, LedgerEntry, UsageSums } from './records';
import type { UsageRepository } from './repositories';

export type { Combo, Dimension, DurationRow, HourRow, UsageSums } from './records';

export function emptySums(): UsageSums {
  return {
    requests: 0,
    errors: 0,
    costUsd: 0,
    inputTokens: 0,
    outputTokens: 0,
    cacheReadTokens: 0,
    cacheWriteTokens: 0,
    cacheSavingsUsd: 0,
    durationMsSum: 0,
  };
}

export function addSums(into: UsageSums, s: UsageSums): void {
  into.requests += s.requests;
  into.errors += s.errors;
  into.costUsd += s.costUsd;
  into.inputTokens += s.inputTokens;
  into.outputTokens += s.outputTokens;
  into.cacheReadTokens += s.cacheReadTokens;
  into.cacheWriteTokens += s.cacheWriteTokens;
  into.cacheSavingsUsd += s.cacheSavingsUsd;
  into.durationMsSum += s.durationMsSum;
}

/** The id of a combo along one dimension. */
export function idOf(c: Combo, dim: Dimension): string {
  switch (dim) {
    case 'user':
      return c.userId;
    case 'key':
      return c.keyId;
    case 'provider':
      return c.providerId;
    case 'model':
      return c.model;
  }
}

const SUMS = `sum(requests) AS requests, sum(errors) AS errors, sum(cost_usd) AS costUsd,
  sum(input_tokens) AS inputTokens, sum(output_tokens) AS outputTokens, sum(cache_read_tokens) AS cacheReadTokens,
  sum(cache_write_5m_tokens + cache_write_1h_tokens) AS cacheWriteTokens, sum(cache_savings_usd) AS cacheSavingsUsd,
  sum(duration_ms_sum) AS durationMsSum`;

const statements = new WeakMap<Database.Database, Map<string, Database.Statement>>();

function prepared(sqlite: Database.Database, sql: string): Database.Statement {
  let cache = statements.get(sqlite);
  if (!cache) {
    cache = new Map();
    statements.set(sqlite, cache);
  }
  let stmt = cache.get(sql);
  if (!stmt) {
    stmt = sqlite.prepare(sql);
    cache.set(sql, stmt);
  }
  return stmt;
}

/** Per-combo sums of the hour buckets starting in [from, to) (a range scan of the rollups' primary key). */
export function comboSums(sqlite: Database.Database, from: number, to: number): Combo[] {
  return prepared(
    sqlite,
    `SELECT user_id AS userId, key_id AS keyId, provider_id AS providerId, model, ${SUMS}
     FROM usage_hourly WHERE hour >= ? AND hour < ? GROUP BY user_id, key_id, provider_id, model`,
  ).all(from, to) as Combo[];
}

const COLUMN: Record<Dimension, string> = { user: 'user_id', key: 'key_id', provider: 'provider_id', model: 'model' };

/** Sums per hour bucket (and per group when `dim` is given) in [from, to), optionally one user's, oldest first. */
export function sumUsageByHour(
  sqlite: Database.Database,
  range: { from: number; to: number; userId?: string },
  dim?: Dimension,
): HourRow[] {
  const col = dim ? COLUMN[dim] : "''";
  const group = dim ? `hour, ${col}` : 'hour';
  const user = range.userId === undefined ? '' : 'AND user_id = ?';
  const params = range.userId === undefined ? [range.from, range.to] : [range.from, range.to, range.userId];
  return prepared(
    sqlite,
    `SELECT hour, ${col} AS id, ${SUMS} FROM usage_hourly WHERE hour >= ? AND hour < ? ${user}
     GROUP BY ${group} ORDER BY hour`,
  ).all(...params) as HourRow[];
}

/** The first hour bucket with any usage (undefined when there is none). */
export function firstRollupHour(sqlite: Database.Database): number | undefined {
  const hour = prepared(sqlite, 'SELECT min(hour) FROM usage_hourly').pluck().get() as number | null;
  return hour ?? undefined;
}

/** Requests started since `since` (RPM now), from the request log's time index. */
export function countStartedSince(sqlite: Database.Database, since: number, userId?: string): number {
  return (
    userId === undefined
      ? prepared(sqlite, 'SELECT count(*) FROM requests WHERE created_at >= ?').pluck().get(since)
      : prepared(sqlite, 'SELECT count(*) FROM requests WHERE user_id = ? AND created_at >= ?')
          .pluck()
          .get(userId, since)
  ) as number;
}

/**
 * Durations of requests started in [from, to) (a created_at index range). Rows past `maxRowid` are dropped here, not
 * in SQL: a rowid bound there would tempt the planner into a table scan.
 */
export function durationsBetween(sqlite: Database.Database, from: number, to: number, maxRowid: number): DurationRow[] {
  const rows = prepared(
    sqlite,
    `SELECT rowid, created_at AS createdAt, duration_ms AS durationMs, user_id AS userId FROM requests
     WHERE created_at >= ? AND created_at < ?`,
  ).all(from, to) as DurationRow[];
  return rows.filter((r) => r.rowid <= maxRowid);
}

/** Rows logged after `afterRowid` (rowids only grow: SQLite gives a new row max(rowid) + 1). */
export function durationsSince(sqlite: Database.Database, afterRowid: number, maxRowid: number): DurationRow[] {
  return prepared(
    sqlite,
    `SELECT rowid, created_at AS createdAt, duration_ms AS durationMs, user_id AS userId FROM requests
     WHERE rowid > ? AND rowid <= ?`,
  ).all(afterRowid, maxRowid) as DurationRow[];
}

export function maxRequestRowid(sqlite: Database.Database): number {
  return (prepared(sqlite, 'SELECT max(rowid) FROM requests').pluck().get() as number | null) ?? 0;
}

/** Requests, errors, cost and tokens (every category) summed over the hour buckets from `fromHour` on. */
export function totalsSince(
  sqlite: Database.Database,
  fromHour: number,
): { requests: number; errors: number; costUsd: number; tokens: number } {
  const row = prepared(
    sqlite,
    `SELECT COALESCE(SUM(requests), 0) AS requests, COALESCE(SUM(errors), 0) AS errors,
       COALESCE(SUM(cost_usd), 0) AS costUsd,
       COALESCE(SUM(input_tokens + output_tokens + cache_write_5m_tokens + cache_write_1h_tokens
         + cache_read_tokens), 0) AS tokens
     FROM usage_hourly WHERE hour >= ?`,
  ).get(fromHour) as { requests: number; errors: number; costUsd: number; tokens: number };
  return { requests: row.requests, errors: row.errors, costUsd: row.costUsd, tokens: row.tokens };
}

/** The usage ledger, oldest first, read lazily. */
export function ledgerEntries(sqlite: Database.Database): Iterable<LedgerEntry> {
  return prepared(
    sqlite,
    'SELECT at, user_id AS userId, key_id AS keyId, provider_id AS providerId, cost_usd AS costUsd FROM usage_ledger ORDER BY seq',
  ).iterate() as Iterable<LedgerEntry>;
}

/** Rollups, ledger and request-log figures on SQLite. */
export class SqliteUsage implements UsageRepository<'sync'> {
  constructor(private readonly sqlite: Database.Database) {}
  comboSums = (from: number, to: number) => comboSums(this.sqlite, from, to);
  byHour = (range: { from: number; to: number; userId?: string }, dim?: Dimension) =>
    sumUsageByHour(this.sqlite, range, dim);
  firstHour = () => firstRollupHour(this.sqlite);
  totalsSince = (fromHour: number) => totalsSince(this.sqlite, fromHour);
  countStartedSince = (since: number, userId?: string) => countStartedSince(this.sqlite, since, userId);
  durationsBetween = (from: number, to: number, maxRowid: number) => durationsBetween(this.sqlite, from, to, maxRowid);
  durationsSince = (afterRowid: number, maxRowid: number) => durationsSince(this.sqlite, afterRowid, maxRowid);
  maxRequestRowid = () => maxRequestRowid(this.sqlite);
  ledger = () => ledgerEntries(this.sqlite);
}
