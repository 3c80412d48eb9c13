// Tests for reading zone offsets through the process time zone: the same answers as Intl, and TZ left as it was.
import { afterEach, describe, expect, it } from 'vitest';
import { zoneOffsetReader } from './zone-offset';

const HOUR = 3_600_000;
const initialTz = process.env.TZ;

afterEach(() => {
  if (initialTz === undefined) delete process.env.TZ;
  else process.env.TZ = initialTz;
});

/** Instants around this year's and next year's DST changes in both hemispheres, plus a few far ones. */
function instants(): number[] {
  const out: number[] = [Date.UTC(1999, 11, 31, 23, 59), Date.UTC(2038, 0, 19, 3, 14), Date.UTC(2100, 5, 1)];
  for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2028, 0, 1); t += 7 * 24 * HOUR + 15 * 60_000) {
    out.push(t, t - 1);
  }
  return out;
}

describe('zoneOffsetReader', () => {
  it('agrees with Intl for every zone ICU knows, across two years of DST changes', () => {
    const zones = [...Intl.supportedValuesOf('timeZone'), 'US/Eastern', 'Asia/Kolkata', 'Etc/GMT-14', 'Europe/Kyiv'];
    const at = instants();
    let compared = 0;
    for (const zone of zones) {
      const viaTz = zoneOffsetReader(zone, true);
      const viaIntl = zoneOffsetReader(zone, false);
      for (const t of at) {
        const expected = viaIntl(t);
        if (viaTz(t) !== expected)
          throw new Error(`${zone} at ${new Date(t).toISOString()}: ${viaTz(t)} ≠ ${expected}`);
        compared++;
      }
    }
    expect(compared).toBe(zones.length * at.length);
  });

  it('reads known offsets: half and quarter hours, DST on both hemispheres', () => {
    const read = (zone: string, iso: string) => zoneOffsetReader(zone, true)(Date.parse(iso));
    expect(read('Asia/Kathmandu', '2026-06-01T00:00:00Z')).toBe(5.75 * HOUR);
    expect(read('America/St_Johns', '2026-01-01T00:00:00Z')).toBe(-3.5 * HOUR);
    expect(read('Europe/Berlin', '2026-03-29T00:59:59.999Z')).toBe(HOUR);
    expect(read('Europe/Berlin', '2026-03-29T01:00:00Z')).toBe(2 * HOUR);
    expect(read('Australia/Sydney', '2026-01-01T00:00:00Z')).toBe(11 * HOUR);
    expect(read('Australia/Sydney', '2026-07-01T00:00:00Z')).toBe(10 * HOUR);
    expect(Object.is(read('Africa/Abidjan', '2026-07-01T00:00:00Z'), 0)).toBe(true);
  });

  it('leaves process.env.TZ as it found it: unset, set to another zone, or set to the same zone', () => {
    const berlin = zoneOffsetReader('Europe/Berlin', true);
    const summer = Date.parse('2026-07-01T00:00:00Z');

    delete process.env.TZ;
    expect(berlin(summer)).toBe(2 * HOUR);
    expect('TZ' in process.env).toBe(false);

    process.env.TZ = 'America/New_York';
    expect(berlin(summer)).toBe(2 * HOUR);
    expect(process.env.TZ).toBe('America/New_York');
    expect(new Date(summer).getTimezoneOffset()).toBe(240); // the process zone is back in effect

    process.env.TZ = 'Europe/Berlin';
    expect(berlin(summer)).toBe(2 * HOUR);
    expect(process.env.TZ).toBe('Europe/Berlin');
  });
});
