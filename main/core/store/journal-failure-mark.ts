// Remembers, beside the journal, that its last write failed (where, why, since when), so start-up can tell a full disk from a power loss.
import { closeSync, constants, fstatSync, openSync, readSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The mark's file name in the data directory. */
import { JOURNAL_FAILURE_FILE } from '../db/data-dir-files';

export { JOURNAL_FAILURE_FILE };

/** A failed journal write as the mark keeps it. */
export interface FailedJournalWrite {
  /** The journal offset the failed write started at: bytes from here on are that write's torn remains. */
  offset: number;
  /** The error code (ENOSPC, EIO…) or `unknown`. */
  code: string;
  /** When the journal first failed (ms since the epoch). */
  since: number;
}

/**
 * The mark is written in place into bytes allocated when the file was created, so recording a failure needs no new
 * space on the full disk it reports (true of ext4, xfs and tmpfs; a copy-on-write file system such as btrfs or ZFS
 * may refuse even that, and start-up then cannot tell the two causes apart). Blank means the last write succeeded.
 * Written only when the journal's state changes, never per request.
 */
export class JournalFailureMark {
  static readonly SIZE = 256;
  private readonly fd: number;
  private recorded: FailedJournalWrite | null;

  constructor(journalPath: string) {
    const path = join(dirname(journalPath), JOURNAL_FAILURE_FILE);
    this.fd = openSync(path, constants.O_RDWR | constants.O_CREAT, 0o600);
    this.recorded = this.read();
    if (fstatSync(this.fd).size < JournalFailureMark.SIZE) {
      try {
        this.writeText(this.recorded ? JSON.stringify(this.recorded) : '');
      } catch {
        // A disk already full at start: `record` tries again in place and reports it when that fails too.
      }
    }
  }

  /** What the previous run left: its journal's last write failed, or null. */
  read(): FailedJournalWrite | null {
    const text = this.readText().trim();
    if (text === '') return null;
    try {
      const v = JSON.parse(text) as Partial<FailedJournalWrite>;
      if (typeof v.offset === 'number' && typeof v.code === 'string' && typeof v.since === 'number') {
        return { offset: v.offset, code: v.code, since: v.since };
      }
    } catch {
      // A mark torn by a power loss says nothing reliable.
    }
    return null;
  }

  /** Records a failed write (a no-op when the same one is recorded); throws when even the mark cannot be written. */
  record(failure: FailedJournalWrite): void {
    const r = this.recorded;
    if (r && r.offset === failure.offset && r.code === failure.code) return;
    this.writeText(JSON.stringify(r ? { ...failure, since: r.since } : failure));
    this.recorded = r ? { ...failure, since: r.since } : failure;
  }

  /** The journal is written again (or was replayed): nothing to report. */
  clear(): void {
    if (this.recorded === null) return;
    this.writeText('');
    this.recorded = null;
  }

  close(): void {
    closeSync(this.fd);
  }

  private writeText(text: string): void {
    const bytes = Buffer.alloc(JournalFailureMark.SIZE, 0x20);
    bytes.write(text.slice(0, JournalFailureMark.SIZE - 1));
    bytes[JournalFailureMark.SIZE - 1] = 0x0a;
    writeSync(this.fd, bytes, 0, bytes.length, 0);
  }

  private readText(): string {
    const buffer = Buffer.alloc(JournalFailureMark.SIZE);
    const n = readSync(this.fd, buffer, 0, buffer.length, 0);
    return buffer.toString('utf8', 0, n);
  }
}
