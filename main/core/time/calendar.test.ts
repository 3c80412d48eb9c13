// Tests for calendar windows: days at a reset time, weeks from Monday, months from the 1st, across DST and offsets.
import { describe, expect, it, vi } from 'vitest';
import { isUtcZone } from '../../../shared/time-zones';
import { calendarFor, HOUR_MS, isValidTimeZone, parseHhMm, systemTimeZone, TzCalendar } from './calendar';

const z = (iso: string): number => Date.parse(iso);
const iso = (ms: number): string => new Date(ms).toISOString();
const win = (w: { start: number; end: number }) => ({ start: iso(w.start), end: iso(w.end) });

describe('parseHhMm', () => {
  it('reads HH:mm and rejects anything else', () => {
    expect(parseHhMm('00:00')).toBe(0);
    expect(parseHhMm('09:30')).toBe(570);
    expect(parseHhMm('23:59')).toBe(1439);
    for (const bad of ['24:00', '9:30', '09:60', '0930', 'ab:cd', '', null, undefined])
      expect(parseHhMm(bad)).toBeNull();
  });
});

describe('isValidTimeZone', () => {
  it('knows IANA zones and their links', () => {
    expect(isValidTimeZone('Europe/Berlin')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
    expect(isValidTimeZone('Etc/UTC')).toBe(true);
    expect(isValidTimeZone('US/Eastern')).toBe(true); // a link, not in ICU's canonical list
    expect(isValidTimeZone('')).toBe(false);
  });
});

describe('zones ICU lists as canonical', () => {
  it('are validated and computed without Intl.DateTimeFormat (its locale data costs ~8 MB of RSS)', () => {
    const spy = vi.spyOn(Intl, 'DateTimeFormat');
    try {
      const cal = new TzCalendar('Pacific/Auckland');
      expect(cal.offsetMs(z('2026-01-15T00:00:00Z'))).toBe(13 * HOUR_MS);
      expect(win(cal.dayWindow(z('2026-01-15T00:00:00Z')))).toEqual({
        start: '2026-01-14T11:00:00.000Z',
        end: '2026-01-15T11:00:00.000Z',
      });
      expect(spy).not.toHaveBeenCalled();
    } finally {
      spy.mockRestore();
    }
  });

  it('an unknown zone is refused', () => {
    expect(() => new TzCalendar('Mars/Olympus')).toThrow(RangeError);
  });
});

describe('UTC without Intl', () => {
  it('the system zone is the zone /etc/localtime links to when Intl knows it, else Intl answers', () => {
    expect(systemTimeZone(() => '/usr/share/zoneinfo/Etc/UTC')).toBe('UTC');
    expect(systemTimeZone(() => '/var/db/timezone/zoneinfo/UTC')).toBe('UTC');
    expect(systemTimeZone(() => '/usr/share/zoneinfo/Europe/Berlin')).toBe('Europe/Berlin');
    expect(systemTimeZone(() => '/var/db/timezone/zoneinfo/America/Sao_Paulo')).toBe('America/Sao_Paulo');
    const viaIntl = Intl.DateTimeFormat().resolvedOptions().timeZone;
    expect(systemTimeZone(() => '/usr/share/zoneinfo/Mars/Olympus')).toBe(viaIntl);
    expect(
      systemTimeZone(() => {
        throw new Error('ENOENT');
      }),
    ).toBe(viaIntl);
  });

  it('UTC aliases compute the same windows as Intl does for UTC, without asking it', () => {
    const t = z('2026-03-29T01:30:00Z');
    for (const alias of ['Etc/UTC', 'GMT', 'Zulu']) {
      expect(isUtcZone(alias)).toBe(true);
      const cal = calendarFor(alias);
      expect(cal.offsetMs(t)).toBe(0);
      expect(win(cal.dayWindow(t, 8 * 60))).toEqual({
        start: '2026-03-28T08:00:00.000Z',
        end: '2026-03-29T08:00:00.000Z',
      });
      // Africa/Abidjan: UTC+0 all year, computed through Intl.
      expect(win(cal.monthWindow(t))).toEqual(win(calendarFor('Africa/Abidjan').monthWindow(t)));
      expect(win(cal.weekWindow(t))).toEqual(win(calendarFor('Africa/Abidjan').weekWindow(t)));
    }
    expect(isUtcZone('Europe/London')).toBe(false); // offset 0 in winter, but it has DST
  });
});

describe('UTC', () => {
  const cal = calendarFor('UTC');
  it('days, weeks and months', () => {
    const t = z('2026-01-07T15:00:00Z'); // a Wednesday
    expect(win(cal.dayWindow(t))).toEqual({ start: '2026-01-07T00:00:00.000Z', end: '2026-01-08T00:00:00.000Z' });
    expect(win(cal.weekWindow(t))).toEqual({ start: '2026-01-05T00:00:00.000Z', end: '2026-01-12T00:00:00.000Z' });
    expect(win(cal.monthWindow(t))).toEqual({ start: '2026-01-01T00:00:00.000Z', end: '2026-02-01T00:00:00.000Z' });
  });
  it('a reset time other than midnight: just before, at and after', () => {
    const reset = 9 * 60 + 30;
    expect(win(cal.dayWindow(z('2026-01-07T09:29:59.999Z'), reset))).toEqual({
      start: '2026-01-06T09:30:00.000Z',
      end: '2026-01-07T09:30:00.000Z',
    });
    expect(iso(cal.dayWindow(z('2026-01-07T09:30:00Z'), reset).start)).toBe('2026-01-07T09:30:00.000Z');
    expect(iso(cal.dayWindow(z('2026-01-07T09:30:00.001Z'), reset).end)).toBe('2026-01-08T09:30:00.000Z');
  });
  it('Sunday belongs to the week that began on Monday; Monday 00:00 starts the next', () => {
    expect(iso(cal.weekWindow(z('2026-01-11T23:59:59.999Z')).start)).toBe('2026-01-05T00:00:00.000Z');
    expect(iso(cal.weekWindow(z('2026-01-12T00:00:00Z')).start)).toBe('2026-01-12T00:00:00.000Z');
  });
  it('year and leap-month boundaries', () => {
    expect(win(cal.monthWindow(z('2025-12-31T23:59:59Z')))).toEqual({
      start: '2025-12-01T00:00:00.000Z',
      end: '2026-01-01T00:00:00.000Z',
    });
    expect(iso(cal.monthWindow(z('2028-02-29T12:00:00Z')).end)).toBe('2028-03-01T00:00:00.000Z');
  });
});

describe('Asia/Kolkata (+05:30)', () => {
  const cal = calendarFor('Asia/Kolkata');
  it('local midnight is 18:30 UTC the day before', () => {
    const t = z('2026-01-05T12:00:00Z'); // Monday 17:30 local
    expect(win(cal.dayWindow(t))).toEqual({ start: '2026-01-04T18:30:00.000Z', end: '2026-01-05T18:30:00.000Z' });
    expect(win(cal.weekWindow(t))).toEqual({ start: '2026-01-04T18:30:00.000Z', end: '2026-01-11T18:30:00.000Z' });
    expect(iso(cal.weekWindow(z('2026-01-04T18:29:59.999Z')).start)).toBe('2025-12-28T18:30:00.000Z');
  });
  it('months start on the 1st local', () => {
    expect(win(cal.monthWindow(z('2026-02-14T00:00:00Z')))).toEqual({
      start: '2026-01-31T18:30:00.000Z',
      end: '2026-02-28T18:30:00.000Z',
    });
    expect(iso(cal.monthWindow(z('2026-01-31T18:29:59.999Z')).start)).toBe('2025-12-31T18:30:00.000Z');
    expect(iso(cal.monthWindow(z('2026-01-31T18:30:00Z')).start)).toBe('2026-01-31T18:30:00.000Z');
  });
  it('minute of day and a reset at 09:30 local', () => {
    expect(cal.minuteOfDay(z('2026-01-05T00:00:00Z'))).toBe(330);
    expect(iso(cal.dayWindow(z('2026-01-05T04:00:00Z'), 570).start)).toBe('2026-01-05T04:00:00.000Z');
    expect(iso(cal.dayWindow(z('2026-01-05T03:59:00Z'), 570).start)).toBe('2026-01-04T04:00:00.000Z');
  });
});

describe('Europe/Berlin DST', () => {
  const cal = calendarFor('Europe/Berlin');
  it('the spring-forward day has 23 hours', () => {
    const w = cal.dayWindow(z('2026-03-29T10:00:00Z'));
    expect(win(w)).toEqual({ start: '2026-03-28T23:00:00.000Z', end: '2026-03-29T22:00:00.000Z' });
    expect(w.end - w.start).toBe(23 * HOUR_MS);
  });
  it('the fall-back day has 25 hours', () => {
    const w = cal.dayWindow(z('2026-10-25T12:00:00Z'));
    expect(win(w)).toEqual({ start: '2026-10-24T22:00:00.000Z', end: '2026-10-25T23:00:00.000Z' });
    expect(w.end - w.start).toBe(25 * HOUR_MS);
  });
  it('a reset time skipped by the clock (02:30 on the spring day) happens at the jump', () => {
    const reset = 150;
    expect(win(cal.dayWindow(z('2026-03-29T00:59:59.999Z'), reset))).toEqual({
      start: '2026-03-28T01:30:00.000Z',
      end: '2026-03-29T01:00:00.000Z',
    });
    expect(win(cal.dayWindow(z('2026-03-29T01:00:00Z'), reset))).toEqual({
      start: '2026-03-29T01:00:00.000Z',
      end: '2026-03-30T00:30:00.000Z',
    });
  });
  it('a reset time shown twice (02:30 on the fall day) happens at its first occurrence', () => {
    const reset = 150;
    expect(iso(cal.dayWindow(z('2026-10-25T00:29:59Z'), reset).end)).toBe('2026-10-25T00:30:00.000Z');
    const w = cal.dayWindow(z('2026-10-25T01:45:00Z'), reset); // the second 02:45
    expect(win(w)).toEqual({ start: '2026-10-25T00:30:00.000Z', end: '2026-10-26T01:30:00.000Z' });
  });
  it('the month across the spring change', () => {
    expect(win(cal.monthWindow(z('2026-03-15T00:00:00Z')))).toEqual({
      start: '2026-02-28T23:00:00.000Z',
      end: '2026-03-31T22:00:00.000Z',
    });
  });
  it('the week across the fall change ends on Monday 00:00 CET', () => {
    expect(win(cal.weekWindow(z('2026-10-25T12:00:00Z')))).toEqual({
      start: '2026-10-18T22:00:00.000Z',
      end: '2026-10-25T23:00:00.000Z',
    });
  });
  it('local fields', () => {
    expect(cal.local(z('2026-03-29T01:00:00Z'))).toEqual({
      year: 2026,
      month: 3,
      day: 29,
      hour: 3,
      minute: 0,
      weekday: 7,
    });
  });
});

describe('America/New_York DST', () => {
  const cal = calendarFor('America/New_York');
  it('the spring-forward day: midnight to midnight is 23 h', () => {
    expect(win(cal.dayWindow(z('2026-03-08T12:00:00Z')))).toEqual({
      start: '2026-03-08T05:00:00.000Z',
      end: '2026-03-09T04:00:00.000Z',
    });
  });
  it('a 09:30 reset moves from 14:30 UTC to 13:30 UTC across the change', () => {
    const reset = 570;
    expect(win(cal.dayWindow(z('2026-03-08T13:29:59Z'), reset))).toEqual({
      start: '2026-03-07T14:30:00.000Z',
      end: '2026-03-08T13:30:00.000Z',
    });
    expect(iso(cal.dayWindow(z('2026-03-08T13:30:00Z'), reset).end)).toBe('2026-03-09T13:30:00.000Z');
  });
  it('a 02:30 reset on the spring day happens at the jump (03:00 EDT)', () => {
    expect(iso(cal.dayWindow(z('2026-03-08T12:00:00Z'), 150).start)).toBe('2026-03-08T07:00:00.000Z');
  });
  it('01:30 on the fall-back day is its first occurrence (EDT)', () => {
    const w = cal.dayWindow(z('2026-11-01T06:45:00Z'), 90); // 01:45 EST, the second pass
    expect(win(w)).toEqual({ start: '2026-11-01T05:30:00.000Z', end: '2026-11-02T06:30:00.000Z' });
  });
  it('the week containing the fall change', () => {
    expect(win(cal.weekWindow(z('2026-11-01T12:00:00Z')))).toEqual({
      start: '2026-10-26T04:00:00.000Z',
      end: '2026-11-02T05:00:00.000Z',
    });
  });
});

describe('caching', () => {
  it('returns the same window object until it ends, then the next one', () => {
    const cal = calendarFor('UTC');
    const a = cal.dayWindow(z('2026-01-07T01:00:00Z'));
    expect(cal.dayWindow(z('2026-01-07T23:00:00Z'))).toBe(a);
    const b = cal.dayWindow(z('2026-01-08T00:00:00Z'));
    expect(b.start).toBe(a.end);
    expect(calendarFor('UTC')).toBe(cal);
  });
});
