// Pure, locale-aware formatters for money (USD shown with the configured symbol), counts, durations and dates.

export interface FormatContext {
  /** BCP 47 locale, e.g. "en" or "zh-CN". */
  locale: string;
  /** Display symbol of settings.currencySymbol ("$", "¥"…); amounts are always USD. */
  currencySymbol: string;
  /** IANA time zone for dates; undefined = the browser's. */
  timeZone?: string | undefined;
}

export const EMPTY_VALUE = '—';

const numberFormats = new Map<string, Intl.NumberFormat>();

function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const id = `${locale}|${JSON.stringify(options)}`;
  let format = numberFormats.get(id);
  if (!format) {
    format = new Intl.NumberFormat(locale, options);
    numberFormats.set(id, format);
  }
  return format;
}

/** Money: two decimals from one unit up, four below, three significant digits under a cent; null = unknown. */
export function formatMoney(usd: number | null | undefined, ctx: FormatContext): string {
  if (usd === null || usd === undefined || !Number.isFinite(usd)) return EMPTY_VALUE;
  const abs = Math.abs(usd);
  let options: Intl.NumberFormatOptions;
  if (abs === 0 || abs >= 1) options = { minimumFractionDigits: 2, maximumFractionDigits: 2 };
  else if (abs >= 0.01) options = { minimumFractionDigits: 2, maximumFractionDigits: 4 };
  else options = { maximumSignificantDigits: 3 };
  const digits = numberFormat(ctx.locale, options).format(abs);
  return `${usd < 0 ? '-' : ''}${ctx.currencySymbol}${digits}`;
}

/** A plain count with grouping: 1,234,567. */
export function formatNumber(value: number | null | undefined, locale: string): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return EMPTY_VALUE;
  return numberFormat(locale, { maximumFractionDigits: 2 }).format(value);
}

/** A short count for cards and axes: 1.2K, 3.4M (12万 in Chinese). */
export function formatCompact(value: number | null | undefined, locale: string): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return EMPTY_VALUE;
  return numberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 }).format(value);
}

/** A ratio 0..1 as a percentage: 0.125 → 12.5%. */
export function formatPercent(ratio: number | null | undefined, locale: string, fractionDigits = 1): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return EMPTY_VALUE;
  return numberFormat(locale, { style: 'percent', maximumFractionDigits: fractionDigits }).format(ratio);
}

function unit(value: number, name: string, locale: string, fractionDigits = 0): string {
  return numberFormat(locale, {
    style: 'unit',
    unit: name,
    unitDisplay: 'short',
    maximumFractionDigits: fractionDigits,
  }).format(value);
}

/** A latency: 850 ms, 1.2 s, 2 min 5 s. */
export function formatDuration(ms: number | null | undefined, locale: string): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return EMPTY_VALUE;
  if (ms < 1000) return unit(Math.round(ms), 'millisecond', locale);
  if (ms < 60_000) return unit(ms / 1000, 'second', locale, 1);
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  return seconds === 0
    ? unit(minutes, 'minute', locale)
    : `${unit(minutes, 'minute', locale)} ${unit(seconds, 'second', locale)}`;
}

/** Time left until a reset, two largest units: 3 d 4 h, 2 h 5 min, 45 s; zero or less → 0 s. */
export function formatCountdown(ms: number, locale: string): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const parts: [number, string][] = [
    [Math.floor(total / 86_400), 'day'],
    [Math.floor((total % 86_400) / 3600), 'hour'],
    [Math.floor((total % 3600) / 60), 'minute'],
    [total % 60, 'second'],
  ];
  const first = parts.findIndex(([n]) => n > 0);
  if (first === -1) return unit(0, 'second', locale);
  return parts
    .slice(first, first + 2)
    .filter(([n]) => n > 0)
    .map(([n, name]) => unit(n, name, locale))
    .join(' ');
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

function dateFormat(ctx: FormatContext, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const id = `${ctx.locale}|${ctx.timeZone ?? ''}|${JSON.stringify(options)}`;
  let format = dateFormats.get(id);
  if (!format) {
    format = new Intl.DateTimeFormat(ctx.locale, { ...options, ...(ctx.timeZone ? { timeZone: ctx.timeZone } : {}) });
    dateFormats.set(id, format);
  }
  return format;
}

function toDate(value: string | number | Date | null | undefined): Date | null {
  if (value === null || value === undefined) return null;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** Date and time to the second: "Nov 26, 2026, 9:00:00 AM" / "2026年11月26日 09:00:00". */
export function formatDateTime(value: string | number | Date | null | undefined, ctx: FormatContext): string {
  const date = toDate(value);
  if (!date) return EMPTY_VALUE;
  return dateFormat(ctx, { dateStyle: 'medium', timeStyle: 'medium', hourCycle: 'h23' }).format(date);
}

/**
 * A compact time for dense tables: "Nov 26, 09:00:05" / "11月26日 09:00:05". The month is a name, never a number: "11/12"
 * reads as November 12 in one locale and December 11 in another.
 */
export function formatShortDateTime(value: string | number | Date | null | undefined, ctx: FormatContext): string {
  const date = toDate(value);
  if (!date) return EMPTY_VALUE;
  return dateFormat(ctx, {
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).format(date);
}

/** A day: "Nov 26, 2026". */
export function formatDate(value: string | number | Date | null | undefined, ctx: FormatContext): string {
  const date = toDate(value);
  if (!date) return EMPTY_VALUE;
  return dateFormat(ctx, { dateStyle: 'medium' }).format(date);
}

/** An axis label for a time bucket: hours for hourly series ("09:00"), days otherwise ("Nov 26", month named). */
export function formatBucket(value: string | number | Date, hourly: boolean, ctx: FormatContext): string {
  const date = toDate(value);
  if (!date) return EMPTY_VALUE;
  return dateFormat(
    ctx,
    hourly ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } : { month: 'short', day: 'numeric' },
  ).format(date);
}

/** Change of today against yesterday as a ratio (0.25 = +25%); null when yesterday had nothing to compare. */
export function changeRatio(today: number, yesterday: number): number | null {
  if (!Number.isFinite(today) || !Number.isFinite(yesterday) || yesterday === 0) return null;
  return (today - yesterday) / yesterday;
}

/** Errors over requests, 0 when there were no requests. */
export function errorRate(errors: number, requests: number): number {
  return requests > 0 ? errors / requests : 0;
}
