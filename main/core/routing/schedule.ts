// Provider schedule windows: "HH:mm"–"HH:mm" in the hub timezone, possibly across midnight.
import type { Clock } from '../clock';
import { calendarFor, parseHhMm } from '../time/calendar';
import type { CandidateFilter } from './select';

export interface Schedule {
  start: string;
  end: string;
}

/**
 * Whether `now` falls in the window [start, end) on the local clock of `timeZone`. start > end crosses midnight
 * ("22:00"–"06:00" = 22:00 to 05:59); start = end means all day; no schedule, or an unreadable one, means always.
 * Throws RangeError for an unknown timezone.
 */
export function inSchedule(schedule: Schedule | null | undefined, now: number, timeZone: string): boolean {
  if (!schedule) return true;
  const start = parseHhMm(schedule.start);
  const end = parseHhMm(schedule.end);
  if (start === null || end === null || start === end) return true;
  const minute = calendarFor(timeZone).minuteOfDay(now);
  return start < end ? minute >= start && minute < end : minute >= start || minute < end;
}

/** Drops providers outside their schedule window; `timeZone` is read per call, so a settings change applies at once. */
export function scheduleFilter(clock: Clock, timeZone: () => string): CandidateFilter {
  return (p) => {
    if (!p.schedule) return null;
    const tz = timeZone();
    return inSchedule(p.schedule, clock.now(), tz)
      ? null
      : `outside its schedule ${p.schedule.start}-${p.schedule.end} (${tz})`;
  };
}
