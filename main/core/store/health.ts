// What /readyz asks of the SQLite engine: does the file answer, and have the migrations run.
import type Database from 'better-sqlite3';
import { migrationsApplied } from '../db/connection';
import type { HealthRepository } from './repositories';

export class SqliteHealth implements HealthRepository<'sync'> {
  constructor(private readonly sqlite: Database.Database) {}

  probe(): { database: 'ok' | 'unreachable'; migrations: 'applied' | 'missing' } {
    try {
      this.sqlite.prepare('SELECT 1').get();
      return { database: 'ok', migrations: migrationsApplied(this.sqlite) ? 'applied' : 'missing' };
    } catch {
      return { database: 'unreachable', migrations: 'missing' };
    }
  }
}
