// Opens the hub's SQLite file (WAL, synchronous=NORMAL, checkpoints left to db/checkpointer) and applies migrations.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { type BetterSQLite3Database, drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { resourcePath } from '../resources';
import { createPrivateFile, secureDataDir } from './data-dir-permissions';
import * as schema from './schema';

export type Db = BetterSQLite3Database<typeof schema>;

export interface Database_ {
  /** Absolute path of the SQLite file. */
  file: string;
  sqlite: Database.Database;
  db: Db;
  /** A passive WAL checkpoint on this connection (the hub leaves routine checkpoints to db/checkpointer). */
  checkpoint(): void;
  close(): void;
}

import { DB_FILE } from './data-dir-files';

export { DB_FILE };

export function openDatabase(dataDir: string, migrationsFolder = resourcePath('migrations')): Database_ {
  secureDataDir(dataDir);
  const file = join(dataDir, DB_FILE);
  createPrivateFile(file);
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('wal_autocheckpoint = 0');
  sqlite.pragma('cache_size = -2000');
  sqlite.pragma('temp_store = MEMORY');
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder });
  return {
    file,
    sqlite,
    db,
    checkpoint: () => {
      sqlite.pragma('wal_checkpoint(PASSIVE)');
    },
    close: () => {
      try {
        sqlite.pragma('wal_checkpoint(TRUNCATE)');
      } finally {
        sqlite.close();
      }
    },
  };
}

/** Brings another database file (a backup's copy) to this build's schema. */
export function migrateFile(sqlite: Database.Database, migrationsFolder = resourcePath('migrations')): void {
  migrate(drizzle(sqlite, { schema }), { migrationsFolder });
}

/** True when every migration in the folder has been applied (used by /readyz). */
export function migrationsApplied(sqlite: Database.Database): boolean {
  try {
    const row = sqlite.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as { n: number };
    return row.n > 0;
  } catch {
    return false;
  }
}
