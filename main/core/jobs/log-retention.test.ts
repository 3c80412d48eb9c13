// Log retention: deletes old request rows in batches by the injected clock; rollups and the usage ledger stay.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { logRecords, record } from '../../../test/api/records';
import { ManualClock } from '../clock';
import { type Database_, openDatabase } from '../db/connection';
import { createLogger } from '../logger';
import { SqliteRequests } from '../store/requests';
import { LogRetention } from './log-retention';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 2, 1, 12);
let dir: string;
let db: Database_;
let clock: ManualClock;
const logLines: string[] = [];
const logger = createLogger('info', (l) => logLines.push(l));

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cchub-retention-'));
  db = openDatabase(dir);
  clock = new ManualClock(NOW);
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const count = (sql: string) => (db.sqlite.prepare(sql).get() as { n: number }).n;
const snapshot = () => ({
  hourly: db.sqlite.prepare('SELECT * FROM usage_hourly ORDER BY hour, user_id, key_id, provider_id, model').all(),
  ledger: db.sqlite.prepare('SELECT * FROM usage_ledger ORDER BY seq').all(),
});

/** `n` requests `ageDays` old (spread over an hour), billed, for one user. */
function seed(ageDays: number, n: number): void {
  logRecords(
    db.sqlite,
    Array.from({ length: n }, (_, i) =>
      record({
        createdAt: clock.now() - ageDays * DAY + i * 1000,
        userId: 'usr_a',
        keyId: 'key_a',
        providerId: 'prv_a',
      }),
    ),
  );
}

describe('LogRetention', () => {
  test('deletes only rows older than the retention, in batches, and never rollups or the ledger', async () => {
    seed(45, 230);
    seed(31, 20);
    seed(29, 15);
    seed(1, 5);
    const before = snapshot();
    expect(count('SELECT count(*) AS n FROM requests')).toBe(270);
    expect(before.ledger.length).toBe(270);

    const job = new LogRetention(new SqliteRequests(db.db, db.sqlite), clock, () => 30, logger, { batchSize: 50 });
    const deleted = await job.runOnce();

    expect(deleted).toBe(250);
    expect(count('SELECT count(*) AS n FROM requests')).toBe(20);
    expect(count(`SELECT count(*) AS n FROM requests WHERE created_at < ${NOW - 30 * DAY}`)).toBe(0);
    expect(snapshot()).toEqual(before);
    expect(logLines.join('')).toContain('deleted 250 request(s) older than 30 day(s)');
  });

  test('the cutoff follows the injected clock and the retention setting, read at each run', async () => {
    seed(10, 3);
    let days = 30;
    const job = new LogRetention(new SqliteRequests(db.db, db.sqlite), clock, () => days, logger);
    expect(await job.runOnce()).toBe(0);
    clock.advance(21 * DAY); // the rows are now 31 days old
    expect(await job.runOnce()).toBe(3);

    seed(5, 4);
    days = 7;
    expect(await job.runOnce()).toBe(0); // 5 days old
    days = 4;
    expect(await job.runOnce()).toBe(4);
  });

  test('retention 0 keeps everything', async () => {
    seed(400, 3);
    expect(await new LogRetention(new SqliteRequests(db.db, db.sqlite), clock, () => 0, logger).runOnce()).toBe(0);
    expect(count('SELECT count(*) AS n FROM requests')).toBe(3);
  });

  test('runs daily: first after the start delay, then every 24 h of the clock', async () => {
    seed(40, 2);
    const job = new LogRetention(new SqliteRequests(db.db, db.sqlite), clock, () => 30, logger, {
      firstRunAfterMs: 60_000,
    });
    expect(await job.tick()).toBe(0); // not due yet
    clock.advance(60_000);
    expect(await job.tick()).toBe(2);
    seed(30, 1); // 30 days old: deleted once a little more time has passed
    clock.advance(1000);
    expect(await job.tick()).toBe(0); // ran less than a day ago
    clock.advance(DAY);
    expect(await job.tick()).toBe(1);
    expect(job.dueAt).toBe(clock.now() + DAY);
  });

  test('a batch walks the created_at index', () => {
    const plan = db.sqlite
      .prepare('EXPLAIN QUERY PLAN SELECT rowid FROM requests WHERE created_at < ? ORDER BY created_at LIMIT ?')
      .all(0, 1) as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/requests_created_idx/);
  });
});
