// The names of the files the hub keeps in its data directory, in one place (the modules that own them, and the
// permission fix that covers them all, read them from here).

export const DB_FILE = 'cchub.sqlite';
export const LOCK_FILE = 'cchub.lock';
export const JOURNAL_FILE = 'request-journal.ndjson';
export const JOURNAL_FAILURE_FILE = 'request-journal.failed';
export const KEY_FILE = 'secret.key';
export const ADMIN_TOKEN_FILE = 'admin-token';

/** Every file the hub keeps in its data directory, SQLite's WAL, shared-memory and rollback files included. */
export const HUB_FILES: readonly string[] = [
  DB_FILE,
  `${DB_FILE}-wal`,
  `${DB_FILE}-shm`,
  `${DB_FILE}-journal`,
  LOCK_FILE,
  JOURNAL_FILE,
  JOURNAL_FAILURE_FILE,
  KEY_FILE,
  ADMIN_TOKEN_FILE,
];
