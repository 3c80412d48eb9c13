// Calendar windows in an IANA timezone (ICU's zone data, except for UTC): day at a reset time, week from Monday, month from the 1st.
import { readlinkSync } from 'node:fs';
import { isUtcZone, isValidTimeZone } from '../../../shared/time-zones';
import { type ZoneOffsetReader, zoneOffsetReader } from './zone-offset';

export { isValidTimeZone } from '../../../shared/time-zones';

export const MINUTE_MS = 60_000;
export const QUARTER_MS = 15 * MINUTE_MS;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** A half-open interval [start, end) of epoch milliseconds; `end` is the next boundary (the reset time). */
export interface CalendarWindow {
  readonly start: number;
  readonly end: number;
}

/** Local wall-clock fields of an instant. `weekday`: 1 = Monday … 7 = Sunday; `month` 1–12. */
export interface LocalTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  weekday: number;
}

/** "HH:mm" → minutes after midnight (0–1439); anything else → null. */
export function parseHhMm(value: string | null | undefined): number | null {
  if (typeof value !== 'string' || value.length !== 5 || value.charCodeAt(2) !== 58) return null;
  const h1 = value.charCodeAt(0) - 48;
  const h2 = value.charCodeAt(1) - 48;
  const m1 = value.charCodeAt(3) - 48;
  const m2 = value.charCodeAt(4) - 48;
  if (h1 < 0 || h1 > 9 || h2 < 0 || h2 > 9 || m1 < 0 || m1 > 5 || m2 < 0 || m2 > 9) return null;
  const hours = h1 * 10 + h2;
  return hours > 23 ? null : hours * 60 + m1 * 10 + m2;
}

/**
 * The system's zone: the zone /etc/localtime links to (read without Intl) when Intl knows it, else what Intl reports.
 * Asking Intl costs ~8 MB of RSS for the life of the process (see zone-offset.ts), so it is the fallback only.
 */
export function systemTimeZone(readLink: (path: string) => string = readlinkSync): string {
  try {
    const zone = /zoneinfo\/(.+)$/.exec(readLink('/etc/localtime'))?.[1];
    if (zone && isUtcZone(zone)) return 'UTC';
    if (zone && isValidTimeZone(zone)) return zone;
  } catch {
    // no such link (Windows, some containers): ask Intl
  }
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

const OFFSET_CACHE_MAX = 4096;

/**
 * Boundaries in one timezone. The UTC offset is read from ICU's zone data once per UTC quarter-hour (every real-world
 * offset and DST transition of today's tz database falls on a UTC quarter-hour) and cached; window lookups are cached
 * until the window ends, so the hot path costs a comparison.
 */
export class TzCalendar {
  /** Undefined for UTC zones, whose offset is always 0. */
  private readonly readZoneOffset: ZoneOffsetReader | undefined;
  private readonly offsets = new Map<number, number>();
  private readonly days = new Map<number, CalendarWindow>();
  private week: CalendarWindow | undefined;
  private month: CalendarWindow | undefined;

  /** Throws RangeError for a zone Intl does not know. */
  constructor(readonly timeZone: string) {
    if (isUtcZone(timeZone)) return;
    if (!isValidTimeZone(timeZone)) throw new RangeError(`Invalid time zone specified: ${timeZone}`);
    this.readZoneOffset = zoneOffsetReader(timeZone);
  }

  /** Local time minus UTC in milliseconds at `at` (constant within each UTC quarter-hour). */
  offsetMs(at: number): number {
    const slot = Math.floor(at / QUARTER_MS);
    const cached = this.offsets.get(slot);
    if (cached !== undefined) return cached;
    if (this.offsets.size >= OFFSET_CACHE_MAX) this.offsets.clear();
    const offset = this.readZoneOffset ? this.readZoneOffset(slot * QUARTER_MS) : 0;
    this.offsets.set(slot, offset);
    return offset;
  }

  /** Minutes after local midnight (0–1439) at `at`; allocation-free. */
  minuteOfDay(at: number): number {
    const local = at + this.offsetMs(at);
    return Math.floor((((local % DAY_MS) + DAY_MS) % DAY_MS) / MINUTE_MS);
  }

  local(at: number): LocalTime {
    const d = new Date(at + this.offsetMs(at));
    return {
      year: d.getUTCFullYear(),
      month: d.getUTCMonth() + 1,
      day: d.getUTCDate(),
      hour: d.getUTCHours(),
      minute: d.getUTCMinutes(),
      weekday: ((d.getUTCDay() + 6) % 7) + 1,
    };
  }

  /**
   * The instant the local wall clock shows `year-month-day` + `minuteOfDay` (fields may overflow: day 0, month 13).
   * A time skipped by a DST jump maps to the jump itself (the first instant at or after that wall time);
   * a time shown twice maps to its first occurrence.
   */
  toUtc(year: number, month: number, day: number, minuteOfDay: number): number {
    const wall = Date.UTC(year, month - 1, day, 0, minuteOfDay);
    const offsetBefore = this.offsetMs(wall - DAY_MS);
    const offsetAfter = this.offsetMs(wall + DAY_MS);
    const early = wall - Math.max(offsetBefore, offsetAfter);
    const late = wall - Math.min(offsetBefore, offsetAfter);
    if (early + this.offsetMs(early) === wall) return early;
    if (late + this.offsetMs(late) === wall) return late;
    // In a gap: the first quarter-hour slot whose local time is at or past the wall time (the transition instant).
    let lo = Math.floor(early / QUARTER_MS);
    let hi = Math.ceil(late / QUARTER_MS);
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      const t = mid * QUARTER_MS;
      if (t + this.offsetMs(t) >= wall) hi = mid;
      else lo = mid + 1;
    }
    return lo * QUARTER_MS;
  }

  /** The day containing `at` when days start at the local time `resetMinute` (minutes after midnight). */
  dayWindow(at: number, resetMinute = 0): CalendarWindow {
    const cached = this.days.get(resetMinute);
    if (cached && at >= cached.start && at < cached.end) return cached;
    const d = this.localDate(at);
    let start = this.toUtc(d.year, d.month, d.day, resetMinute);
    let end: number;
    if (start > at) {
      end = start;
      start = this.toUtc(d.year, d.month, d.day - 1, resetMinute);
    } else {
      end = this.toUtc(d.year, d.month, d.day + 1, resetMinute);
    }
    const window = { start, end };
    this.days.set(resetMinute, window);
    return window;
  }

  /** The week containing `at`, from Monday 00:00 to the next Monday 00:00. */
  weekWindow(at: number): CalendarWindow {
    const cached = this.week;
    if (cached && at >= cached.start && at < cached.end) return cached;
    const d = this.localDate(at);
    const monday = d.day - (d.weekday - 1);
    let start = this.toUtc(d.year, d.month, monday, 0);
    let end = this.toUtc(d.year, d.month, monday + 7, 0);
    if (start > at) {
      end = start;
      start = this.toUtc(d.year, d.month, monday - 7, 0);
    }
    this.week = { start, end };
    return this.week;
  }

  /** The month containing `at`, from the 1st 00:00 to the next month's 1st 00:00. */
  monthWindow(at: number): CalendarWindow {
    const cached = this.month;
    if (cached && at >= cached.start && at < cached.end) return cached;
    const d = this.localDate(at);
    let start = this.toUtc(d.year, d.month, 1, 0);
    let end = this.toUtc(d.year, d.month + 1, 1, 0);
    if (start > at) {
      end = start;
      start = this.toUtc(d.year, d.month - 1, 1, 0);
    }
    this.month = { start, end };
    return this.month;
  }

  private localDate(at: number): { year: number; month: number; day: number; weekday: number } {
    const d = new Date(at + this.offsetMs(at));
    return {
      year: d.getUTCFullYear(),
      month: d.getUTCMonth() + 1,
      day: d.getUTCDate(),
      weekday: ((d.getUTCDay() + 6) % 7) + 1,
    };
  }
}

const calendars = new Map<string, TzCalendar>();

/** The shared calendar of a timezone (offset reader and caches built once). Throws RangeError for an unknown zone. */
export function calendarFor(timeZone: string): TzCalendar {
  let calendar = calendars.get(timeZone);
  if (!calendar) {
    calendar = new TzCalendar(timeZone);
    calendars.set(timeZone, calendar);
  }
  return calendar;
}
