import { appendFileSync, closeSync, mkdtempSync, openSync, readFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../main/core/clock';
import { type Database_, openDatabase } from '../../main/core/db/connection';
import { JOURNAL_FAILURE_FILE } from '../../main/core/store/journal-failure-mark';
import { diskWrite, JOURNAL_FILE, type JournalWrite } from '../../main/core/store/journal-file';
import { journalLine, journalRow, parseJournalLines, parseJournalRow } from '../../main/core/store/journal-row';
import { JOURNAL_RETRY_MS, RequestLog } from '../../main/core/store/request-log';
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
  transport: 'http',
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
  translatedFrom: null,
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
/** A disk with `room` bytes left: a write gets that far, then fails with ENOSPC as a full disk does. */
const fillableDisk = () => {
  const disk = {
    room: Number.POSITIVE_INFINITY,
    calls: 0,
    write: ((fd, data, position) => {
      disk.calls++;
      const bytes = typeof data === 'string' ? Buffer.from(data) : data;
      if (disk.room <= 0) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      const n = diskWrite(fd, bytes.subarray(0, Math.min(bytes.length, disk.room)), position);
      disk.room -= n;
      return n;
    }) as JournalWrite,
  };
  return disk;
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

  it('asks for a fold once as many rows as its bound wait unfolded, and again only after a fold', async () => {
    open();
    let asked = 0;
    const log = new RequestLog((db as Database_).sqlite, { onBacklog: () => asked++ }, { foldAtRows: 3 });
    await Promise.all([log.append(record('r1')), log.append(record('r2'))]);
    expect(asked).toBe(0);
    await Promise.all([log.append(record('r3')), log.append(record('r4'))]);
    expect(asked).toBe(1);
    await log.append(record('r5'));
    expect(asked).toBe(1);
    expect(log.fold()).toBe(5);
    await Promise.all([log.append(record('r6')), log.append(record('r7')), log.append(record('r8'))]);
    expect(asked).toBe(2);
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

  it('a line written before the transport and translated_from columns reads back as an untranslated HTTP request', () => {
    const turn = record('ws1', { transport: 'websocket' });
    expect(parseJournalRow(journalLine(turn).slice(0, -1))).toEqual(journalRow(turn));
    const http = record('old1');
    const [values, chain] = journalLine(http).slice(0, -1).split('\t') as [string, string];
    const older = `${JSON.stringify((JSON.parse(values) as unknown[]).slice(0, -2))}\t${chain}`;
    expect(parseJournalRow(older)).toEqual(journalRow(http));
    const tooShort = `${JSON.stringify((JSON.parse(values) as unknown[]).slice(0, -3))}\t${chain}`;
    expect(parseJournalRow(tooShort)).toBeNull();
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
    expect(again.replay()).toMatchObject({ replayed: 0, skipped: 0 });
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
    expect(next.replay()).toEqual({ replayed: 2, skipped: 1, tornByFailedWrite: 0, failedWrite: null });
    expect(sqlite.prepare('SELECT id FROM requests ORDER BY id').pluck().all()).toEqual(['a', 'b']);
    expect(count('SELECT count(*) AS n FROM usage_ledger')).toBe(1);
    expect(lines(journal)).toEqual([]);
    next.close();
  });

  it('start-up counts a line in any other layout as skipped and folds the rest', () => {
    const { journal } = open();
    const r = record('kept');
    const values = JSON.parse(journalLine(r).split('\t')[0] as string) as unknown[];
    const withoutTab = JSON.stringify([...values, r.decisionChain]);
    appendFileSync(journal, `${JSON.stringify(r)}\n${withoutTab}\n${journalLine(r)}`);
    const log = new RequestLog((db as Database_).sqlite);
    expect(log.replay()).toMatchObject({ replayed: 1, skipped: 2 });
    log.close();
    expect((db as Database_).sqlite.prepare('SELECT id FROM requests').all()).toEqual([{ id: 'kept' }]);
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

  it('a refused write resolves its appends false and keeps the rows it is given instead; the clock times the retry', async () => {
    const { journal } = open();
    const disk = fillableDisk();
    const clock = new ManualClock();
    const errors: string[] = [];
    const changes: boolean[] = [];
    const charged: string[] = [];
    const log = new RequestLog(
      (db as Database_).sqlite,
      {
        onError: (e) => errors.push(String(e)),
        onJournaled: (rs) => charged.push(...rs.map((r) => `${r.id}:${r.errorClass}`)),
        onWritableChange: (w) => changes.push(w),
      },
      { write: disk.write, clock },
    );
    expect(await log.append(record('before'))).toBe(true);
    disk.room = 40; // the next write gets 40 bytes in, then ENOSPC
    const unrecorded = (id: string) => () => record(id, { errorClass: 'journal_unwritable', status: 503 });
    const results = await Promise.all([log.append(record('a'), unrecorded('a')), log.append(record('b'))]);
    expect(results).toEqual([false, false]);
    expect(changes).toEqual([false]);
    expect(log.health).toMatchObject({ writable: false, lastError: 'ENOSPC', writeFailures: 1, rowsInMemory: 2 });
    expect(charged).toEqual(['before:null', 'a:journal_unwritable', 'b:null']); // the quota windows still see both
    // The failed write's remains follow the good line; the journal's end stays before them.
    expect(readFileSync(journal, 'utf8').split('\n')[1]).toHaveLength(40);
    const mark = JSON.parse(readFileSync(join(dirname(journal), JOURNAL_FAILURE_FILE), 'utf8'));
    expect(mark).toEqual({ offset: journalLine(record('before')).length, code: 'ENOSPC', since: clock.now() });

    disk.room = 0; // full
    log.retryWrite(); // too early: nothing is tried
    expect(disk.calls).toBe(3);
    clock.advance(JOURNAL_RETRY_MS);
    log.retryWrite(); // tried with the rows in memory, refused again
    expect(disk.calls).toBe(4);
    expect(log.health).toMatchObject({ writable: false, writeFailures: 2 });
    disk.room = Number.POSITIVE_INFINITY; // space freed
    log.retryWrite();
    expect(log.health.writable).toBe(false); // the next try waits for its time
    clock.advance(JOURNAL_RETRY_MS);
    log.retryWrite();
    expect(log.health).toMatchObject({ writable: true, rowsInMemory: 0, since: null });
    expect(changes).toEqual([false, true]);
    expect(readFileSync(join(dirname(journal), JOURNAL_FAILURE_FILE), 'utf8').trim()).toBe('');
    expect(lines(journal).map(idOf)).toEqual(['before', 'a', 'b']);
    expect(await log.append(record('c'))).toBe(true);
    expect(log.fold()).toBe(4);
    expect((db as Database_).sqlite.prepare('SELECT id, status, error_class FROM requests ORDER BY id').all()).toEqual([
      { id: 'a', status: 503, error_class: 'journal_unwritable' },
      { id: 'b', status: 200, error_class: null },
      { id: 'before', status: 200, error_class: null },
      { id: 'c', status: 200, error_class: null },
    ]);
    expect(errors).toEqual([]);
    log.close();
  });

  it('rows waiting in memory are folded from there, bounded (the oldest dropped and counted); a probe finds the room', async () => {
    const { journal } = open();
    const disk = fillableDisk();
    const clock = new ManualClock();
    const errors: string[] = [];
    const log = new RequestLog(
      (db as Database_).sqlite,
      { onError: (e) => errors.push(String(e)) },
      { write: disk.write, clock, maxRowsInMemory: 3 },
    );
    disk.room = 0;
    await Promise.all(['r1', 'r2', 'r3', 'r4', 'r5'].map((id) => log.append(record(id))));
    expect(log.health).toMatchObject({ writable: false, rowsInMemory: 3, rowsLost: 2 });
    expect(errors).toEqual(['Error: dropped 2 request log row(s): the journal cannot be written and 3 wait']);
    expect(log.fold()).toBe(3); // SQLite still takes them
    expect((db as Database_).sqlite.prepare('SELECT id FROM requests ORDER BY id').pluck().all()).toEqual([
      'r3',
      'r4',
      'r5',
    ]);
    expect(log.health).toMatchObject({ writable: false, rowsInMemory: 0 });
    // Nothing waits: the retry probes the room at the journal's end, and leaves no byte of it behind.
    clock.advance(JOURNAL_RETRY_MS);
    disk.room = 1000; // less than the headroom asked for
    log.retryWrite();
    expect(log.health.writable).toBe(false);
    clock.advance(JOURNAL_RETRY_MS);
    disk.room = Number.POSITIVE_INFINITY;
    log.retryWrite();
    expect(log.health.writable).toBe(true);
    expect(readFileSync(journal, 'utf8')).toBe('');
    log.close();
  });

  it('start-up tells the remains of a write the disk refused from a power loss, and marks their rows as unrecorded', async () => {
    const { dir, journal } = open();
    const disk = fillableDisk();
    const killed = new RequestLog((db as Database_).sqlite, {}, { write: disk.write });
    await killed.append(record('kept'));
    const second = journalLine(record('whole-but-failed'));
    disk.room = Buffer.byteLength(second) + 25; // one whole line of the batch, then 25 bytes of the next, then ENOSPC
    const answered = await Promise.all([killed.append(record('whole-but-failed')), killed.append(record('torn'))]);
    expect(answered).toEqual([false, false]);
    killed.close(); // killed while the disk was full: the rows in memory die with it
    (db as Database_).sqlite.close();
    db = openDatabase(dir);
    const next = new RequestLog(db.sqlite);
    const result = next.replay();
    expect(result).toEqual({
      replayed: 2,
      skipped: 0,
      tornByFailedWrite: 1,
      failedWrite: { offset: journalLine(record('kept')).length, code: 'ENOSPC', since: expect.any(Number) },
    });
    // The whole line of the failed write was never confirmed to its client: folded, but as what the client saw.
    expect(db.sqlite.prepare('SELECT id, error_class FROM requests ORDER BY id').all()).toEqual([
      { id: 'kept', error_class: null },
      { id: 'whole-but-failed', error_class: 'journal_unwritable' },
    ]);
    expect(lines(journal)).toEqual([]);
    next.close();
    // The mark is cleared by the replay: the next start has nothing to report.
    const after = new RequestLog(db.sqlite);
    expect(after.replay()).toEqual({ replayed: 0, skipped: 0, tornByFailedWrite: 0, failedWrite: null });
    after.close();
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
