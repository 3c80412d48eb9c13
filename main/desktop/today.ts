// "Today" in the hub's timezone: the epoch-ms start of the local day, via Intl only.

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

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
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The zone's offset from UTC at `at` (ms; positive east of Greenwich). */
export function zoneOffsetMs(timeZone: string, at: number): number {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(at)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const asUtc = Date.UTC(
    parts.year ?? 1970,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
  return asUtc - (at - (((at % 1000) + 1000) % 1000));
}

/** True for a timezone name Intl knows. */
export function isTimeZone(name: string): boolean {
  try {
    formatter(name);
    return true;
  } catch {
    return false;
  }
}

/** Epoch ms of the local midnight that starts the day containing `now` in `timeZone`. */
export function startOfDay(timeZone: string, now: number): number {
  const offset = zoneOffsetMs(timeZone, now);
  const local = now + offset;
  const localMidnight = local - (((local % DAY_MS) + DAY_MS) % DAY_MS);
  const start = localMidnight - offset;
  // Across a DST change the offset at midnight differs from the offset now.
  const offsetAtStart = zoneOffsetMs(timeZone, start);
  return offsetAtStart === offset ? start : localMidnight - offsetAtStart;
}

/**
 * The first UTC hour bucket (usage_hourly.hour) counted as today: the bucket holding local midnight. In zones with a
 * half-hour offset that bucket also holds the last minutes of yesterday; rollups are hourly, so it counts as today.
 */
export function firstHourOfToday(timeZone: string, now: number): number {
  const start = startOfDay(timeZone, now);
  return Math.floor(start / HOUR_MS) * HOUR_MS;
}
