import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../main/core/clock';
import { type Database_, openDatabase } from '../../main/core/db/connection';
import { Governance } from '../../main/core/governance';
import { createLogger } from '../../main/core/logger';
import { RequestLog } from '../../main/core/store/request-log';
import type { RequestRecord } from '../../main/core/store/request-record';
import { SqliteSettings } from '../../main/core/store/settings';
import { SqliteUsage } from '../../main/core/store/usage-stats';

let db: Database_ | undefined;
afterEach(() => db?.close());

const record = (i: number, at: number, costUsd: number): RequestRecord => ({
  id: `r${i}`,
  createdAt: at,
  userId: 'u1',
  keyId: 'k1',
  providerId: 'p1',
  format: 'anthropic',
  endpoint: 'messages',
  model: 'm',
  upstreamModel: 'm',
  stream: false,
  status: 200,
  errorClass: null,
  errorMessage: null,
  blockedBy: null,
  transport: 'http',
  ttfbMs: 1,
  durationMs: 1000,
  inputTokens: 1,
  outputTokens: 1,
  cacheWrite5mTokens: 0,
  cacheWrite1hTokens: 0,
  cacheReadTokens: 0,
  costUsd,
  cacheSavingsUsd: 0,
  billed: true,
  translatedFrom: null,
  sessionId: null,
  userAgent: null,
  clientIp: null,
  decisionChain: [],
});

const silent = createLogger('silent');
const repos = (d: Database_) => ({ usage: new SqliteUsage(d.sqlite), settings: new SqliteSettings(d.db) });

describe('Governance', () => {
  it('charges committed requests and rebuilds the same figures from the ledger, total resets included', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cchub-gov-'));
    db = openDatabase(dir);
    const clock = new ManualClock(Date.UTC(2026, 10, 23, 9));
    const gov = new Governance(repos(db), clock, () => 'Europe/Berlin', silent);
    const log = new RequestLog(db.sqlite, { onJournaled: gov.charge });
    const limits = { dailyUsd: 10, totalUsd: 100, weeklyUsd: 50 };
    for (let i = 0; i < 5; i++) {
      await log.append(record(i, clock.now(), 0.25));
      clock.advance(3_600_000);
    }
    gov.resetTotal('user', 'u1');
    await log.append(record(99, clock.now(), 0.5));
    clock.advance(60_000);
    const live = gov.quota('user', 'u1', limits);
    expect(live.find((q) => q.window === 'daily')?.used).toBeCloseTo(1.75, 9);
    expect(live.find((q) => q.window === 'total')?.used).toBeCloseTo(0.5, 9);
    gov.close();
    log.fold(); // the ledger rows are written when the journal is folded
    log.close();

    const rebuilt = new Governance(repos(db), clock, () => 'Europe/Berlin', silent);
    rebuilt.rebuildFromLedger();
    expect(rebuilt.quota('user', 'u1', limits)).toEqual(live);
    expect(rebuilt.quota('key', 'k1', limits)).toEqual(gov.quota('key', 'k1', limits));
    rebuilt.close();
  });

  it('skips unbilled, free and unpriced requests', async () => {
    db = openDatabase(mkdtempSync(join(tmpdir(), 'cchub-gov-')));
    const clock = new ManualClock(Date.UTC(2026, 10, 23, 9));
    const gov = new Governance(repos(db), clock, () => 'UTC', silent);
    gov.charge([
      { ...record(1, clock.now(), 1), billed: false },
      { ...record(2, clock.now(), 0) },
      { ...record(3, clock.now(), 0), costUsd: null },
    ]);
    clock.advance(2000);
    expect(gov.quota('user', 'u1', { dailyUsd: 1 }).find((q) => q.window === 'daily')?.used).toBe(0);
    gov.close();
  });
});
