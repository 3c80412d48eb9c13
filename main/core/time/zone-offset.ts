// A time zone's UTC offset at an instant, read from ICU's zone data through the process time zone instead of Intl.
import { isMainThread } from 'node:worker_threads';

/** Reads a zone's offset from UTC at an instant: milliseconds, positive east of Greenwich. */
export type ZoneOffsetReader = (at: number) => number;

/**
 * The offset reader for a zone Intl accepts (check with `isValidTimeZone` first).
 *
 * Node's main thread points `process.env.TZ` at the zone for one synchronous `getTimezoneOffset` and puts the previous
 * value back before any other code runs. That uses ICU's zone data alone (reads are cached per quarter-hour by the
 * calendar). `Intl.DateTimeFormat` gives the same answer, but its first use loads
 * ICU's locale data, ~8 MB of RSS for the life of the process. A worker thread's `process.env` is its own copy that ICU
 * never reads, so workers (and tests comparing the two) use the Intl reader.
 */
export function zoneOffsetReader(timeZone: string, viaProcessTz = isMainThread): ZoneOffsetReader {
  return viaProcessTz ? (at) => processTzOffsetMs(timeZone, at) : intlOffsetReader(timeZone);
}

function processTzOffsetMs(timeZone: string, at: number): number {
  const env = process.env;
  const previous = env.TZ;
  if (previous === timeZone) return offsetFromMinutes(new Date(at).getTimezoneOffset());
  env.TZ = timeZone; // Node re-detects V8's and ICU's time zone on every TZ assignment
  try {
    return offsetFromMinutes(new Date(at).getTimezoneOffset());
  } finally {
    if (previous === undefined) delete env.TZ;
    else env.TZ = previous;
  }
}

/** `getTimezoneOffset` is UTC minus local time in minutes, fractional for old local mean times. */
function offsetFromMinutes(minutes: number): number {
  return minutes === 0 ? 0 : Math.round(-minutes * 60_000);
}

function intlOffsetReader(timeZone: string): ZoneOffsetReader {
  const formatter = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  return (at) => {
    const f = { year: 1970, month: 1, day: 1, hour: 0, minute: 0, second: 0 };
    for (const { type, value } of formatter.formatToParts(at)) if (type in f) f[type as keyof typeof f] = Number(value);
    const local = Date.UTC(f.year, f.month - 1, f.day, f.hour % 24, f.minute, f.second);
    return local - Math.floor(at / 1000) * 1000;
  };
}
