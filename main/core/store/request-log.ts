// Durable request logging: finished requests group-written to the journal file per event-loop turn, folded into SQLite.
import type Database from 'better-sqlite3';
import { type Clock, systemClock } from '../clock';
import { type FailedJournalWrite, JournalFailureMark } from './journal-failure-mark';
import { JournalFile, type JournalWrite, journalPathFor } from './journal-file';
import { JournalFolder } from './journal-fold';
import { errorCode, JOURNAL_UNWRITABLE, JournalHealth, UNRECORDED_MESSAGE } from './journal-health';
import { journalLine, markUnrecorded, parseJournalLines } from './journal-row';
import type { RequestRecord } from './request-record';

export interface RequestLogHooks {
  /** Called once a batch is journaled, or kept in memory (the in-memory quota windows and stats listen here). */
  onJournaled?(records: readonly RequestRecord[]): void;
  onError?(err: unknown): void;
  /** The journal became unwritable (with the write's error), or is written again. */
  onWritableChange?(writable: boolean, err?: unknown): void;
  /** `foldAtRows` rows wait unfolded: fold soon, so no single fold holds the event loop for long. */
  onBacklog?(): void;
}

export interface RequestLogOptions {
  /** The journal's positional write; tests pass one whose disk fails. */
  write?: JournalWrite;
  /** Times the retries of an unwritable journal. */
  clock?: Clock;
  /** Rows kept in memory while the journal is unwritable, at most. */
  maxRowsInMemory?: number;
  /** Unfolded rows at which `onBacklog` is called. */
  foldAtRows?: number;
}

/** What a start-up replay found in the journal. */
export interface ReplayResult {
  /** Rows new to `requests` (a row a crash left in the journal after it was folded is skipped, not counted). */
  replayed: number;
  /** Lines that were not journal rows and no failed write explains: a torn last write after a power loss. */
  skipped: number;
  /** Unreadable lines a failed write (a full disk) left behind: torn by that, not by a power loss. */
  tornByFailedWrite: number;
  /** The previous run's journal could not be written when it stopped: since when, why, where. */
  failedWrite: FailedJournalWrite | null;
  /** The availability and session rollups were derived from the whole log (their tables were new). */
  backfilled?: boolean;
}

/** An unwritable journal is tried again this long after its last failure (when no answer's write tries it first). */
export const JOURNAL_RETRY_MS = 1000;
/** The journal counts as writable again once the disk takes this much at its end. */
const HEADROOM_BYTES = 64 * 1024;
/** Rows kept in memory while the journal is unwritable: new requests are refused then, so only those in flight add. */
const MAX_ROWS_IN_MEMORY = 10_000;
/**
 * A fold costs ~9 µs per row on the event loop (docs/performance.md): past this many waiting rows the hub folds at
 * once instead of waiting for its timer, which keeps each fold near a millisecond under any load.
 */
export const FOLD_AT_ROWS = 128;

interface Pending {
  record: RequestRecord;
  /** The row to keep instead when the journal refuses this one (the client is then told the answer failed). */
  ifUnwritten: (() => RequestRecord) | undefined;
  resolve: (written: boolean) => void;
}

/**
 * `append` resolves once the record's journal line is written. Every record appended in the same event-loop turn
 * shares one write; the relay sends the answer's last bytes after it. The journal is a plain file beside the database:
 * one `write` per turn and no SQLite page, lock or WAL frame on the request path. `fold` reads the file back, parses each line's values and binds them, with the chain's text as it
 * stands, into the request log, then empties the file; nothing is held on the JavaScript heap in between. A start-up
 * `replay` folds what a killed process journaled and never folded.
 *
 * A write the disk refuses (ENOSPC, EIO) resolves its appends with `false`: the relay then ends those answers with an
 * error instead of their last bytes, and refuses new requests while `health.writable` is false. Their rows wait in
 * memory (bounded), folded from there when SQLite still takes them, written ahead of the next batch, and tried again
 * by `retryWrite` on the fold's timer; the first write that succeeds makes the journal writable again. The failed
 * write's offset and cause go to a mark beside the journal, so start-up reports its torn remains as what they are.
 */
export class RequestLog {
  readonly health = new JournalHealth();
  private pending: Pending[] = [];
  private scheduled = false;
  /** Rows journaled (or kept in memory) since the last fold. */
  private unfolded = 0;
  /** Rows the journal refused, oldest first: written ahead of the next batch, or folded from here. */
  private unwritten: RequestRecord[] = [];
  private retryAt = 0;
  private readonly folder: JournalFolder;
  private readonly journal: JournalFile;
  private readonly mark: JournalFailureMark;
  private readonly clock: Clock;
  private readonly maxRowsInMemory: number;
  private readonly foldAtRows: number;

  constructor(
    sqlite: Database.Database,
    private readonly hooks: RequestLogHooks = {},
    opts: RequestLogOptions = {},
  ) {
    this.journal = new JournalFile(journalPathFor(sqlite.name), opts.write);
    this.folder = new JournalFolder(sqlite);
    this.mark = new JournalFailureMark(this.journal.path);
    this.clock = opts.clock ?? systemClock;
    this.maxRowsInMemory = opts.maxRowsInMemory ?? MAX_ROWS_IN_MEMORY;
    this.foldAtRows = opts.foldAtRows ?? FOLD_AT_ROWS;
  }

  /**
   * Resolves with true once the record's line is written, with false when the disk refused it; `ifUnwritten` gives
   * the row to keep then (what the client is told instead of success).
   */
  append(record: RequestRecord, ifUnwritten?: () => RequestRecord): Promise<boolean> {
    return new Promise((resolve) => {
      this.pending.push({ record, ifUnwritten, resolve });
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
    let records: RequestRecord[] = new Array(batch.length);
    let lines = '';
    for (let i = 0; i < batch.length; i++) {
      const record = (batch[i] as Pending).record;
      records[i] = record;
      lines += journalLine(record);
    }
    const before = this.unfolded;
    this.unfolded += batch.length;
    if (before < this.foldAtRows && this.unfolded >= this.foldAtRows) this.hooks.onBacklog?.();
    const written = this.write(lines);
    if (!written) {
      records = batch.map((b) => (b.ifUnwritten ? b.ifUnwritten() : b.record));
      this.keepInMemory(records);
    }
    try {
      this.hooks.onJournaled?.(records);
    } catch (err) {
      this.hooks.onError?.(err);
    } finally {
      for (const b of batch) b.resolve(written);
    }
  };

  /**
   * The fold's timer calls this: an unwritable journal is tried again once `JOURNAL_RETRY_MS` has passed since its last
   * failure, with the rows waiting in memory or, when there are none, with a probe of the headroom it needs.
   */
  retryWrite(): void {
    if (this.health.writable || this.clock.now() < this.retryAt) return;
    if (this.unwritten.length > 0) {
      this.write('');
      return;
    }
    try {
      this.journal.probe(HEADROOM_BYTES);
    } catch (err) {
      this.failed(err);
      return;
    }
    this.recovered();
  }

  /**
   * Folds every journaled row into SQLite in one transaction, then empties the journal; returns how many rows.
   * Throws, with everything still journaled, when the database refuses the fold.
   */
  fold(): number {
    if (this.unfolded === 0) return 0;
    const lines = this.journal.read() + this.unwrittenLines();
    try {
      this.folder.fold(parseJournalLines(lines));
    } catch {
      // A line that is not what `flush` wrote (the file was damaged) fails the whole text: fold line by line without
      // it. A database that refuses the fold throws again here.
      const { skipped } = this.folder.foldLines(lines.split('\n'));
      if (skipped > 0) this.hooks.onError?.(new Error(`skipped ${skipped} unreadable line(s) in the request journal`));
    }
    this.journal.clear();
    this.unwritten = [];
    this.health.rowsInMemory = 0;
    // The emptied journal moved the offset a failed write would leave its remains at.
    if (!this.health.writable) this.recordFailure(this.health.lastError ?? 'unknown');
    const folded = this.unfolded;
    this.unfolded = 0;
    return folded;
  }

  /**
   * Start-up, before anything reads the request log or the ledger: folds what the previous run journaled and did not
   * fold (it was killed, or the machine lost power), then empties the journal. Folding is idempotent per request id,
   * so a crash between a fold and the journal's truncation replays nothing twice. Bytes past a failed write's offset
   * are that write's remains: their whole lines are rows whose clients were told the answer failed, folded as such.
   */
  replay(): ReplayResult {
    const backfilled = this.folder.ops.backfillIfEmpty();
    const failedWrite = this.mark.read();
    const bytes = this.journal.readBytes();
    const cut = failedWrite ? Math.min(failedWrite.offset, bytes.length) : bytes.length;
    const file = this.folder.foldLines(bytes.toString('utf8', 0, cut).split('\n'));
    const remains = this.folder.foldLines(bytes.toString('utf8', cut).split('\n'), (row) =>
      markUnrecorded(row, JOURNAL_UNWRITABLE, UNRECORDED_MESSAGE),
    );
    this.journal.clear();
    this.mark.clear();
    return {
      replayed: file.replayed + remains.replayed,
      skipped: file.skipped,
      tornByFailedWrite: remains.skipped,
      failedWrite,
      ...(backfilled ? { backfilled } : {}),
    };
  }

  /** Releases the journal file (after a final flush and fold). */
  close(): void {
    this.journal.close();
    this.mark.close();
  }

  /** Writes the rows waiting in memory and then `lines`; false when the disk refuses them (all wait in memory then). */
  private write(lines: string): boolean {
    const waiting = this.unwritten.length > 0 ? this.unwrittenLines() : '';
    try {
      this.journal.append(waiting + lines);
    } catch (err) {
      this.failed(err);
      return false;
    }
    if (waiting !== '') {
      this.unwritten = [];
      this.health.rowsInMemory = 0;
    }
    if (!this.health.writable) this.recovered();
    return true;
  }

  private unwrittenLines(): string {
    let lines = '';
    for (const r of this.unwritten) lines += journalLine(r);
    return lines;
  }

  /** Rows whose write failed wait here; past the bound the oldest are dropped, counted and reported. */
  private keepInMemory(records: readonly RequestRecord[]): void {
    for (const r of records) this.unwritten.push(r);
    const over = this.unwritten.length - this.maxRowsInMemory;
    if (over > 0) {
      this.unwritten.splice(0, over);
      this.unfolded -= over;
      this.health.rowsLost += over;
      this.hooks.onError?.(
        new Error(`dropped ${over} request log row(s): the journal cannot be written and ${this.maxRowsInMemory} wait`),
      );
    }
    this.health.rowsInMemory = this.unwritten.length;
  }

  private failed(err: unknown): void {
    const h = this.health;
    const now = this.clock.now();
    h.writeFailures++;
    h.lastError = errorCode(err);
    this.retryAt = now + JOURNAL_RETRY_MS;
    if (h.writable) {
      h.writable = false;
      h.since = now;
      this.hooks.onWritableChange?.(false, err);
    }
    this.recordFailure(h.lastError);
  }

  /** The mark start-up reads: where this failure's remains start. */
  private recordFailure(code: string): void {
    try {
      this.mark.record({ offset: this.journal.end, code, since: this.health.since ?? this.clock.now() });
    } catch (err) {
      this.hooks.onError?.(new Error(`could not record the failed journal write beside it: ${String(err)}`));
    }
  }

  private recovered(): void {
    const h = this.health;
    h.writable = true;
    h.since = null;
    try {
      this.mark.clear();
    } catch (err) {
      this.hooks.onError?.(err);
    }
    this.hooks.onWritableChange?.(true);
  }
}
