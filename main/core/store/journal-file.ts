// The request journal on disk: finished requests appended as JSON lines beside the database, emptied after each fold.
import { closeSync, constants, fstatSync, ftruncateSync, openSync, readSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The journal's file name in the data directory. */
import { JOURNAL_FILE } from '../db/data-dir-files';

export { JOURNAL_FILE };

/** The journal that belongs to a database file: the same directory. */
export function journalPathFor(databaseFile: string): string {
  if (databaseFile === '' || databaseFile === ':memory:') {
    throw new Error('the request journal lives beside a database file; this database has none');
  }
  return join(dirname(databaseFile), JOURNAL_FILE);
}

/**
 * A positional write (`pwrite`): writes the text (as UTF-8) or bytes at `position`, returns how many bytes it wrote,
 * throws when the disk refuses them. Injectable so tests can make the disk fail (ENOSPC, EIO) part-way through a write.
 */
export type JournalWrite = (fd: number, data: string | Buffer, position: number) => number;

export const diskWrite: JournalWrite = (fd, data, position) =>
  typeof data === 'string' ? writeSync(fd, data, position) : writeSync(fd, data, 0, data.length, position);

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

  constructor(
    readonly path: string,
    private readonly write: JournalWrite = diskWrite,
  ) {
    this.fd = openSync(path, constants.O_RDWR | constants.O_CREAT, 0o600);
    this.size = fstatSync(this.fd).size;
  }

  /** Where the next append starts: a failed append leaves its torn bytes from here on, for the next one to overwrite. */
  get end(): number {
    return this.size;
  }

  /** Appends text made of whole lines; throws when the disk refuses any of it (the end stays where it was). */
  append(text: string): void {
    if (text === '') return;
    const length = Buffer.byteLength(text);
    let written = this.write(this.fd, text, this.size);
    if (written < length) {
      // A short write (a nearly full disk): write the rest from the encoded bytes, or throw trying.
      const bytes = Buffer.from(text);
      while (written < length) written += this.write(this.fd, bytes.subarray(written), this.size + written);
    }
    this.size += length;
  }

  /**
   * Whether the disk takes `bytes` more at the journal's end: writes that many newlines there, then cuts them off
   * again (a blank line is no row, should a kill come in between). Throws like `append` when it does not.
   */
  probe(bytes: number): void {
    try {
      const filler = Buffer.alloc(bytes, 0x0a);
      let written = 0;
      while (written < bytes) written += this.write(this.fd, filler.subarray(written), this.size + written);
    } finally {
      try {
        ftruncateSync(this.fd, this.size);
      } catch {
        // Left as blank lines past the end: the next append overwrites them, a replay skips them.
      }
    }
  }

  /** Everything appended and not yet cleared, as text (at start-up: the whole file, a torn last line included). */
  read(): string {
    return this.readBytes().toString('utf8');
  }

  /** The same as bytes: a failed write's offset splits them exactly. */
  readBytes(): Buffer {
    if (this.size === 0) return Buffer.alloc(0);
    const buffer = Buffer.allocUnsafe(this.size);
    let got = 0;
    while (got < this.size) {
      const n = readSync(this.fd, buffer, got, this.size - got, got);
      if (n === 0) break;
      got += n;
    }
    return buffer.subarray(0, got);
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
