// Today vs yesterday (hub timezone) from the rollups, the median latency, RPM now and requests in flight.
import type { Overview } from '../../../../shared/api-schemas';
import { toIso } from '../../store/iso';
import { addLocalDays, startOfLocalDay } from '../../time/local-days';
import { totalOfSegments } from './aggregate';
import { endOfHour } from './periods';
import type { StatsSources } from './sources';
import { totalsOf } from './totals';

export interface OverviewInput {
  timeZone: string;
  now: number;
  /** A plain user's own figures; undefined = the whole hub. */
  userId?: string;
  inFlight: number;
}

export function buildOverview(sources: StatsSources, input: OverviewInput): Overview {
  const { timeZone, now, userId } = input;
  const todayStart = startOfLocalDay(timeZone, now);
  const tomorrowStart = addLocalDays(timeZone, todayStart, 1);
  const yesterdayStart = addLocalDays(timeZone, todayStart, -1);

  const today = totalOfSegments(sources.days.segments(timeZone, todayStart, endOfHour(now), now), userId);
  const yesterday = totalOfSegments(sources.days.segments(timeZone, yesterdayStart, todayStart, now), userId);

  return {
    today: totalsOf(today, sources.durations.median(todayStart, tomorrowStart, userId)),
    yesterday: totalsOf(yesterday, sources.durations.median(yesterdayStart, todayStart, userId)),
    rpmNow: sources.store.usage.countStartedSince(now - 60_000, userId),
    inFlight: userId === undefined ? input.inFlight : 0,
    timezone: timeZone,
    todayStartsAt: toIso(todayStart),
    scope: userId === undefined ? 'hub' : 'user',
  };
}
