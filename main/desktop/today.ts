// "Today" in the hub's timezone for the tray: the start of the local day and its first hourly rollup bucket.
import { calendarFor, HOUR_MS, isValidTimeZone } from '../core/time/calendar';

/** The zone's offset from UTC at `at` (ms; positive east of Greenwich). */
export function zoneOffsetMs(timeZone: string, at: number): number {
  return calendarFor(timeZone).offsetMs(at);
}

/** True for a timezone name Intl knows. */
export const isTimeZone = isValidTimeZone;

/** Epoch ms of the local midnight that starts the day containing `now` in `timeZone`. */
export function startOfDay(timeZone: string, now: number): number {
  return calendarFor(timeZone).dayWindow(now).start;
}

/**
 * The first UTC hour bucket (usage_hourly.hour) counted as today: the bucket holding local midnight. In zones with a
 * half-hour offset that bucket also holds the last minutes of yesterday; rollups are hourly, so it counts as today.
 */
export function firstHourOfToday(timeZone: string, now: number): number {
  const start = startOfDay(timeZone, now);
  return Math.floor(start / HOUR_MS) * HOUR_MS;
}
