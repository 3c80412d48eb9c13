// Durable request logging: one narrow journal row per finished request, group-committed per event-loop turn (SPEC §7).
import type Database from 'better-sqlite3';
import { encodeJournalRow } from './journal-row';
import type { RequestRecord } from './request-record';

export interface RequestLogHooks {
  /** Called after a batch is durable (the in-memory quota windows and stats listen here). */
  onCommitted?(records: readonly RequestRecord[]): void;
  onError?(err: unknown): void;
}

/**
 * `append` resolves once the record's journal row is committed. Every record appended in the same event-loop turn
 * shares one transaction; the relay sends the answer's last bytes after it. The journal row carries everything the
 * usage ledger needs: the fold writes the ledger row together with the indexed request row, exactly once, and a
 * start-up replays the journal before the quota windows are rebuilt from the ledger.
 */
export class RequestLog {
  private pending: { record: RequestRecord; resolve: () => void }[] = [];
  private scheduled = false;
  private readonly insertJournal: Database.Statement;
  private readonly commitBatch: (batch: { record: RequestRecord }[]) => void;

  constructor(
    sqlite: Database.Database,
    private readonly hooks: RequestLogHooks = {},
  ) {
    this.insertJournal = sqlite.prepare('INSERT INTO request_journal (payload) VALUES (?)');
    this.commitBatch = sqlite.transaction((batch: { record: RequestRecord }[]) => {
      for (const { record: r } of batch) this.insertJournal.run(encodeJournalRow(r));
    });
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

  /** Commits everything pending now (also used at shutdown). */
  readonly flush = (): void => {
    this.scheduled = false;
    const batch = this.pending;
    if (batch.length === 0) return;
    this.pending = [];
    try {
      this.commitBatch(batch);
      this.hooks.onCommitted?.(batch.map((b) => b.record));
    } catch (err) {
      this.hooks.onError?.(err);
    } finally {
      // Resolve even on a failed commit: the client's answer must not hang on the log; the error is reported.
      for (const b of batch) b.resolve();
    }
  };
}
