// Calendar days, weeks and months in an IANA timezone for statistics and leaderboards (over calendar.ts).
import { calendarFor, DAY_MS, HOUR_MS } from './calendar';

export { DAY_MS, HOUR_MS };

const pad = (n: number) => String(n).padStart(2, '0');

export function startOfLocalDay(timeZone: string, at: number): number {
  return calendarFor(timeZone).dayWindow(at).start;
}

/** The start of the local day `n` days after the day starting at (or containing) `dayStart`. */
export function addLocalDays(timeZone: string, dayStart: number, n: number): number {
  const cal = calendarFor(timeZone);
  const d = cal.local(dayStart + 12 * HOUR_MS);
  return cal.toUtc(d.year, d.month, d.day + n, 0);
}

/** Monday 00:00 of the local week containing `at`. */
export function startOfLocalWeek(timeZone: string, at: number): number {
  return calendarFor(timeZone).weekWindow(at).start;
}

/** The 1st, 00:00, of the local month containing `at`. */
export function startOfLocalMonth(timeZone: string, at: number): number {
  return calendarFor(timeZone).monthWindow(at).start;
}

/** `YYYY-MM-DD` of the local day containing `at`. */
export function localDateLabel(timeZone: string, at: number): string {
  const d = calendarFor(timeZone).local(at);
  return `${d.year}-${pad(d.month)}-${pad(d.day)}`;
}

/** `HH:00` of the local hour containing `at` (`HH:mm` where the offset is not whole hours). */
export function localHourLabel(timeZone: string, at: number): string {
  const d = calendarFor(timeZone).local(at);
  return `${pad(d.hour)}:${pad(d.minute)}`;
}

/** `YYYY-MM-DD` → the start of that local day; undefined when it is not such a date. */
export function parseLocalDate(timeZone: string, text: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return undefined;
  return calendarFor(timeZone).toUtc(Number(m[1]), Number(m[2]), Number(m[3]), 0);
}
