// `npx tsx bench/fold-cost.ts`: the journal fold's cost per row in process, by part, on a real SQLite file.
// Folds batches of FOLD_AT_ROWS bench-shaped rows (one provider, key and session, a one-attempt chain) into a log that
// already holds PRELOAD rows, as the hub does under load, and prints µs per row for the whole fold and without parts.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../main/core/db/connection';
import { JournalFolder } from '../main/core/store/journal-fold';
import { journalRow } from '../main/core/store/journal-row';
import type { RequestRecord } from '../main/core/store/request-record';

const BATCH = 128;
const BATCHES = Number(process.env.FOLD_BATCHES ?? 400);
const PRELOAD = Number(process.env.FOLD_PRELOAD ?? 100_000);
let seq = 0;
let now = Date.UTC(2026, 11, 1);

function row(): (string | number | null)[] {
  seq++;
  now += 1;
  const r: RequestRecord = {
    id: `req_${now.toString(36)}${String(seq).padStart(10, '0')}`,
    createdAt: now,
    userId: 'usr_bench',
    keyId: 'key_bench',
    providerId: 'prv_fake',
    format: 'anthropic',
    endpoint: 'messages',
    model: 'claude-sonnet-4-6',
    upstreamModel: 'claude-sonnet-4-6',
    stream: false,
    status: 200,
    errorClass: null,
    errorMessage: null,
    blockedBy: null,
    ttfbMs: 3,
    durationMs: 4,
    inputTokens: 12,
    outputTokens: 8,
    cacheWrite5mTokens: 0,
    cacheWrite1hTokens: 0,
    cacheReadTokens: 0,
    costUsd: 0.000156,
    cacheSavingsUsd: 0,
    billed: true,
    transport: 'http',
    translatedFrom: null,
    sessionId: 'fb_0123456789abcdef0123456789abcdef',
    userAgent: 'wrk',
    clientIp: '127.0.0.1',
    decisionChain: [
      { at: 0, kind: 'attempt', providerId: 'prv_fake', attempt: 1, status: 200 },
      { at: 4, kind: 'result', providerId: 'prv_fake', status: 200 },
    ] as RequestRecord['decisionChain'],
  };
  return journalRow(r);
}

type Variant = [name: string, setup: (folder: JournalFolder, sqlite: import('better-sqlite3').Database) => void];

const variants: Variant[] = [
  ['whole fold', () => {}],
  ...(process.env.FOLD_VARIANTS === 'all'
    ? ([
        [
          'without ops rollups',
          (f) => {
            f.ops.add = () => {};
          },
        ],
        [
          'without requests_session_created_idx',
          (_f, s) => {
            s.exec('DROP INDEX IF EXISTS requests_session_created_idx');
          },
        ],
      ] as Variant[])
    : []),
];

for (const [name, setup] of variants) {
  const dir = mkdtempSync(join(tmpdir(), 'cchub-foldcost-'));
  const database = openDatabase(dir);
  const folder = new JournalFolder(database.sqlite);
  setup(folder, database.sqlite);
  for (let n = 0; n < PRELOAD; n += 2000) folder.fold(Array.from({ length: 2000 }, row));
  const times: number[] = [];
  for (let b = 0; b < BATCHES; b++) {
    const rows = Array.from({ length: BATCH }, row);
    const t = process.hrtime.bigint();
    folder.fold(rows);
    times.push(Number(process.hrtime.bigint() - t) / 1000 / BATCH);
    if (b % 50 === 49) database.checkpoint();
  }
  times.sort((x, y) => x - y);
  const med = times[Math.floor(times.length / 2)] as number;
  process.stdout.write(`${name}: ${med.toFixed(2)} µs per row (median of ${BATCHES} folds of ${BATCH})\n`);
  database.close();
  rmSync(dir, { recursive: true, force: true });
}
