// Durable request logging: finished requests group-written to the journal file per event-loop turn, folded into SQLite.
import type Database from 'better-sqlite3';
import { JournalFile, journalPathFor } from './journal-file';
import { JournalFolder } from './journal-fold';
import { type JournalRow, journalLine, parseJournalLines, parseJournalRow } from './journal-row';
import type { RequestRecord } from './request-record';

export interface RequestLogHooks {
  /** Called once a batch is journaled (the in-memory quota windows and stats listen here). */
  onJournaled?(records: readonly RequestRecord[]): void;
  onError?(err: unknown): void;
}

/** What a start-up replay found in the journal. */
export interface ReplayResult {
  /** Rows new to `requests` (a row a crash left in the journal after it was folded is skipped, not counted). */
  replayed: number;
  /** Lines that were not journal rows: a torn last write after a power loss. */
  skipped: number;
}

/** Replay folds in transactions of this many rows. */
const REPLAY_CHUNK = 2000;

/**
 * `append` resolves once the record's journal line is written. Every record appended in the same event-loop turn
 * shares one write; the relay sends the answer's last bytes after it. The journal is a plain file beside the database:
 * one `write` per turn and no SQLite page, lock or WAL frame, measured at about 9 µs less per request than the journal
 * table it replaces. `fold` reads the file back, parses each line's values and binds them, with the chain's text as it
 * stands, into the request log, then empties the file; nothing is held on the JavaScript heap in between. A start-up
 * `replay` folds what a killed process journaled and never folded.
 */
export class RequestLog {
  private pending: { record: RequestRecord; resolve: () => void }[] = [];
  private scheduled = false;
  /** Rows journaled since the last fold. */
  private unfolded = 0;
  /** Lines the journal file refused (a full disk): retried with the next write, folded from here if still refused. */
  private unwritten = '';
  private readonly folder: JournalFolder;

  constructor(
    sqlite: Database.Database,
    private readonly hooks: RequestLogHooks = {},
    /** The journal beside the database file; tests pass one whose disk fails. */
    private readonly journal = new JournalFile(journalPathFor(sqlite.name)),
  ) {
    this.folder = new JournalFolder(sqlite);
  }

  append(record: RequestRecord): Promise<void> {
    return new Promise((resolve) => {
      this.pending.push({ record, resolve });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(this.flush);
      }
    });
  }

  /** Journals everything pending now (also used at shutdown). */
  readonly flush = (): void => {
    this.scheduled = false;
    const batch = this.pending;
    if (batch.length === 0) return;
    this.pending = [];
    const records: RequestRecord[] = new Array(batch.length);
    let lines = '';
    for (let i = 0; i < batch.length; i++) {
      const record = (batch[i] as { record: RequestRecord }).record;
      records[i] = record;
      lines += journalLine(record);
    }
    this.unfolded += batch.length;
    try {
      this.journal.append(this.unwritten + lines);
      this.unwritten = '';
    } catch (err) {
      // Kept in memory and still folded; only a crash before the next fold would lose these rows.
      this.unwritten += lines;
      this.hooks.onError?.(err);
    }
    try {
      this.hooks.onJournaled?.(records);
    } catch (err) {
      this.hooks.onError?.(err);
    } finally {
      // Resolve even on a failed write: the client's answer must not hang on the log; the error is reported.
      for (const b of batch) b.resolve();
    }
  };

  /**
   * Folds every journaled row into SQLite in one transaction, then empties the journal; returns how many rows.
   * Throws, with everything still journaled, when the database refuses the fold.
   */
  fold(): number {
    if (this.unfolded === 0) return 0;
    const lines = this.journal.read() + this.unwritten;
    try {
      this.folder.fold(parseJournalLines(lines));
    } catch {
      // A line that is not what `flush` wrote (the file was damaged) fails the whole text: fold line by line without
      // it. A database that refuses the fold throws again here.
      const { skipped } = this.foldChecked(lines.split('\n'));
      if (skipped > 0) this.hooks.onError?.(new Error(`skipped ${skipped} unreadable line(s) in the request journal`));
    }
    this.journal.clear();
    this.unwritten = '';
    const folded = this.unfolded;
    this.unfolded = 0;
    return folded;
  }

  /**
   * Start-up, before anything reads the request log or the ledger: folds what the previous run journaled and did not
   * fold (it was killed, or the machine lost power), then empties the journal. Folding is idempotent per request id,
   * so a crash between a fold and the journal's truncation replays nothing twice.
   */
  replay(): ReplayResult {
    // What versions before the journal file left in the `request_journal` table goes through the same fold first.
    const legacy = this.foldChecked(this.folder.legacyPayloads());
    this.folder.clearLegacyTable();
    const file = this.foldChecked(this.journal.read().split('\n'));
    this.journal.clear();
    return { replayed: legacy.replayed + file.replayed, skipped: legacy.skipped + file.skipped };
  }

  /** Releases the journal file (after a final flush and fold). */
  close(): void {
    this.journal.close();
  }

  /** Folds the lines that parse as journal rows, in chunks; counts the ones that do not. */
  private foldChecked(lines: Iterable<string>): ReplayResult {
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
      chunk.push(row);
      if (chunk.length === REPLAY_CHUNK) {
        replayed += this.folder.fold(chunk);
        chunk = [];
      }
    }
    if (chunk.length > 0) replayed += this.folder.fold(chunk);
    return { replayed, skipped };
  }
}
