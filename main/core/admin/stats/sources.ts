// What every statistics route reads through: rollups by local day (cached once settled) and recent request durations.
import type Database from 'better-sqlite3';
import { RecentDurations } from './durations';
import { UsageDays } from './usage-days';

export interface StatsSources {
  sqlite: Database.Database;
  days: UsageDays;
  durations: RecentDurations;
}

export function createStatsSources(sqlite: Database.Database): StatsSources {
  return { sqlite, days: new UsageDays(sqlite), durations: new RecentDurations(sqlite) };
}
