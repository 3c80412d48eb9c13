// In-memory spend per subject for the 5-hour, daily, weekly, monthly and total windows, rebuilt from the usage ledger.
//
// Each subject's spend is a SubjectSpend (subject-spend.ts): minute and quarter-hour buckets with cumulative sums.
// - Windows count every bucket from their start on: charges are assumed not to lie in the future of `now`.
// - Rolling windows are exact to the minute: a charge made in minute m counts until minute m + 300 (5 h) or
//   m + 1440 (24 h) begins, i.e. for 4 h 59 m 0.001 s to 5 h after it happened.
// - The fixed 5-hour window starts at the first charge after the previous block ended and lasts 5 h (exact ms).
// - Total counts charges at or after the subject's reset marker.
import type { JsonLimits } from '../db/schema';
import { effectiveLimit, keySubject, providerSubject, userSubject } from '../subjects';
import { type CalendarWindow, calendarFor, DAY_MS, MINUTE_MS, parseHhMm, type TzCalendar } from '../time/calendar';
import { FIVE_HOURS_MS, NANOS_PER_USD, type ResettableSpendWindow, SubjectSpend } from './subject-spend';

export type SpendWindow = 'fiveHour' | 'daily' | 'weekly' | 'monthly' | 'total';

/** Check order: shorter windows first; the guard reports the first one over its limit. */
export const SPEND_WINDOWS: readonly SpendWindow[] = ['fiveHour', 'daily', 'weekly', 'monthly', 'total'];

export interface WindowUsage {
  window: SpendWindow;
  /** USD spent in the window. */
  used: number;
  /** USD held by the subject's requests in flight (spend-reservations.ts); counted toward admission, not `used`. */
  reserved: number;
  /** USD limit, null = unlimited. */
  limit: number | null;
  /**
   * When the window resets (epoch ms). Fixed windows: their end. Rolling windows: when the use drops back under the
   * limit if it is at or over it, else when the oldest counted spend leaves (null when nothing is counted).
   * Fixed 5 h with no block running, and total: null.
   */
  resetsAt: number | null;
}

/** One `usage_ledger` row. */
export interface LedgerRow {
  at: number;
  userId: string | null;
  keyId: string | null;
  providerId: string | null;
  costUsd: number;
}

const FIVE_HOUR_MINUTES = 300;
const DAY_MINUTES = 1440;

export class SpendWindows {
  private readonly subjects = new Map<string, SubjectSpend>();
  private calendar: TzCalendar;

  /** `timeZone`: the hub's IANA timezone (days, weeks and months are local to it). */
  constructor(timeZone: string) {
    this.calendar = calendarFor(timeZone);
  }

  get timeZone(): string {
    return this.calendar.timeZone;
  }

  /** Takes effect at once: buckets are fine enough that no ledger rows are needed. */
  setTimeZone(timeZone: string): void {
    this.calendar = calendarFor(timeZone);
  }

  /** Adds a billed request's cost to every subject it concerns (see subjects.ts for the names). */
  charge(subjects: readonly string[], costUsd: number, atMs: number): void {
    if (!Number.isFinite(costUsd) || !Number.isFinite(atMs)) return;
    const nanos = Math.round(costUsd * NANOS_PER_USD);
    for (const subject of subjects) this.state(subject).add(nanos, atMs);
  }

  /** Charges one ledger row to its user, key and provider. */
  chargeRow(row: LedgerRow): void {
    if (!Number.isFinite(row.costUsd) || !Number.isFinite(row.at)) return;
    const nanos = Math.round(row.costUsd * NANOS_PER_USD);
    if (row.userId !== null) this.state(userSubject(row.userId)).add(nanos, row.at);
    if (row.keyId !== null) this.state(keySubject(row.keyId)).add(nanos, row.at);
    if (row.providerId !== null) this.state(providerSubject(row.providerId)).add(nanos, row.at);
  }

  /**
   * Replaces everything with the ledger's figures. `totalResets` are the subjects' total-reset markers
   * (`[subject, atMs]`): charges before a marker do not count toward that subject's total.
   */
  rebuild(
    rows: Iterable<LedgerRow>,
    totalResets: Iterable<readonly [string, number]> = [],
    windowResets: Iterable<readonly [string, ResettableSpendWindow, number]> = [],
  ): void {
    this.subjects.clear();
    for (const [subject, at] of totalResets) this.state(subject).resetAt = at;
    for (const [subject, window, at] of windowResets) this.state(subject).resetWindow(window, at, 0);
    for (const row of rows) this.chargeRow(row);
  }

  /**
   * An admin reset of the total: spend before `atMs` no longer counts. Exact when `atMs` is at or after the
   * subject's latest charge (the usual "reset now"); an earlier marker is applied at bucket granularity until the
   * next rebuild, which applies it exactly.
   */
  resetTotal(subject: string, atMs: number): void {
    const s = this.state(subject);
    s.resetAt = atMs;
    if (atMs > s.lastAt) s.sinceReset = 0;
    else if (atMs === s.lastAt) s.sinceReset = s.nanosAtLastAt;
    else s.sinceReset = s.nanosFrom(atMs);
  }

  /** An admin reset of one window now: what was spent before `atMs` no longer counts in it (exact; see WindowReset). */
  resetWindow(subject: string, window: ResettableSpendWindow, atMs: number): void {
    const s = this.state(subject);
    const after = s.lastAt < atMs ? 0 : s.lastAt === atMs ? s.nanosAtLastAt : s.nanosFrom(atMs);
    s.resetWindow(window, atMs, s.total - after);
  }

  totalResetAt(subject: string): number | null {
    const at = this.subjects.get(subject)?.resetAt;
    return at === undefined || at === Number.NEGATIVE_INFINITY ? null : at;
  }

  /** Every window of a subject, in check order (for quota pages). */
  usage(subject: string, limits: JsonLimits, now: number): WindowUsage[] {
    return SPEND_WINDOWS.map((w) => this.measure(subject, w, limits, now));
  }

  /** One window of a subject; `reservedNanos`: what its requests in flight hold (reported, not added to `used`). */
  measure(subject: string, window: SpendWindow, limits: JsonLimits, now: number, reservedNanos = 0): WindowUsage {
    const s = this.subjects.get(subject);
    const limit = limitFor(limits, window);
    const used = s ? this.usedNanos(s, window, limits, now) : 0;
    return {
      window,
      used: used / NANOS_PER_USD,
      reserved: reservedNanos / NANOS_PER_USD,
      limit,
      resetsAt: this.resetsAt(s, window, limits, now, used, limit),
    };
  }

  /**
   * The first window (in check order) that refuses a request estimated at `estimateNanos` while the subject's
   * requests in flight hold `reservedNanos`, or null. Allocates only on refusal. A window refuses when
   * - its use is at or over its limit, or
   * - something is in flight and used + reserved + estimate would pass the limit.
   * With nothing in flight a request is admitted while the use is under the limit, whatever its estimate: a prompt
   * dearer than what is left still runs, alone, and may end the window over its limit by at most its own cost. While
   * it runs its reservation fills the window, so nothing else is admitted beside it.
   */
  exceeded(subject: string, limits: JsonLimits, now: number, reservedNanos = 0, estimateNanos = 0): WindowUsage | null {
    const s = this.subjects.get(subject);
    for (const window of SPEND_WINDOWS) {
      const limit = limitFor(limits, window);
      if (limit === null) continue;
      const used = s ? this.usedNanos(s, window, limits, now) : 0;
      if (
        used / NANOS_PER_USD >= limit ||
        (reservedNanos > 0 && (used + reservedNanos + estimateNanos) / NANOS_PER_USD > limit)
      ) {
        return {
          window,
          used: used / NANOS_PER_USD,
          reserved: reservedNanos / NANOS_PER_USD,
          limit,
          resetsAt: this.resetsAt(s, window, limits, now, used, limit),
        };
      }
    }
    return null;
  }

  /** Folds old buckets of every subject (optional housekeeping: charges fold their own subject as they go). */
  sweep(now: number): void {
    for (const s of this.subjects.values()) s.compact(now);
  }

  /** Buckets held in all, for tests and metrics. */
  bucketCount(): number {
    let n = 0;
    for (const s of this.subjects.values()) n += s.size;
    return n;
  }

  private state(subject: string): SubjectSpend {
    let s = this.subjects.get(subject);
    if (!s) {
      s = new SubjectSpend();
      this.subjects.set(subject, s);
    }
    return s;
  }

  private usedNanos(s: SubjectSpend, window: SpendWindow, limits: JsonLimits, now: number): number {
    switch (window) {
      case 'fiveHour': {
        if (limits.fiveHourMode === 'fixed') {
          if (now < s.blockStart || now >= s.blockStart + FIVE_HOURS_MS) return 0;
          const r = s.resets?.fiveHour;
          return r && s.blockStart <= r.at ? s.total - r.preNanos : s.blockNanos;
        }
        return s.windowNanos('fiveHour', rollingStart(now, FIVE_HOUR_MINUTES));
      }
      case 'daily':
        if (limits.dailyMode === 'rolling') return s.windowNanos('daily', rollingStart(now, DAY_MINUTES));
        return s.windowNanos('daily', this.day(limits, now).start);
      case 'weekly':
        return s.windowNanos('weekly', this.calendar.weekWindow(now).start);
      case 'monthly':
        return s.windowNanos('monthly', this.calendar.monthWindow(now).start);
      case 'total':
        return s.sinceReset;
    }
  }

  private resetsAt(
    s: SubjectSpend | undefined,
    window: SpendWindow,
    limits: JsonLimits,
    now: number,
    used: number,
    limit: number | null,
  ): number | null {
    switch (window) {
      case 'fiveHour':
        if (limits.fiveHourMode === 'fixed') {
          return s && now >= s.blockStart && now < s.blockStart + FIVE_HOURS_MS ? s.blockStart + FIVE_HOURS_MS : null;
        }
        return s ? s.rollingResetsAt(rollingStart(now, FIVE_HOUR_MINUTES), FIVE_HOURS_MS, used, limit) : null;
      case 'daily':
        if (limits.dailyMode === 'rolling') {
          return s ? s.rollingResetsAt(rollingStart(now, DAY_MINUTES), DAY_MS, used, limit) : null;
        }
        return this.day(limits, now).end;
      case 'weekly':
        return this.calendar.weekWindow(now).end;
      case 'monthly':
        return this.calendar.monthWindow(now).end;
      case 'total':
        return null;
    }
  }

  private day(limits: JsonLimits, now: number): CalendarWindow {
    return this.calendar.dayWindow(now, parseHhMm(limits.dailyResetTime) ?? 0);
  }
}

/** Start of the rolling window of the last `minutes` minute buckets, the current one included. */
function rollingStart(now: number, minutes: number): number {
  return (Math.floor(now / MINUTE_MS) - minutes + 1) * MINUTE_MS;
}

/** Whether any spend window of these limits applies. */
export function hasSpendLimit(limits: JsonLimits): boolean {
  for (const window of SPEND_WINDOWS) if (limitFor(limits, window) !== null) return true;
  return false;
}

function limitFor(limits: JsonLimits, window: SpendWindow): number | null {
  switch (window) {
    case 'fiveHour':
      return effectiveLimit(limits.fiveHourUsd);
    case 'daily':
      return effectiveLimit(limits.dailyUsd);
    case 'weekly':
      return effectiveLimit(limits.weeklyUsd);
    case 'monthly':
      return effectiveLimit(limits.monthlyUsd);
    case 'total':
      return effectiveLimit(limits.totalUsd);
  }
}
