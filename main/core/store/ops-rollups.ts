// Writes provider availability buckets, their error classes and session rows for the `requests` rows a fold inserted.
import type Database from 'better-sqlite3';
import { type JournalRow, REQUEST_COLUMNS } from './journal-row';
import { AVAILABILITY_COLUMNS, OpsDeltas } from './ops-deltas';

/** Rows a start-up backfill reads and writes per step. */
const BACKFILL_CHUNK = 5000;

/**
 * The availability and session rollups. `add` runs inside the fold's transaction with the rows the fold actually
 * inserted: like the hourly rollups, a replayed row already in `requests` is not among them, so nothing counts twice.
 * The deltas are summed in JavaScript from the values the fold already holds (`OpsDeltas`), then written one upsert
 * per group: no second read of the rows from SQLite.
 */
export class OpsRollups {
  private readonly availability: [Database.Statement, Database.Statement];
  private readonly errors: Database.Statement;
  private readonly sessions: Database.Statement;
  private readonly isEmpty: Database.Statement;
  private readonly backfillRows: Database.Statement;

  constructor(private readonly sqlite: Database.Database) {
    const cols = AVAILABILITY_COLUMNS;
    const [fiveMinutes, hourly] = ['provider_availability', 'provider_availability_hourly'].map((table) =>
      sqlite.prepare(
        `INSERT INTO ${table} (bucket, provider_id, ${cols.join(', ')}) VALUES (?, ?, ${cols.map(() => '?').join(', ')})
         ON CONFLICT (provider_id, bucket) DO UPDATE SET ${cols.map((c) => `${c} = ${c} + excluded.${c}`).join(', ')}`,
      ),
    ) as [Database.Statement, Database.Statement];
    this.availability = [fiveMinutes, hourly];
    this.errors = sqlite.prepare(
      `INSERT INTO provider_errors (bucket, provider_id, error_class, errors, retried) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (provider_id, bucket, error_class) DO UPDATE SET errors = errors + excluded.errors,
         retried = retried + excluded.retried`,
    );
    // The batch's latest provider and User-Agent win over the stored ones unless the stored session is later.
    this.sessions = sqlite.prepare(
      `INSERT INTO request_sessions (session_id, user_id, key_id, provider_id, user_agent, first_at, last_at, requests,
         errors, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, cost_usd)
       VALUES (?, ?, ?, nullif(?, ''), nullif(?, ''), ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (session_id) DO UPDATE SET
         user_id = coalesce(user_id, excluded.user_id), key_id = coalesce(key_id, excluded.key_id),
         provider_id = CASE WHEN excluded.last_at >= last_at THEN coalesce(excluded.provider_id, provider_id)
           ELSE coalesce(provider_id, excluded.provider_id) END,
         user_agent = CASE WHEN excluded.last_at >= last_at THEN coalesce(excluded.user_agent, user_agent)
           ELSE coalesce(user_agent, excluded.user_agent) END,
         first_at = min(first_at, excluded.first_at), last_at = max(last_at, excluded.last_at),
         requests = requests + excluded.requests, errors = errors + excluded.errors,
         input_tokens = input_tokens + excluded.input_tokens, output_tokens = output_tokens + excluded.output_tokens,
         cache_read_tokens = cache_read_tokens + excluded.cache_read_tokens,
         cache_write_tokens = cache_write_tokens + excluded.cache_write_tokens, cost_usd = cost_usd + excluded.cost_usd`,
    );
    this.isEmpty = sqlite
      .prepare(
        `SELECT NOT EXISTS (SELECT 1 FROM provider_availability) AND NOT EXISTS (SELECT 1 FROM request_sessions)
           AND EXISTS (SELECT 1 FROM requests)`,
      )
      .pluck();
    // The rowid rides last, after the columns a journal row holds: the next chunk starts past it.
    this.backfillRows = sqlite
      .prepare(`SELECT ${REQUEST_COLUMNS.join(', ')}, rowid FROM requests WHERE rowid > ? ORDER BY rowid LIMIT ?`)
      .raw();
  }

  /** Adds rows the fold inserted (never one it skipped as folded before) to the buckets, error classes and sessions. */
  add(rows: Iterable<JournalRow>): void {
    const deltas = new OpsDeltas();
    for (const row of rows) deltas.add(row);
    this.write(deltas);
  }

  /**
   * Start-up: a log that predates these rollups (an upgrade) has them derived once from every row, in one
   * transaction; a hub whose rollups already hold rows does nothing. Returns whether it ran.
   */
  backfillIfEmpty(): boolean {
    if (!this.isEmpty.get()) return false;
    this.sqlite.transaction(() => {
      let after = 0;
      for (;;) {
        const rows = this.backfillRows.all(after, BACKFILL_CHUNK) as JournalRow[];
        if (rows.length === 0) break;
        this.add(rows);
        after = (rows[rows.length - 1] as JournalRow)[REQUEST_COLUMNS.length] as number;
      }
    })();
    return true;
  }

  private write(deltas: OpsDeltas): void {
    const { fiveMinutes, hourly } = deltas.availability();
    const [fiveMinuteUpsert, hourlyUpsert] = this.availability;
    for (const d of fiveMinutes) fiveMinuteUpsert.run(d.bucket, d.providerId, ...d.sums);
    for (const d of hourly) hourlyUpsert.run(d.bucket, d.providerId, ...d.sums);
    for (const e of deltas.errors.values()) this.errors.run(e.bucket, e.providerId, e.errorClass, e.errors, e.retried);
    for (const s of deltas.sessions.values()) {
      this.sessions.run(
        s.sessionId,
        s.userId,
        s.keyId,
        s.providerId,
        s.userAgent,
        s.firstAt,
        s.lastAt,
        s.requests,
        s.errors,
        s.inputTokens,
        s.outputTokens,
        s.cacheReadTokens,
        s.cacheWriteTokens,
        s.costUsd,
      );
    }
  }
}
