// What every statistics route reads through: rollups by local day (cached once settled) and recent request durations.
import type Database from 'better-sqlite3';
import { RecentDurations } from './durations';
import { buildOverview } from './overview';
import { buildTimeseries } from './timeseries';
import { UsageDays } from './usage-days';

export interface StatsSources {
  sqlite: Database.Database;
  days: UsageDays;
  durations: RecentDurations;
}

export function createStatsSources(sqlite: Database.Database): StatsSources {
  return { sqlite, days: new UsageDays(sqlite), durations: new RecentDurations(sqlite) };
}

/**
 * Fills the caches the dashboards need (settled days of the last month, today's durations) so the first overview,
 * time series or leaderboard after a start is as fast as the next. Runs once, off the request path.
 */
export function warmStats(sources: StatsSources, timeZone: string, now: number): void {
  buildOverview(sources, { timeZone, now, inFlight: 0 });
  buildTimeseries(sources, { timeZone, now, range: '30d', top: 10 });
}
