import { appendFileSync, closeSync, mkdtempSync, openSync, readFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { type Database_, openDatabase } from '../../main/core/db/connection';
import { JOURNAL_FILE, JournalFile } from '../../main/core/store/journal-file';
import { journalLine, journalRow, parseJournalLines, parseJournalRow } from '../../main/core/store/journal-row';
import { RequestLog } from '../../main/core/store/request-log';
import type { RequestRecord } from '../../main/core/store/request-record';

let db: Database_ | undefined;
afterEach(() => {
  db?.close();
  db = undefined;
});

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
const open = () => {
  const dir = mkdtempSync(join(tmpdir(), 'cchub-log-'));
  db = openDatabase(dir);
  return { dir, journal: join(dir, JOURNAL_FILE) };
};
const lines = (file: string) => readFileSync(file, 'utf8').split('\n').filter(Boolean);
/** A row as versions before the tab layout wrote it: one array, the decision chain after client_ip (text or nested). */
const previousLayout = (r: RequestRecord, nested = false) => {
  const row: unknown[] = journalRow(r).slice(0, -1);
  row.splice(25, 0, nested ? r.decisionChain : JSON.stringify(r.decisionChain));
  return JSON.stringify(row);
};
/** The request id a journal line carries: its first value. */
const idOf = (line: string) => JSON.parse(line.slice(0, line.indexOf('\t')))[0];

describe('RequestLog: the journal file and the fold', () => {
  it('writes one journal line per request, one write per turn, resolving after it; the fold empties the journal', async () => {
    const { journal } = open();
    const committed: number[] = [];
    const log = new RequestLog((db as Database_).sqlite, { onJournaled: (rs) => committed.push(rs.length) });
    const pending = [log.append(record('r1')), log.append(record('r2')), log.append(record('r3', { billed: false }))];
    expect(lines(journal)).toEqual([]);
    await Promise.all(pending);
    expect(committed).toEqual([3]);
    expect(lines(journal).map(idOf)).toEqual(['r1', 'r2', 'r3']);
    expect(count('SELECT count(*) AS n FROM requests')).toBe(0);
    expect(log.fold()).toBe(3);
    expect(lines(journal)).toEqual([]);
    expect(count('SELECT count(*) AS n FROM requests')).toBe(3);
    expect(count('SELECT count(*) AS n FROM usage_ledger')).toBe(2);
    // Lines written after a fold start the journal afresh.
    await log.append(record('r4'));
    expect(lines(journal).map(idOf)).toEqual(['r4']);
    log.close();
  });

  it('values and chains holding tabs, newlines, quotes and non-ASCII text come back from the journal as they went in', async () => {
    open();
    const odd = 'tab\there\nline "quoted" \\ ü 你好 \u2028';
    const chain = [{ at: 1, kind: 'filtered', providerId: 'p2', reason: `skipped:\t${odd}` }];
    const odder = record('odd', { userAgent: odd, errorMessage: odd, model: odd, decisionChain: chain as never });
    // The fold's fast reader takes the line apart at its tab: the same row the checked reader and the binder see.
    expect(parseJournalLines(journalLine(odder) + journalLine(odder))).toEqual([journalRow(odder), journalRow(odder)]);
    expect(parseJournalRow(journalLine(odder).slice(0, -1))).toEqual(journalRow(odder));
    const log = new RequestLog((db as Database_).sqlite);
    await log.append(odder);
    expect(log.fold()).toBe(1);
    log.close();
    const row = (db as Database_).sqlite
      .prepare("SELECT user_agent, error_message, model, decision_chain FROM requests WHERE id = 'odd'")
      .get() as { user_agent: string; error_message: string; model: string; decision_chain: string };
    expect({ ...row, decision_chain: JSON.parse(row.decision_chain) }).toEqual({
      user_agent: odd,
      error_message: odd,
      model: odd,
      decision_chain: chain,
    });
  });

  it('folds into requests and hourly rollups exactly once, even when a crash left folded rows in the journal', async () => {
    const { journal } = open();
    const sqlite = (db as Database_).sqlite;
    const log = new RequestLog(sqlite);
    await Promise.all([log.append(record('r1')), log.append(record('r2', { status: 500, costUsd: null }))]);
    const written = lines(journal);
    expect(log.fold()).toBe(2);
    log.close();
    // A crash after the fold's commit, before the journal's truncation: both lines are still there at start-up, and
    // neither is new to the request log.
    appendFileSync(journal, `${written.join('\n')}\n`);
    const again = new RequestLog(sqlite);
    expect(again.replay()).toEqual({ replayed: 0, skipped: 0 });
    again.close();
    expect(lines(journal)).toEqual([]);
    expect(count('SELECT count(*) AS n FROM requests')).toBe(2);
    expect(count('SELECT count(*) AS n FROM usage_ledger')).toBe(1); // r1 once; r2 had no cost
    const rollup = sqlite.prepare('SELECT * FROM usage_hourly').all() as Record<string, number>[];
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
    expect(sqlite.prepare('SELECT at, user_id, key_id, provider_id, cost_usd FROM usage_ledger').all()).toEqual([
      { at: Date.UTC(2026, 0, 5, 10, 30) + 100, user_id: 'u1', key_id: 'k1', provider_id: 'p1', cost_usd: 0.5 },
    ]);
    const row = sqlite.prepare("SELECT decision_chain, stream FROM requests WHERE id = 'r1'").get() as {
      decision_chain: string;
      stream: number;
    };
    expect(JSON.parse(row.decision_chain)).toEqual([{ at: 0, kind: 'candidates', reason: 'p1' }]);
    expect(row.stream).toBe(1);
  });

  it('start-up replays what a killed process journaled, skipping a torn last line', async () => {
    const { dir, journal } = open();
    const killed = new RequestLog((db as Database_).sqlite);
    await Promise.all([killed.append(record('a')), killed.append(record('b', { billed: false }))]);
    killed.close(); // no fold: the process died here, and its connection (with the staged rows) with it
    (db as Database_).sqlite.close();
    // Torn inside the decision chain, after the tab: the values parse, the chain does not.
    const torn = journalLine(record('torn', { decisionChain: [{ at: 0, kind: 'candidates', reason: 'p1, p2' }] }));
    appendFileSync(journal, torn.slice(0, torn.indexOf('\t') + 20));
    db = openDatabase(dir);
    const sqlite = db.sqlite;
    const next = new RequestLog(sqlite);
    expect(next.replay()).toEqual({ replayed: 2, skipped: 1 });
    expect(sqlite.prepare('SELECT id FROM requests ORDER BY id').pluck().all()).toEqual(['a', 'b']);
    expect(count('SELECT count(*) AS n FROM usage_ledger')).toBe(1);
    expect(lines(journal)).toEqual([]);
    next.close();
  });

  it('start-up replays the lines the previous layout wrote: the chain among the values, as text or nested', () => {
    const { journal } = open();
    const chain = [{ at: 3, kind: 'attempt', providerId: 'p1', status: 200 }];
    const text = previousLayout(record('as-text', { decisionChain: chain as never, cacheSavingsUsd: 0.25 }), false);
    const nested = previousLayout(record('nested', { decisionChain: chain as never, billed: false }), true);
    appendFileSync(journal, `${text}\n${nested}\n`);
    const log = new RequestLog((db as Database_).sqlite);
    expect(log.replay()).toEqual({ replayed: 2, skipped: 0 });
    log.close();
    const rows = (db as Database_).sqlite
      .prepare('SELECT id, client_ip, decision_chain, cache_savings_usd, billed FROM requests ORDER BY id')
      .all() as { decision_chain: string }[];
    expect(rows.map((r) => ({ ...r, decision_chain: JSON.parse(r.decision_chain) }))).toEqual([
      { id: 'as-text', client_ip: '127.0.0.1', decision_chain: chain, cache_savings_usd: 0.25, billed: 1 },
      { id: 'nested', client_ip: '127.0.0.1', decision_chain: chain, cache_savings_usd: 0.01, billed: 0 },
    ]);
  });

  it('start-up folds and empties the journal table earlier versions wrote, in both of their row forms', () => {
    open();
    const sqlite = (db as Database_).sqlite;
    const insert = sqlite.prepare('INSERT INTO request_journal (payload) VALUES (?)');
    insert.run(previousLayout(record('positional')));
    insert.run(JSON.stringify(record('keyed', { billed: false })));
    insert.run('{"torn":');
    const log = new RequestLog(sqlite);
    expect(log.replay()).toEqual({ replayed: 2, skipped: 1 }); // the torn row is reported like a torn journal line
    log.close();
    expect(sqlite.prepare('SELECT id, billed FROM requests ORDER BY id').all()).toEqual([
      { id: 'keyed', billed: 0 },
      { id: 'positional', billed: 1 },
    ]);
    expect(count('SELECT count(*) AS n FROM request_journal')).toBe(0);
    expect(count('SELECT count(*) AS n FROM usage_ledger')).toBe(1);
  });

  it('a fold that fails keeps its rows, and the journal, for the next one', async () => {
    const { journal } = open();
    const sqlite = (db as Database_).sqlite;
    const log = new RequestLog(sqlite);
    await log.append(record('kept'));
    sqlite.exec('ALTER TABLE usage_ledger RENAME TO usage_ledger_away');
    expect(() => log.fold()).toThrow(/usage_ledger/);
    expect(lines(journal)).toHaveLength(1);
    expect(count('SELECT count(*) AS n FROM requests')).toBe(0); // the transaction rolled back whole
    sqlite.exec('ALTER TABLE usage_ledger_away RENAME TO usage_ledger');
    expect(log.fold()).toBe(1);
    expect(count('SELECT count(*) AS n FROM requests')).toBe(1);
    expect(count('SELECT count(*) AS n FROM usage_ledger')).toBe(1);
    expect(lines(journal)).toEqual([]);
    log.close();
  });

  it('a damaged journal line costs that line only; the rest still folds, and the damage is reported', async () => {
    const { journal } = open();
    const errors: string[] = [];
    const log = new RequestLog((db as Database_).sqlite, { onError: (e) => errors.push(String(e)) });
    await Promise.all([log.append(record('lost')), log.append(record('kept'))]);
    const fd = openSync(journal, 'r+');
    writeSync(fd, '{', 0); // the first line no longer parses, as JSON or as a row
    closeSync(fd);
    expect(log.fold()).toBe(2);
    expect((db as Database_).sqlite.prepare('SELECT id FROM requests').pluck().all()).toEqual(['kept']);
    expect(errors).toEqual(['Error: skipped 1 unreadable line(s) in the request journal']);
    expect(lines(journal)).toEqual([]);
    log.close();
  });

  it('lines the disk refused are retried with the next write, and folded from memory if it still refuses', async () => {
    const { journal } = open();
    let refuse = 2;
    class FullDisk extends JournalFile {
      override append(text: string): void {
        if (refuse-- > 0) throw new Error('ENOSPC: no space left on device, write');
        super.append(text);
      }
    }
    const errors: string[] = [];
    const charged: string[] = [];
    const log = new RequestLog(
      (db as Database_).sqlite,
      { onError: (e) => errors.push(String(e)), onJournaled: (rs) => charged.push(...rs.map((r) => r.id)) },
      new FullDisk(journal),
    );
    await log.append(record('a'));
    await log.append(record('b'));
    expect(errors).toHaveLength(2);
    expect(charged).toEqual(['a', 'b']); // the quota windows still see both
    expect(lines(journal)).toEqual([]);
    await log.append(record('c')); // the disk has room again: a and b are written ahead of c
    expect(lines(journal).map(idOf)).toEqual(['a', 'b', 'c']);
    expect(log.fold()).toBe(3);
    refuse = 1;
    await log.append(record('d')); // refused, then folded from memory
    expect(log.fold()).toBe(1);
    expect((db as Database_).sqlite.prepare('SELECT id FROM requests ORDER BY id').pluck().all()).toEqual([
      'a',
      'b',
      'c',
      'd',
    ]);
    log.close();
  });

  it('needs a database file to keep its journal beside', () => {
    const memory = new Database(':memory:');
    expect(() => new RequestLog(memory)).toThrow(
      'the request journal lives beside a database file; this database has none',
    );
    memory.close();
  });

  it("records each key's last use, never moving it back", async () => {
    open();
    const sqlite = (db as Database_).sqlite;
    const now = Date.UTC(2026, 0, 5, 10, 30);
    sqlite.prepare("INSERT INTO users (id, name, created_at, updated_at) VALUES ('u1', 'u', 0, 0)").run();
    sqlite
      .prepare(
        "INSERT INTO keys (id, user_id, name, key_hash, prefix, created_at, updated_at) VALUES ('k1', 'u1', 'k', 'h', 'p', 0, 0)",
      )
      .run();
    const log = new RequestLog(sqlite);
    await Promise.all([
      log.append(record('a', { createdAt: now })),
      log.append(record('b', { createdAt: now - 5000 })),
    ]);
    log.fold();
    const lastUsed = () =>
      (sqlite.prepare("SELECT last_used_at AS t FROM keys WHERE id = 'k1'").get() as { t: number }).t;
    expect(lastUsed()).toBe(now);
    await log.append(record('c', { createdAt: now - 60_000 }));
    log.fold();
    expect(lastUsed()).toBe(now);
    log.close();
  });
});
