// Keeps the data directory the user's alone: the directory 0700, every file the hub keeps in it 0600 (POSIX only).
import { chmodSync, closeSync, lstatSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { HUB_FILES } from './data-dir-files';

/**
 * Creates the directory 0700, or makes an existing one (an older hub made it 0755, its files 0644) 0700 with its hub
 * files 0600: they hold every prompt's metadata, hashed keys, encrypted provider secrets and their key. Only the hub's
 * own files are touched, never anything else a user keeps there. Windows has no such modes; its ACLs stay as they are.
 */
export function secureDataDir(dataDir: string): void {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (process.platform === 'win32') return;
  chmodSync(dataDir, 0o700);
  for (const name of HUB_FILES) {
    const path = join(dataDir, name);
    let isFile = false;
    try {
      isFile = lstatSync(path).isFile();
    } catch {
      continue; // not there (yet)
    }
    if (isFile) chmodSync(path, 0o600);
  }
}

/**
 * Creates `path` empty with mode 0600 unless it exists: SQLite would create it 0644, and it gives the database's WAL and
 * shared-memory files the database file's own mode.
 */
export function createPrivateFile(path: string): void {
  closeSync(openSync(path, 'a', 0o600));
}
