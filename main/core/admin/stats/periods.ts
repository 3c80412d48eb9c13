// Time ranges of statistics in the hub timezone: leaderboard periods, custom from/to, and the usage page's range.
import type { LeaderboardPeriod } from '../../../../shared/api-schemas';
import {
  addLocalDays,
  HOUR_MS,
  parseLocalDate,
  startOfLocalDay,
  startOfLocalMonth,
  startOfLocalWeek,
} from '../../time/local-days';
import { ApiError } from '../errors';

export interface TimeRange {
  /** Inclusive; undefined = since the beginning. */
  from?: number;
  /** Exclusive. */
  to: number;
}

/** A `from`/`to` query value: a `YYYY-MM-DD` day of the hub timezone (a `to` day is included whole) or a date-time. */
export function parseBound(timeZone: string, text: string, edge: 'from' | 'to'): number {
  const day = parseLocalDate(timeZone, text);
  if (day !== undefined) return edge === 'from' ? day : addLocalDays(timeZone, day, 1);
  return Date.parse(text);
}

/** The end of the hour bucket holding `now`: a range ending here includes everything logged so far. */
export function endOfHour(now: number): number {
  return Math.floor(now / HOUR_MS) * HOUR_MS + HOUR_MS;
}

function checkOrder(range: TimeRange): TimeRange {
  if (range.from !== undefined && range.from >= range.to) {
    throw new ApiError(400, 'invalid_field', 'invalid value for "to": it must be after "from"', 'to');
  }
  return range;
}

/**
 * daily = today so far, weekly = since Monday, monthly = since the 1st, all = everything, custom = [from, to)
 * (`to` defaults to now). Days, weeks and months are the hub timezone's.
 */
export function leaderboardRange(
  timeZone: string,
  now: number,
  period: LeaderboardPeriod,
  from: string | undefined,
  to: string | undefined,
): TimeRange {
  if (period !== 'custom' && (from !== undefined || to !== undefined)) {
    const field = from !== undefined ? 'from' : 'to';
    throw new ApiError(400, 'invalid_field', `invalid value for "${field}": only with period=custom`, field);
  }
  switch (period) {
    case 'daily': {
      const day = startOfLocalDay(timeZone, now);
      return { from: day, to: addLocalDays(timeZone, day, 1) };
    }
    case 'weekly': {
      const week = startOfLocalWeek(timeZone, now);
      return { from: week, to: addLocalDays(timeZone, week, 7) };
    }
    case 'monthly': {
      const month = startOfLocalMonth(timeZone, now);
      return { from: month, to: startOfLocalMonth(timeZone, addLocalDays(timeZone, month, 32)) };
    }
    case 'all':
      return { to: endOfHour(now) };
    case 'custom': {
      if (from === undefined) {
        throw new ApiError(400, 'invalid_field', 'invalid value for "from": required with period=custom', 'from');
      }
      return checkOrder({
        from: parseBound(timeZone, from, 'from'),
        to: to === undefined ? endOfHour(now) : parseBound(timeZone, to, 'to'),
      });
    }
  }
}

/** The usage page's range: default the last 30 days (from the start of that day) to now. */
export function usageRange(timeZone: string, now: number, from?: string, to?: string): Required<TimeRange> {
  const range = {
    from:
      from === undefined
        ? addLocalDays(timeZone, startOfLocalDay(timeZone, now), -29)
        : parseBound(timeZone, from, 'from'),
    to: to === undefined ? endOfHour(now) : parseBound(timeZone, to, 'to'),
  };
  checkOrder(range);
  return range;
}
