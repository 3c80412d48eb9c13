import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type Database_, openDatabase } from '../../main/core/db/connection';
import { JournalFolder } from '../../main/core/jobs/journal-fold';
import { RequestLog } from '../../main/core/store/request-log';
import type { RequestRecord } from '../../main/core/store/request-record';

let db: Database_ | undefined;
afterEach(() => db?.close());

const record = (id: string, over: Partial<RequestRecord> = {}): RequestRecord => ({
  id,
  createdAt: Date.UTC(2026, 0, 5, 10, 30),
  userId: 'u1',
  keyId: 'k1',
  providerId: 'p1',
  format: 'anthropic',
  endpoint: 'messages',
  model: 'claude-x',
  upstreamModel: 'claude-x',
  stream: true,
  status: 200,
  errorClass: null,
  errorMessage: null,
  blockedBy: null,
  ttfbMs: 10,
  durationMs: 100,
  inputTokens: 10,
  outputTokens: 5,
  cacheWrite5mTokens: 1,
  cacheWrite1hTokens: 2,
  cacheReadTokens: 3,
  costUsd: 0.5,
  cacheSavingsUsd: 0.01,
  billed: true,
  sessionId: 's',
  userAgent: 'ua',
  clientIp: '127.0.0.1',
  decisionChain: [{ at: 0, kind: 'candidates', reason: 'p1' }],
  ...over,
});

const count = (sql: string) => ((db as Database_).sqlite.prepare(sql).get() as { n: number }).n;

describe('RequestLog + JournalFolder', () => {
  it('group-commits one journal row per request, resolving after the commit; the fold adds one ledger row per billed one', async () => {
    db = openDatabase(mkdtempSync(join(tmpdir(), 'cchub-log-')));
    const committed: number[] = [];
    const log = new RequestLog(db.sqlite, { onCommitted: (rs) => committed.push(rs.length) });
    const pending = [log.append(record('r1')), log.append(record('r2')), log.append(record('r3', { billed: false }))];
    expect(count('SELECT count(*) AS n FROM request_journal')).toBe(0);
    await Promise.all(pending);
    expect(committed).toEqual([3]);
    expect(count('SELECT count(*) AS n FROM request_journal')).toBe(3);
    expect(count('SELECT count(*) AS n FROM usage_ledger')).toBe(0);
    new JournalFolder((db as Database_).sqlite).foldAll();
    expect(count('SELECT count(*) AS n FROM usage_ledger')).toBe(2);
  });

  it('folds the journal into requests and hourly rollups exactly once, even when replayed', async () => {
    db = openDatabase(mkdtempSync(join(tmpdir(), 'cchub-log-')));
    const log = new RequestLog(db.sqlite);
    await Promise.all([log.append(record('r1')), log.append(record('r2', { status: 500, costUsd: null }))]);
    const folder = new JournalFolder(db.sqlite);
    expect(folder.foldAll()).toBe(2);
    // Simulate a crash after a fold's insert but before its journal delete: r1 is back in the journal, here in the
    // keyed form earlier versions wrote (start-up rewrites those rows into the positional form first).
    db.sqlite.prepare('INSERT INTO request_journal (payload) VALUES (?)').run(JSON.stringify(record('r1')));
    expect(folder.foldAll()).toBe(1);
    expect(count('SELECT count(*) AS n FROM request_journal')).toBe(0);
    expect(count('SELECT count(*) AS n FROM requests')).toBe(2);
    expect(count('SELECT count(*) AS n FROM usage_ledger')).toBe(1); // r1 once; r2 had no cost
    const rollup = db.sqlite.prepare('SELECT * FROM usage_hourly').all() as Record<string, number>[];
    expect(rollup).toHaveLength(1);
    expect(rollup[0]).toMatchObject({
      hour: Date.UTC(2026, 0, 5, 10),
      requests: 2,
      errors: 1,
      input_tokens: 20,
      cache_read_tokens: 6,
      cost_usd: 0.5,
      cache_savings_usd: 0.02,
      duration_ms_sum: 200,
      ttfb_ms_sum: 20,
    });
    // The ledger row: r1 only (r2 had no cost), charged when the request finished.
    expect(db.sqlite.prepare('SELECT at, user_id, key_id, provider_id, cost_usd FROM usage_ledger').all()).toEqual([
      { at: Date.UTC(2026, 0, 5, 10, 30) + 100, user_id: 'u1', key_id: 'k1', provider_id: 'p1', cost_usd: 0.5 },
    ]);
    const row = db.sqlite.prepare("SELECT decision_chain, stream FROM requests WHERE id = 'r1'").get() as {
      decision_chain: string;
      stream: number;
    };
    expect(JSON.parse(row.decision_chain)).toEqual([{ at: 0, kind: 'candidates', reason: 'p1' }]);
    expect(row.stream).toBe(1);
  });

  it("records each key's last use, never moving it back", async () => {
    db = openDatabase(mkdtempSync(join(tmpdir(), 'cchub-log-')));
    const now = Date.UTC(2026, 0, 5, 10, 30);
    db.sqlite.prepare("INSERT INTO users (id, name, created_at, updated_at) VALUES ('u1', 'u', 0, 0)").run();
    db.sqlite
      .prepare(
        "INSERT INTO keys (id, user_id, name, key_hash, prefix, created_at, updated_at) VALUES ('k1', 'u1', 'k', 'h', 'p', 0, 0)",
      )
      .run();
    const log = new RequestLog(db.sqlite);
    await Promise.all([
      log.append(record('a', { createdAt: now })),
      log.append(record('b', { createdAt: now - 5000 })),
    ]);
    const folder = new JournalFolder(db.sqlite);
    folder.foldAll();
    const lastUsed = () =>
      ((db as Database_).sqlite.prepare("SELECT last_used_at AS t FROM keys WHERE id = 'k1'").get() as { t: number }).t;
    expect(lastUsed()).toBe(now);
    await log.append(record('c', { createdAt: now - 60_000 }));
    folder.foldAll();
    expect(lastUsed()).toBe(now);
  });
});
