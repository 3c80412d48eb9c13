import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../main/core/db/connection';
import { resourcePath } from '../../main/core/resources';
import { PROVIDER_DEFAULTS } from '../../shared/api-schemas';

/** A migrations folder holding only the first `n` migrations (journal trimmed to match). */
function firstMigrations(n: number): string {
  const src = resourcePath('migrations');
  const dir = mkdtempSync(join(tmpdir(), 'cchub-mig-'));
  cpSync(src, dir, { recursive: true });
  const journalPath = join(dir, 'meta/_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: unknown[] };
  journal.entries = journal.entries.slice(0, n);
  writeFileSync(journalPath, JSON.stringify(journal));
  return dir;
}

describe('migrations', () => {
  it('0002 keeps ledger rows while dropping AUTOINCREMENT; 0005 drops the journal table nothing writes', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cchub-mig-data-'));
    const sqlite = new Database(join(dataDir, 'cchub.sqlite'));
    migrate(drizzle(sqlite), { migrationsFolder: firstMigrations(2) });
    sqlite
      .prepare("INSERT INTO usage_ledger (at, user_id, key_id, provider_id, cost_usd) VALUES (5, 'u', 'k', 'p', 0.25)")
      .run();
    expect(sqlite.prepare("SELECT count(*) AS n FROM sqlite_sequence WHERE name = 'usage_ledger'").get()).toEqual({
      n: 1,
    });
    sqlite.close();

    const db = openDatabase(dataDir);
    try {
      const ddl = db.sqlite
        .prepare("SELECT name, sql FROM sqlite_master WHERE name IN ('request_journal', 'usage_ledger')")
        .all() as { name: string; sql: string }[];
      expect(ddl.map((t) => t.name)).toEqual(['usage_ledger']);
      expect(ddl[0]?.sql).not.toMatch(/AUTOINCREMENT/i);
      expect(db.sqlite.prepare('SELECT at, cost_usd FROM usage_ledger').all()).toEqual([{ at: 5, cost_usd: 0.25 }]);
      // New rows carry on after the kept ones.
      db.sqlite
        .prepare("INSERT INTO usage_ledger (at, user_id, key_id, provider_id, cost_usd) VALUES (6, 'u', 'k', 'p', 1)")
        .run();
      expect(db.sqlite.prepare('SELECT max(seq) AS m FROM usage_ledger').get()).toEqual({ m: 2 });
    } finally {
      db.close();
    }
  });

  it('0004 moves providers still on the old default timeouts to the new ones and keeps chosen ones', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cchub-mig-data-'));
    const sqlite = new Database(join(dataDir, 'cchub.sqlite'));
    migrate(drizzle(sqlite), { migrationsFolder: firstMigrations(4) });
    const insert = sqlite.prepare(
      `INSERT INTO providers (id, name, type, base_url, secret_ciphertext, secret_hint, breaker, timeouts, created_at,
       updated_at) VALUES (?, ?, 'anthropic', 'http://x', 'c', 'h', '{}', ?, 0, 0)`,
    );
    insert.run('prv_old', 'old', '{"connectMs":30000,"firstByteMs":0,"idleMs":300000,"totalMs":600000}');
    const chosen = '{"connectMs":30000,"firstByteMs":0,"idleMs":300000,"totalMs":900000}';
    insert.run('prv_chosen', 'chosen', chosen);
    sqlite.close();

    const db = openDatabase(dataDir);
    try {
      const rows = db.sqlite.prepare('SELECT id, timeouts FROM providers ORDER BY id').all() as {
        id: string;
        timeouts: string;
      }[];
      expect(Object.fromEntries(rows.map((r) => [r.id, JSON.parse(r.timeouts)]))).toEqual({
        prv_chosen: JSON.parse(chosen),
        prv_old: PROVIDER_DEFAULTS.timeouts,
      });
    } finally {
      db.close();
    }
  });

  it('the folder holds every migration the journal lists', () => {
    const dir = resourcePath('migrations');
    const journal = JSON.parse(readFileSync(join(dir, 'meta/_journal.json'), 'utf8')) as {
      entries: { tag: string }[];
    };
    const files = readdirSync(dir).filter((f) => f.endsWith('.sql'));
    expect(journal.entries.map((e) => `${e.tag}.sql`).sort()).toEqual(files.sort());
  });
});
