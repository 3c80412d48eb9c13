// One hub per data directory: an OS file lock (held through SQLite) that a second hub on the same directory runs into.
import { join } from 'node:path';
import Database from 'better-sqlite3';
/** The lock file in the data directory (a tiny SQLite file; its lock, not its content, is what matters). */
import { LOCK_FILE } from './data-dir-files';
import { createPrivateFile, secureDataDir } from './data-dir-permissions';

export { LOCK_FILE };

export interface DataDirLock {
  release(): void;
}

/**
 * Takes the data directory for this process, or throws naming the directory when another hub holds it. The lock is
 * SQLite's own exclusive file lock (fcntl on Unix, LockFileEx on Windows), kept by `locking_mode = EXCLUSIVE` until
 * the connection closes: the OS drops it when the process dies, so a crash never leaves a stale lock behind. The
 * request journal relies on it: two processes appending to and truncating one journal file would lose lines.
 */
export function lockDataDir(dataDir: string): DataDirLock {
  secureDataDir(dataDir);
  const file = join(dataDir, LOCK_FILE);
  createPrivateFile(file);
  const db = new Database(file, { timeout: 0 });
  try {
    db.pragma('journal_mode = MEMORY'); // no cchub.lock-journal file beside it while the hub runs
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE; CREATE TABLE IF NOT EXISTS held (pid INTEGER); COMMIT');
  } catch (err) {
    db.close();
    if ((err as { code?: string }).code === 'SQLITE_BUSY') {
      throw new Error(`the data directory ${dataDir} is in use by another cchub process`);
    }
    throw err;
  }
  let held = true;
  return {
    release() {
      if (!held) return;
      held = false;
      db.close();
    },
  };
}
