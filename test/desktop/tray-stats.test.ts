import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../main/core/db/connection';
import { SqliteUsage } from '../../main/core/store/usage-stats';
import { firstHourOfToday, startOfDay, zoneOffsetMs } from '../../main/desktop/today';
import { readTodayUsage, readTrayStats, type StatsHub } from '../../main/desktop/tray-stats';

const HOUR = 3_600_000;
const utc = (s: string) => Date.parse(`${s}Z`);

describe('today in a timezone', () => {
  it('local midnight in UTC, east and west of Greenwich, and a half-hour zone', () => {
    expect(startOfDay('UTC', utc('2026-03-10T15:00:00'))).toBe(utc('2026-03-10T00:00:00'));
    expect(startOfDay('Asia/Shanghai', utc('2026-03-10T15:00:00'))).toBe(utc('2026-03-10T16:00:00') - 24 * HOUR);
    expect(startOfDay('Asia/Shanghai', utc('2026-03-10T17:00:00'))).toBe(utc('2026-03-10T16:00:00'));
    expect(startOfDay('America/Los_Angeles', utc('2026-07-01T06:59:00'))).toBe(utc('2026-06-30T07:00:00'));
    expect(startOfDay('Asia/Kolkata', utc('2026-03-10T20:00:00'))).toBe(utc('2026-03-10T18:30:00'));
    expect(firstHourOfToday('Asia/Kolkata', utc('2026-03-10T20:00:00'))).toBe(utc('2026-03-10T18:00:00'));
  });
  it('across a DST change the day starts at the local midnight, not 24 h ago', () => {
    // New York springs forward on 2026-03-08 at 02:00 local: midnight was still EST (UTC-5).
    expect(startOfDay('America/New_York', utc('2026-03-08T20:00:00'))).toBe(utc('2026-03-08T05:00:00'));
    expect(startOfDay('America/New_York', utc('2026-03-09T20:00:00'))).toBe(utc('2026-03-09T04:00:00'));
    expect(zoneOffsetMs('America/New_York', utc('2026-03-09T20:00:00'))).toBe(-4 * HOUR);
  });
});

describe('tray stats over a real database', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'cchub-tray-stats-'));
  const database = openDatabase(dataDir);
  afterAll(() => database.close());
  const usage = new SqliteUsage(database.sqlite);
  const insert = database.sqlite.prepare(
    `INSERT INTO usage_hourly (hour, user_id, requests, errors, input_tokens, output_tokens, cache_write_5m_tokens,
       cache_write_1h_tokens, cache_read_tokens, cost_usd) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  // Shanghai (UTC+8): 2026-03-10 starts at 2026-03-09T16:00Z.
  insert.run(utc('2026-03-09T15:00:00'), 'u1', 100, 0, 1, 1, 1, 1, 1, 100); // yesterday
  insert.run(utc('2026-03-09T16:00:00'), 'u1', 2, 1, 10, 20, 30, 40, 50, 0.5);
  insert.run(utc('2026-03-10T09:00:00'), 'u1', 3, 0, 100, 200, 0, 0, 1000, 1.25);
  insert.run(utc('2026-03-10T09:00:00'), 'u2', 1, 0, 5, 5, 0, 0, 0, 0.25);
  const now = utc('2026-03-10T09:30:00');

  it('sums today from the rollups: requests, errors, cost, every token category', () => {
    expect(readTodayUsage(usage, 'Asia/Shanghai', now)).toEqual({
      requests: 6,
      errors: 1,
      costUsd: 2,
      tokens: 10 + 20 + 30 + 40 + 50 + 100 + 200 + 1000 + 5 + 5,
    });
    // In UTC the 16:00 bucket belongs to the 9th.
    expect(readTodayUsage(usage, 'UTC', now).requests).toBe(4);
    expect(readTodayUsage(usage, 'UTC', utc('2026-03-12T00:00:00'))).toEqual({
      requests: 0,
      errors: 0,
      costUsd: 0,
      tokens: 0,
    });
  });

  const hub = (settings?: () => { timezone?: string; currencySymbol?: string }): StatsHub => ({
    relay: { inFlight: () => 4 },
    internals: {
      registry: {
        providers: () => [
          { id: 'a', name: 'A', enabled: true },
          { id: 'b', name: 'B', enabled: false },
        ],
      },
    },
    context: { store: { usage }, config: { timezone: 'UTC' }, ...(settings ? { settings } : {}) },
  });

  it('uses the hub settings (timezone, currency symbol) when there are some, else the configured timezone', () => {
    const withSettings = readTrayStats(
      hub(() => ({ timezone: 'Asia/Shanghai', currencySymbol: '¥' })),
      { now, breakerState: (id) => (id === 'a' ? 'open' : 'closed') },
    );
    expect(withSettings).toMatchObject({ requests: 6, inFlight: 4, currencySymbol: '¥', timeZone: 'Asia/Shanghai' });
    expect(withSettings.providers).toEqual([
      { id: 'a', name: 'A', enabled: true, breaker: 'open' },
      { id: 'b', name: 'B', enabled: false, breaker: 'closed' },
    ]);
    const withoutSettings = readTrayStats(hub(), { now });
    expect(withoutSettings).toMatchObject({ requests: 4, currencySymbol: '$', timeZone: 'UTC' });
    expect(withoutSettings.providers.every((p) => p.breaker === 'closed')).toBe(true);
    const badZone = readTrayStats(
      hub(() => ({ timezone: 'Mars/Olympus' })),
      { now },
    );
    expect(badZone.timeZone).toBe('UTC');
  });
});
