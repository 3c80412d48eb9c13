// Folds journal rows into the indexed `requests` table, the usage ledger, the hourly rollups and keys' last use.
import type Database from 'better-sqlite3';
import { type JournalRow, parseJournalRow, REQUEST_COLUMNS } from './journal-row';
import { OpsRollups } from './ops-rollups';
import { UsageHourlyRollup } from './usage-hourly-rollup';

const KEY = REQUEST_COLUMNS.indexOf('key_id');
const CREATED_AT = REQUEST_COLUMNS.indexOf('created_at');

/** Lines read back from disk fold in transactions of this many rows. */
const REPLAY_CHUNK = 2000;

/**
 * The requests rows this fold inserted (a replayed journal row already in `requests` is not among them), read back by
 * the ledger by a rowid range: NOT INDEXED keeps the planner off the per-key index, whose full scan grows with the
 * whole table.
 */
const FOLDED = 'FROM requests NOT INDEXED WHERE rowid > $rowidBefore';

/**
 * Each row is bound by position into `requests` (INSERT OR IGNORE: a row folded before is skipped, so a replay after a
 * crash between a fold and the journal's truncation folds nothing twice). The rollups and keys' last use are summed
 * in JavaScript from the values of the rows that were inserted, one upsert per group (re-reading the rows in SQL cost
 * more per row than the sums); the ledger, one row per charged request, is copied in SQL from the rows just inserted.
 * The lines are parsed in JavaScript and bound by position, so SQLite never parses JSON on the fold.
 */
export class JournalFolder {
  private readonly maxRowid: Database.Statement;
  private readonly insertRequest: Database.Statement;
  private readonly usage: UsageHourlyRollup;
  private readonly insertLedger: Database.Statement;
  private readonly touchKey: Database.Statement;
  private readonly foldTx: (rows: readonly JournalRow[]) => number;
  /** Provider availability and session rows, derived from the same inserted rows. */
  readonly ops: OpsRollups;

  constructor(sqlite: Database.Database) {
    this.ops = new OpsRollups(sqlite);
    this.maxRowid = sqlite.prepare('SELECT coalesce(max(rowid), 0) FROM requests').pluck();
    this.insertRequest = sqlite.prepare(
      `INSERT OR IGNORE INTO requests (${REQUEST_COLUMNS.join(', ')}) VALUES (${REQUEST_COLUMNS.map(() => '?').join(', ')})`,
    );
    this.usage = new UsageHourlyRollup(sqlite);
    this.insertLedger = sqlite.prepare(
      `INSERT INTO usage_ledger (at, user_id, key_id, provider_id, cost_usd)
       SELECT created_at + duration_ms, user_id, key_id, provider_id, cost_usd ${FOLDED} AND billed AND cost_usd > 0
       ORDER BY rowid`,
    );
    this.touchKey = sqlite.prepare(
      'UPDATE keys SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)',
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

  /** Returns how many rows were new. */
  private foldRows(rows: readonly JournalRow[]): number {
    const rowidBefore = this.maxRowid.get() as number;
    // Bound as arguments, which better-sqlite3 reads directly (an array it would read element by element).
    const inserted: JournalRow[] = [];
    for (const row of rows) {
      if (this.insertRequest.run(...row).changes > 0) inserted.push(row);
    }
    this.usage.add(inserted);
    this.ops.add(inserted);
    this.insertLedger.run({ rowidBefore });
    for (const [keyId, lastAt] of lastUseByKey(inserted)) this.touchKey.run(lastAt, keyId, lastAt);
    return inserted.length;
  }
}

/** Each key's latest request among the rows. */
function lastUseByKey(rows: readonly JournalRow[]): Map<string, number> {
  const last = new Map<string, number>();
  for (const row of rows) {
    const keyId = row[KEY];
    if (keyId === null) continue;
    const at = row[CREATED_AT] as number;
    const seen = last.get(keyId as string);
    if (seen === undefined || at > seen) last.set(keyId as string, at);
  }
  return last;
}
