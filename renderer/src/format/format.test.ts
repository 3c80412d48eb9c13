// The formatters: money with the configured symbol, counts, percentages, durations, countdowns and dates.
import { describe, expect, it } from 'vitest';
import {
  changeRatio,
  EMPTY_VALUE,
  errorRate,
  formatBucket,
  formatCompact,
  formatCountdown,
  formatDate,
  formatDateTime,
  formatDuration,
  formatMoney,
  formatNumber,
  formatPercent,
  formatShortDateTime,
} from './format';

const usd = { locale: 'en', currencySymbol: '$' };

describe('formatMoney', () => {
  it('shows two decimals from one unit up, four below, three significant digits under a cent', () => {
    expect(formatMoney(1234.5, usd)).toBe('$1,234.50');
    expect(formatMoney(0.5, usd)).toBe('$0.50');
    expect(formatMoney(0.01234, usd)).toBe('$0.0123');
    expect(formatMoney(0.000141, usd)).toBe('$0.000141');
    expect(formatMoney(0, usd)).toBe('$0.00');
  });

  it('uses the configured symbol and the locale’s grouping, and keeps the sign in front', () => {
    expect(formatMoney(1234.5, { locale: 'zh-CN', currencySymbol: '¥' })).toBe('¥1,234.50');
    expect(formatMoney(1234.5, { locale: 'de', currencySymbol: '€' })).toBe('€1.234,50');
    expect(formatMoney(-2, usd)).toBe('-$2.00');
  });

  it('shows unknown amounts as a dash', () => {
    expect(formatMoney(null, usd)).toBe(EMPTY_VALUE);
    expect(formatMoney(undefined, usd)).toBe(EMPTY_VALUE);
    expect(formatMoney(Number.NaN, usd)).toBe(EMPTY_VALUE);
  });
});

describe('counts and ratios', () => {
  it('groups and compacts per locale', () => {
    expect(formatNumber(1234567, 'en')).toBe('1,234,567');
    expect(formatCompact(1234, 'en')).toBe('1.2K');
    expect(formatCompact(123456, 'zh-CN')).toBe('12.3万');
    expect(formatNumber(null, 'en')).toBe(EMPTY_VALUE);
  });

  it('formats ratios as percentages', () => {
    expect(formatPercent(0.125, 'en')).toBe('12.5%');
    expect(formatPercent(1, 'en', 0)).toBe('100%');
    expect(formatPercent(null, 'en')).toBe(EMPTY_VALUE);
  });

  it('compares today with yesterday only when yesterday had something', () => {
    expect(changeRatio(15, 10)).toBeCloseTo(0.5);
    expect(changeRatio(5, 10)).toBeCloseTo(-0.5);
    expect(changeRatio(5, 0)).toBeNull();
    expect(errorRate(1, 4)).toBe(0.25);
    expect(errorRate(0, 0)).toBe(0);
  });
});

describe('durations', () => {
  it('uses ms below a second, seconds below a minute, then minutes and seconds', () => {
    expect(formatDuration(850, 'en')).toBe('850 ms');
    expect(formatDuration(1234, 'en')).toBe('1.2 sec');
    expect(formatDuration(125_000, 'en')).toBe('2 min 5 sec');
    expect(formatDuration(120_000, 'en')).toBe('2 min');
    expect(formatDuration(null, 'en')).toBe(EMPTY_VALUE);
  });

  it('counts down in the two largest units, never below zero', () => {
    expect(formatCountdown((3 * 86_400 + 4 * 3600 + 59) * 1000, 'en')).toBe('3 days 4 hr');
    expect(formatCountdown((2 * 3600 + 5 * 60) * 1000, 'en')).toBe('2 hr 5 min');
    expect(formatCountdown(45_000, 'en')).toBe('45 sec');
    expect(formatCountdown(-5, 'en')).toBe('0 sec');
    expect(formatCountdown(2 * 3600 * 1000, 'zh-CN')).toBe('2小时');
  });
});

describe('dates', () => {
  const at = '2026-11-26T09:05:07Z';

  it('shows date and time in the configured timezone, 24-hour', () => {
    expect(formatDateTime(at, { ...usd, timeZone: 'UTC' })).toBe('Nov 26, 2026, 09:05:07');
    expect(formatDateTime(at, { ...usd, timeZone: 'Asia/Shanghai' })).toBe('Nov 26, 2026, 17:05:07');
    expect(formatDateTime(at, { locale: 'zh-CN', currencySymbol: '¥', timeZone: 'Asia/Shanghai' })).toBe(
      '2026年11月26日 17:05:07',
    );
  });

  it('shows missing or invalid dates as a dash', () => {
    expect(formatDate(null, usd)).toBe(EMPTY_VALUE);
    // a day and month are never two bare numbers (11/12 is read both ways around the world)
    const utc = { ...usd, timeZone: 'UTC' };
    expect(formatShortDateTime('2026-11-12T09:00:05Z', utc)).toBe('Nov 12, 09:00:05');
    expect(formatShortDateTime('2026-11-12T09:00:05Z', { ...utc, locale: 'zh-CN' })).toBe('11月12日 09:00:05');
    expect(formatBucket('2026-11-12T00:00:00Z', false, utc)).toBe('Nov 12');
    expect(formatDateTime('not a date', usd)).toBe(EMPTY_VALUE);
  });
});
