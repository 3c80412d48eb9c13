// Calendar days, weeks and months in an IANA timezone (Intl only), for statistics and leaderboards.

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

export interface LocalDate {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Wall-clock fields of an instant in a timezone. */
export function localDate(timeZone: string, at: number): LocalDate {
  const out: LocalDate = { year: 1970, month: 1, day: 1, hour: 0, minute: 0 };
  for (const p of formatter(timeZone).formatToParts(at)) {
    if (p.type === 'year') out.year = Number(p.value);
    else if (p.type === 'month') out.month = Number(p.value);
    else if (p.type === 'day') out.day = Number(p.value);
    else if (p.type === 'hour') out.hour = Number(p.value);
    else if (p.type === 'minute') out.minute = Number(p.value);
  }
  return out;
}

/** Local time minus UTC at an instant, in ms (whole minutes). */
export function offsetMs(timeZone: string, at: number): number {
  const d = localDate(timeZone, at);
  const wall = Date.UTC(d.year, d.month - 1, d.day, d.hour, d.minute);
  return wall - Math.floor(at / 60_000) * 60_000;
}

/**
 * The instant of a local wall-clock time. In a DST gap the later offset applies (00:00 that does not exist becomes
 * 01:00); in an overlap the earlier instant wins.
 */
export function localToInstant(timeZone: string, y: number, month: number, day: number, h = 0, min = 0): number {
  const wall = Date.UTC(y, month - 1, day, h, min);
  // The offsets a day either side cover every transition near this wall time.
  const candidates = [offsetMs(timeZone, wall - DAY_MS), offsetMs(timeZone, wall + DAY_MS)].map((o) => wall - o);
  const valid = candidates.filter((c) => c + offsetMs(timeZone, c) === wall);
  return valid.length > 0 ? Math.min(...valid) : Math.max(...candidates);
}

export function startOfLocalDay(timeZone: string, at: number): number {
  const d = localDate(timeZone, at);
  return localToInstant(timeZone, d.year, d.month, d.day);
}

/** The start of the local day `n` days after the day starting at (or containing) `dayStart`. */
export function addLocalDays(timeZone: string, dayStart: number, n: number): number {
  const d = localDate(timeZone, dayStart + 12 * HOUR_MS);
  const next = new Date(Date.UTC(d.year, d.month - 1, d.day + n));
  return localToInstant(timeZone, next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate());
}

/** Monday 00:00 of the local week containing `at`. */
export function startOfLocalWeek(timeZone: string, at: number): number {
  const d = localDate(timeZone, at);
  const weekday = (new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay() + 6) % 7; // 0 = Monday
  return addLocalDays(timeZone, startOfLocalDay(timeZone, at), -weekday);
}

/** The 1st, 00:00, of the local month containing `at`. */
export function startOfLocalMonth(timeZone: string, at: number): number {
  const d = localDate(timeZone, at);
  return localToInstant(timeZone, d.year, d.month, 1);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `YYYY-MM-DD` of the local day containing `at`. */
export function localDateLabel(timeZone: string, at: number): string {
  const d = localDate(timeZone, at);
  return `${d.year}-${pad(d.month)}-${pad(d.day)}`;
}

/** `HH:00` of the local hour containing `at` (`HH:mm` where the offset is not whole hours). */
export function localHourLabel(timeZone: string, at: number): string {
  const d = localDate(timeZone, at);
  return `${pad(d.hour)}:${pad(d.minute)}`;
}

/** `YYYY-MM-DD` → the start of that local day; undefined when it is not such a date. */
export function parseLocalDate(timeZone: string, text: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return undefined;
  return localToInstant(timeZone, Number(m[1]), Number(m[2]), Number(m[3]));
}
