// Folds journal rows into the indexed `requests` table, the usage ledger, the hourly rollups and keys' last use.
import type Database from 'better-sqlite3';
import { type JournalRow, parseJournalRow, REQUEST_COLUMNS } from './journal-row';
import { OpsRollups } from './ops-rollups';

const HOUR_MS = 3_600_000;
/** Lines read back from disk fold in transactions of this many rows. */
const REPLAY_CHUNK = 2000;

/**
 * The requests rows this fold inserted (a replayed journal row already in `requests` is not among them), read by a
 * rowid range: NOT INDEXED keeps the planner off the per-key index, whose full scan grows with the whole table.
 */
const FOLDED = 'FROM requests NOT INDEXED WHERE rowid > $rowidBefore';

/**
 * Each row is bound by position into `requests` (INSERT OR IGNORE: a row folded before is skipped, so a replay after a
 * crash between a fold and the journal's truncation folds nothing twice); the ledger, rollups and keys' last use are
 * then derived in SQL from the typed rows just inserted: the lines are parsed in JavaScript and bound by position,
 * so SQLite never parses JSON on the fold.
 */
export class JournalFolder {
  private readonly maxRowid: Database.Statement;
  private readonly insertRequest: Database.Statement;
  private readonly upsertRollups: Database.Statement;
  private readonly insertLedger: Database.Statement;
  private readonly touchKeys: Database.Statement;
  private readonly foldTx: (rows: readonly JournalRow[]) => number;
  /** Provider availability and session rows, derived from the same inserted rows. */
  readonly ops: OpsRollups;

  constructor(sqlite: Database.Database) {
    this.ops = new OpsRollups(sqlite);
    this.maxRowid = sqlite.prepare('SELECT coalesce(max(rowid), 0) FROM requests').pluck();
    this.insertRequest = sqlite.prepare(
      `INSERT OR IGNORE INTO requests (${REQUEST_COLUMNS.join(', ')}) VALUES (${REQUEST_COLUMNS.map(() => '?').join(', ')})`,
    );
    const sums: Record<string, string> = {
      requests: 'count(*)',
      errors: 'sum(status >= 400)',
      input_tokens: 'sum(input_tokens)',
      output_tokens: 'sum(output_tokens)',
      cache_write_5m_tokens: 'sum(cache_write_5m_tokens)',
      cache_write_1h_tokens: 'sum(cache_write_1h_tokens)',
      cache_read_tokens: 'sum(cache_read_tokens)',
      cost_usd: 'total(cost_usd)',
      cache_savings_usd: 'total(cache_savings_usd)',
      duration_ms_sum: 'sum(duration_ms)',
      ttfb_ms_sum: 'total(ttfb_ms)',
    };
    const sumColumns = Object.keys(sums);
    // `WHERE true`: SQLite's documented fix for the parse ambiguity of INSERT … SELECT … ON CONFLICT.
    this.upsertRollups = sqlite.prepare(
      `INSERT INTO usage_hourly (hour, user_id, key_id, provider_id, model, ${sumColumns.join(', ')})
       SELECT created_at / ${HOUR_MS} * ${HOUR_MS}, coalesce(user_id, ''), coalesce(key_id, ''),
         coalesce(provider_id, ''), coalesce(model, ''), ${Object.values(sums).join(', ')}
       ${FOLDED} AND true
       GROUP BY 1, 2, 3, 4, 5
       ON CONFLICT (hour, user_id, key_id, provider_id, model) DO UPDATE SET
         ${sumColumns.map((c) => `${c} = ${c} + excluded.${c}`).join(', ')}`,
    );
    this.insertLedger = sqlite.prepare(
      `INSERT INTO usage_ledger (at, user_id, key_id, provider_id, cost_usd)
       SELECT created_at + duration_ms, user_id, key_id, provider_id, cost_usd ${FOLDED} AND billed AND cost_usd > 0
       ORDER BY rowid`,
    );
    this.touchKeys = sqlite.prepare(
      `UPDATE keys SET last_used_at = used.at
       FROM (SELECT key_id, max(created_at) AS at ${FOLDED} AND key_id IS NOT NULL GROUP BY key_id) AS used
       WHERE keys.id = used.key_id AND (keys.last_used_at IS NULL OR keys.last_used_at < used.at)`,
    );
    this.foldTx = sqlite.transaction((rows: readonly JournalRow[]) => this.foldRows(rows));
  }

  /** Folds the rows in one transaction; returns how many were new to `requests` (the rest were folded before). */
  fold(rows: readonly JournalRow[]): number {
    return this.foldTx(rows);
  }

  /** Folds the lines that parse as journal rows, in transactions of `REPLAY_CHUNK`; counts the ones that do not. */
  foldLines(lines: Iterable<string>, amend?: (row: JournalRow) => JournalRow): { replayed: number; skipped: number } {
    let replayed = 0;
    let skipped = 0;
    let chunk: JournalRow[] = [];
    for (const line of lines) {
      if (line === '') continue;
      const row = parseJournalRow(line);
      if (row === null) {
        skipped++;
        continue;
      }
      chunk.push(amend ? amend(row) : row);
      if (chunk.length === REPLAY_CHUNK) {
        replayed += this.fold(chunk);
        chunk = [];
      }
    }
    if (chunk.length > 0) replayed += this.fold(chunk);
    return { replayed, skipped };
  }

  /** Returns how many rows were new: rowids grow by one per inserted row (no AUTOINCREMENT, newest rows kept). */
  private foldRows(rows: readonly JournalRow[]): number {
    const rowidBefore = this.maxRowid.get() as number;
    // Bound as arguments, which better-sqlite3 reads directly (an array it would read element by element).
    const inserted: JournalRow[] = [];
    for (const row of rows) {
      if (this.insertRequest.run(...row).changes > 0) inserted.push(row);
    }
    this.upsertRollups.run({ rowidBefore });
    this.ops.add(inserted);
    this.insertLedger.run({ rowidBefore });
    this.touchKeys.run({ rowidBefore });
    return (this.maxRowid.get() as number) - rowidBefore;
  }
}
