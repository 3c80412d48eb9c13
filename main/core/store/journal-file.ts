// The request journal on disk: finished requests appended as JSON lines beside the database, emptied after each fold.
import { closeSync, constants, fstatSync, ftruncateSync, openSync, readSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The journal's file name in the data directory. */
export const JOURNAL_FILE = 'request-journal.ndjson';

/** The journal that belongs to a database file: the same directory. */
export function journalPathFor(databaseFile: string): string {
  if (databaseFile === '' || databaseFile === ':memory:') {
    throw new Error('the request journal lives beside a database file; this database has none');
  }
  return join(dirname(databaseFile), JOURNAL_FILE);
}

/**
 * One `write` per batch at an explicit offset, no fsync: like SQLite's WAL with synchronous=NORMAL, an appended line
 * survives the process being killed (it is in the OS page cache), and a power loss can at worst tear the last lines.
 * Writes go to tracked offsets rather than O_APPEND, so a write that failed part-way is overwritten by the next one,
 * and the file can be truncated on every platform (Windows does not allow truncating an append-only handle).
 * One process owns the file: the hub that opened it.
 */
export class JournalFile {
  private readonly fd: number;
  private size: number;

  constructor(readonly path: string) {
    this.fd = openSync(path, constants.O_RDWR | constants.O_CREAT, 0o600);
    this.size = fstatSync(this.fd).size;
  }

  /** Appends text made of whole lines; throws when the disk refuses it. */
  append(text: string): void {
    const bytes = Buffer.byteLength(text);
    let written = writeSync(this.fd, text, this.size);
    if (written < bytes) {
      // A short write (a nearly full disk): write the rest from the encoded bytes, or throw trying.
      const buffer = Buffer.from(text);
      while (written < bytes) written += writeSync(this.fd, buffer, written, bytes - written, this.size + written);
    }
    this.size += bytes;
  }

  /** Everything appended and not yet cleared, as text (at start-up: the whole file, a torn last line included). */
  read(): string {
    if (this.size === 0) return '';
    const buffer = Buffer.allocUnsafe(this.size);
    let got = 0;
    while (got < this.size) {
      const n = readSync(this.fd, buffer, got, this.size - got, got);
      if (n === 0) break;
      got += n;
    }
    return buffer.toString('utf8', 0, got);
  }

  /** Empties the journal: everything in it has been folded. */
  clear(): void {
    ftruncateSync(this.fd, 0);
    this.size = 0;
  }

  close(): void {
    closeSync(this.fd);
  }
}
