// Warms the statistics caches at start, so the first dashboard after a start is as fast as the next.
import { buildOverview } from './overview';
import type { StatsSources } from './sources';
import { buildTimeseries } from './timeseries';

/**
 * Fills the caches the dashboards need (settled days of the last month, today's durations) so the first overview,
 * time series or leaderboard after a start is as fast as the next. Runs once, off the request path.
 */
export function warmStats(sources: StatsSources, timeZone: string, now: number): void {
  buildOverview(sources, { timeZone, now, inFlight: 0 });
  buildTimeseries(sources, { timeZone, now, range: '30d', top: 10 });
}
