// What every statistics route reads through: rollups by local day (cached once settled) and recent request durations.

import type { Store } from '../../store/repositories';
import { RecentDurations } from './durations';
import { buildOverview } from './overview';
import { buildTimeseries } from './timeseries';
import { UsageDays } from './usage-days';

export interface StatsSources {
  /** Statistics run on the synchronous engine for now (see docs/architecture.md, Storage). */
  store: Pick<Store<'sync'>, 'usage' | 'users' | 'keys' | 'providers'>;
  days: UsageDays;
  durations: RecentDurations;
}

export function createStatsSources(store: StatsSources['store']): StatsSources {
  return { store, days: new UsageDays(store.usage), durations: new RecentDurations(store.usage) };
}

/**
 * Fills the caches the dashboards need (settled days of the last month, today's durations) so the first overview,
 * time series or leaderboard after a start is as fast as the next. Runs once, off the request path.
 */
export function warmStats(sources: StatsSources, timeZone: string, now: number): void {
  buildOverview(sources, { timeZone, now, inFlight: 0 });
  buildTimeseries(sources, { timeZone, now, range: '30d', top: 10 });
}
