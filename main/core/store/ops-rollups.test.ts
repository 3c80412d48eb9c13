// Availability buckets and session rows as the real fold derives them from journal rows, and their readers.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { logRecords, record } from '../../../test/api/records';
import { availabilityReport } from '../availability/report';
import { type Database_, openDatabase } from '../db/connection';
import { JournalFolder } from './journal-fold';
import { journalRow } from './journal-row';
import { OpsRollups } from './ops-rollups';
import { SqliteStore } from './sqlite-store';

const MIN = 60_000;
const T0 = Date.UTC(2026, 2, 1, 0);
let dir: string;
let database: Database_;
let store: SqliteStore;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cchub-ops-'));
  database = openDatabase(dir);
  store = new SqliteStore(database, { encrypt: (plain) => `enc:${plain}` });
});
afterEach(() => {
  database.close();
  rmSync(dir, { recursive: true, force: true });
});

const range = { from: T0, to: T0 + 60 * MIN, size: 5 * MIN };

/** A request that failed over from provider A (two failed attempts) to B, which answered. */
const failedOver = (createdAt: number) =>
  record({
    createdAt,
    providerId: 'B',
    ttfbMs: 900,
    durationMs: 4000,
    decisionChain: [
      { at: 1, kind: 'attempt', providerId: 'A', attempt: 1, status: 529, errorClass: 'upstream_5xx' },
      { at: 2, kind: 'attempt', providerId: 'A', attempt: 2, errorClass: 'connection_reset' },
      { at: 3, kind: 'attempt', providerId: 'B', attempt: 1, status: 200 },
      { at: 4, kind: 'result', providerId: 'B', status: 200 },
    ],
  });

describe('availability rollups', () => {
  it('counts requests, failures by class, retried attempts and latency per five-minute bucket', () => {
    logRecords(database.sqlite, [
      record({ createdAt: T0 + 1000, providerId: 'A', ttfbMs: 80, durationMs: 400 }),
      record({ createdAt: T0 + 2000, providerId: 'A', ttfbMs: 120, durationMs: 1200 }),
      record({ createdAt: T0 + 3000, providerId: 'A', status: 502, errorClass: 'upstream_5xx', ttfbMs: null }),
      record({ createdAt: T0 + 4000, providerId: 'A', status: 200, errorClass: 'client_closed' }),
      // refused before any provider: not the provider's
      record({ createdAt: T0 + 5000, providerId: null, status: 429, blockedBy: 'quota' }),
      failedOver(T0 + 6 * MIN),
    ]);
    const a = store.availability.buckets('A', range);
    expect(a.map((b) => [b.start, b.requests, b.errors, b.retried])).toEqual([
      [T0, 4, 1, 0],
      [T0 + 5 * MIN, 0, 0, 2],
    ]);
    expect(a[0]?.ttfbCount).toBe(3);
    // cumulative: below 100 ms one first byte (80), below 200 ms all three (80, 100, 120)
    expect(a[0]?.ttfbLt.slice(0, 3)).toEqual([0, 1, 3]);
    expect(store.availability.errors('A', range)).toEqual([
      { start: T0, errorClass: 'upstream_5xx', errors: 1, retried: 0 },
      { start: T0 + 5 * MIN, errorClass: 'connection_reset', errors: 0, retried: 1 },
      { start: T0 + 5 * MIN, errorClass: 'upstream_5xx', errors: 0, retried: 1 },
    ]);
    const b = store.availability.buckets('B', range);
    expect(b.map((x) => [x.start, x.requests, x.errors, x.retried])).toEqual([[T0 + 5 * MIN, 1, 0, 0]]);
  });

  it('counts a latency at an edge above it, one past the last edge in no bin, across folds', () => {
    logRecords(database.sqlite, [
      record({ createdAt: T0, providerId: 'A', ttfbMs: 50, durationMs: 300_000 }),
      record({ createdAt: T0 + 1000, providerId: 'A', ttfbMs: 49, durationMs: 299_999 }),
    ]);
    logRecords(database.sqlite, [
      record({ createdAt: T0 + 2000, providerId: 'A', ttfbMs: null, durationMs: 400_000 }),
      record({ createdAt: T0 + 3000, providerId: 'A', ttfbMs: 400_000, durationMs: 400_000 }),
    ]);
    const [a] = store.availability.buckets('A', range);
    expect([a?.requests, a?.ttfbCount, a?.ttfbMsSum]).toEqual([4, 3, 400_099]);
    // edges 50, 100, …, 300,000 ms: 49 is below every edge, 50 below all but the first
    expect([a?.ttfbLt[0], a?.ttfbLt[1], a?.ttfbLt[18]]).toEqual([1, 2, 2]);
    expect([a?.totalLt[0], a?.totalLt[17], a?.totalLt[18]]).toEqual([0, 0, 1]);
    expect(a?.durationMsSum).toBe(1_399_999);
    const [hour] = store.availability.buckets('A', { ...range, size: 60 * MIN });
    expect([hour?.ttfbLt[1], hour?.totalLt[18]]).toEqual([2, 1]);
  });

  it('merges buckets into longer ones and counts nothing twice when a journal row is folded again', () => {
    const rows = [failedOver(T0 + MIN), failedOver(T0 + 31 * MIN)].map(journalRow);
    const folder = new JournalFolder(database.sqlite);
    folder.fold(rows);
    folder.fold(rows); // a replay after a crash between the fold's commit and the journal's truncation
    const hourly = store.availability.buckets('A', { ...range, size: 60 * MIN });
    expect(hourly.map((h) => [h.start, h.retried])).toEqual([[T0, 4]]);
    expect(store.availability.buckets('B', { ...range, size: 30 * MIN }).map((h) => h.requests)).toEqual([1, 1]);
  });

  it('draws the breaker into the timeline: an open bucket is down whatever its traffic', () => {
    logRecords(database.sqlite, [record({ createdAt: T0 + MIN, providerId: 'A' })]);
    store.breakerEvents.append([
      { at: T0 - MIN, providerId: 'A', from: 'closed', to: 'open', reason: '5 consecutive failures', failures: 5 },
      {
        at: T0 + 2 * MIN,
        providerId: 'A',
        from: 'open',
        to: 'half-open',
        reason: 'open duration elapsed',
        failures: 5,
      },
      { at: T0 + 7 * MIN, providerId: 'A', from: 'half-open', to: 'closed', reason: '1 successes', failures: 0 },
    ]);
    const r = availabilityReport(store, {
      providerId: 'A',
      providerName: 'A',
      from: T0,
      to: T0 + 15 * MIN,
      bucket: '5m',
      breakerNow: 'closed',
    });
    expect(r.buckets.map((b) => [b.breaker, b.status])).toEqual([
      ['open', 'down'],
      ['half-open', 'degraded'],
      ['closed', 'no_data'],
    ]);
    expect(r.transitions.map((t) => t.to)).toEqual(['half-open', 'closed']);
    expect(r.totals.availability).toBe(1);
  });
});

describe('session rollups', () => {
  it('groups rows by session id: turns, tokens, cost, first and last seen, the latest provider and client', () => {
    logRecords(database.sqlite, [
      record({
        createdAt: T0,
        sessionId: 's1',
        userId: 'u',
        keyId: 'k',
        providerId: 'A',
        userAgent: 'claude-cli/2.1.0',
      }),
      record({ createdAt: T0 + MIN, sessionId: 's1', userId: 'u', keyId: 'k', providerId: null, blockedBy: 'quota' }),
      record({ createdAt: T0 + 2 * MIN, sessionId: 's2', userId: 'u', keyId: 'k', providerId: 'A' }),
    ]);
    logRecords(database.sqlite, [
      record({
        createdAt: T0 + 3 * MIN,
        sessionId: 's1',
        userId: 'u',
        keyId: 'k',
        providerId: 'B',
        userAgent: 'claude-cli/2.1.1',
        inputTokens: 7,
        costUsd: 0.5,
      }),
    ]);
    const s1 = store.sessions.get('s1');
    expect(s1).toMatchObject({
      requests: 3,
      firstAt: T0,
      lastAt: T0 + 3 * MIN,
      providerId: 'B',
      userAgent: 'claude-cli/2.1.1',
      inputTokens: 100 + 100 + 7,
    });
    expect(s1?.costUsd).toBeCloseTo(0.502);
    const page1 = store.sessions.page({ userId: 'u' }, { limit: 1 });
    expect(page1.rows.map((s) => s.sessionId)).toEqual(['s1']);
    expect(page1.nextCursor).not.toBeNull();
    const cursor = JSON.parse(Buffer.from(page1.nextCursor as string, 'base64url').toString()) as [number, string];
    const page2 = store.sessions.page({ userId: 'u' }, { limit: 1, after: { createdAt: cursor[0], id: cursor[1] } });
    expect(page2.rows.map((s) => s.sessionId)).toEqual(['s2']);
    expect(page2.nextCursor).toBeNull();
    expect(store.sessions.page({ providerId: 'A' }, { limit: 10 }).rows.map((s) => s.sessionId)).toEqual(['s2']);
    const turns = store.sessions.requests('s1', { limit: 10 });
    expect(turns.rows.map((r) => r.createdAt)).toEqual([T0, T0 + MIN, T0 + 3 * MIN]);
    expect(store.sessions.deleteOlderThan(T0 + 3 * MIN, 10)).toBe(1);
    expect(store.sessions.get('s2')).toBeUndefined();
  });

  it('derives both from an older log once at start, and not again', () => {
    const folder = new JournalFolder(database.sqlite);
    folder.fold([failedOver(T0), record({ createdAt: T0, sessionId: 's9', providerId: 'A' })].map(journalRow));
    database.sqlite.exec(
      'DELETE FROM provider_availability; DELETE FROM provider_availability_hourly; DELETE FROM provider_errors; ' +
        'DELETE FROM request_sessions',
    );
    const ops = new OpsRollups(database.sqlite);
    expect(ops.backfillIfEmpty()).toBe(true);
    expect(ops.backfillIfEmpty()).toBe(false);
    expect(store.availability.buckets('A', range).map((b) => [b.requests, b.retried])).toEqual([[1, 2]]);
    expect(store.availability.buckets('A', { ...range, size: 60 * MIN }).map((b) => b.retried)).toEqual([2]);
    expect(store.sessions.get('s9')?.requests).toBe(1);
  });
});
