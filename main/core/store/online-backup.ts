// A consistent copy of the hub's database while it serves: SQLite's online backup, plus the journal's unfolded rows.
import { chmodSync, existsSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { migrateFile } from '../db/connection';
import { createPrivateFile } from '../db/data-dir-permissions';
import { JournalFolder } from './journal-fold';

export interface BackupResult {
  /** Bytes of the finished file. */
  bytes: number;
  /** Journal rows folded into the copy that the database did not hold yet when its pages were copied. */
  journalRows: number;
}

/**
 * Pages copied per step. The hub copies its own connection's pages a few at a time, the event loop running between
 * steps (its own writes meanwhile go into the copy, so nothing restarts it). Another process copies every page in one
 * step, one read snapshot: the hub's fold commits every 100 ms and would restart a copy taken in small steps.
 */
export const PAGES_PER_STEP = { sameConnection: 256, otherProcess: 0x7fffffff } as const;

/**
 * The whole lines of the request journal as they are now ('' when there is none). A line the hub is writing at this
 * moment (another process) is left out: its request is not answered yet, since an answer's last bytes wait for it.
 */
export function readJournalLines(journalFile: string): string {
  if (!existsSync(journalFile)) return '';
  const text = readFileSync(journalFile, 'utf8');
  return text.slice(0, text.lastIndexOf('\n') + 1);
}

/**
 * Writes a copy of `source` to `dest` that holds every request answered before the call: an answered request is in
 * the database or, not folded yet, a line of the journal. The journal is read first, then the pages are copied with
 * SQLite's online backup API (a read transaction per step; what this connection writes meanwhile is carried into the
 * copy, another connection's commit restarts it), then the journal's lines are folded into the copy by the hub's own
 * fold, which skips rows already there (INSERT OR IGNORE per request id; ledger and rollups only from rows inserted).
 * A row folded and dropped from the journal between the read and the copy is in the copied pages, so no order of
 * events loses one. The copy is one self-contained file (rollback journal mode, no -wal beside it), mode 0600,
 * written under a temporary name and renamed, so `dest` is never a half-written file.
 */
export async function backupDatabase(
  source: Database.Database,
  journalFile: string,
  dest: string,
  pagesPerStep: number = PAGES_PER_STEP.sameConnection,
): Promise<BackupResult> {
  const lines = readJournalLines(journalFile);
  const partial = `${dest}.partial`;
  rmSync(partial, { force: true });
  createPrivateFile(partial);
  try {
    await source.backup(partial, { progress: () => pagesPerStep });
    const copy = new Database(partial, { fileMustExist: true });
    let journalRows = 0;
    try {
      copy.pragma('journal_mode = DELETE');
      // A stopped hub's data directory may come from an older build: its journal folds into this build's schema.
      migrateFile(copy);
      if (lines !== '') journalRows = new JournalFolder(copy).foldLines(lines.split('\n')).replayed;
    } finally {
      copy.close();
    }
    chmodSync(partial, 0o600);
    renameSync(partial, dest);
    return { bytes: statSync(dest).size, journalRows };
  } catch (err) {
    rmSync(partial, { force: true });
    throw err;
  }
}

/** Opens a data directory's database for a backup from another process (the hub may be running on it, or not). */
export function openForBackup(databaseFile: string): Database.Database {
  const db = new Database(databaseFile, { fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  return db;
}
