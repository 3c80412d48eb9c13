// In-memory spend per subject for the 5-hour, daily, weekly, monthly and total windows, rebuilt from the usage ledger.
//
// Per subject, spend is kept as time buckets with cumulative sums, so any window sum is one binary search:
// - minute buckets for at least the last 26 h (rolling 5 h / 24 h, and a fixed day starting at any "HH:mm": a day
//   is at most 25 h long; folded every 2 h, so at most 28 h are held), then 15-minute buckets back to 32 days
//   (weeks and months start at local midnight, a UTC quarter-hour in every real-world timezone), older buckets
//   folded into one base sum; plus the lifetime total. A busy subject holds at most ~4.8k (start, cumulative)
//   pairs whatever the ledger size, and the timezone or a reset time can change without the raw rows.
// - Windows count every bucket from their start on: charges are assumed not to lie in the future of `now`.
// - Rolling windows are exact to the minute: a charge made in minute m counts until minute m + 300 (5 h) or
//   m + 1440 (24 h) begins, i.e. for 4 h 59 m 0.001 s to 5 h after it happened.
// - Amounts are integer nano-USD (SPEC §6: ≥ 1e-9 precision), so sums do not depend on the order of additions and
//   a rebuild from the ledger reproduces the live figures exactly.
// - The fixed 5-hour window starts at the first charge after the previous block ended and lasts 5 h (exact ms).
// - Total counts charges at or after the subject's reset marker.
import type { JsonLimits } from '../db/schema';
import { effectiveLimit, keySubject, providerSubject, userSubject } from '../subjects';
import {
  type CalendarWindow,
  calendarFor,
  DAY_MS,
  HOUR_MS,
  MINUTE_MS,
  parseHhMm,
  QUARTER_MS,
  type TzCalendar,
} from '../time/calendar';

export type SpendWindow = 'fiveHour' | 'daily' | 'weekly' | 'monthly' | 'total';

/** Check order: shorter windows first (SPEC §5). */
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

/** Spend is counted in whole nano-USD. */
export const NANOS_PER_USD = 1e9;
const FIVE_HOURS_MS = 5 * HOUR_MS;
const MINUTE_SPAN_MS = 26 * HOUR_MS;
const QUARTER_SPAN_MS = 32 * DAY_MS;
/** Charges fold their subject's buckets once the minute region is this much longer than needed. */
const COMPACT_EVERY_MS = 2 * HOUR_MS;
const FIVE_HOUR_MINUTES = 300;
const DAY_MINUTES = 1440;

const floorTo = (t: number, step: number): number => Math.floor(t / step) * step;

/** First index at or after `from` whose value is >= x. */
function lowerBound(values: readonly number[], x: number, from: number): number {
  let lo = from;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((values[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Folded-away buckets are trimmed from the arrays once this many have piled up at their front. */
const TRIM_AT = 512;

class SubjectSpend {
  /** Bucket start times, ascending: quarter-hour labels before `minuteFrom`, minute labels from it. */
  readonly starts: number[] = [];
  /** Lifetime nano-USD up to and including each bucket. */
  readonly cums: number[] = [];
  /** Buckets before this index are folded into `base` (still in the arrays until trimmed). */
  head = 0;
  /** Nano-USD of the folded buckets: the cumulative sum before `starts[head]`. */
  base = 0;
  total = 0;
  minuteFrom = Number.NEGATIVE_INFINITY;
  blockStart = Number.NEGATIVE_INFINITY;
  blockNanos = 0;
  resetAt = Number.NEGATIVE_INFINITY;
  sinceReset = 0;
  lastAt = Number.NEGATIVE_INFINITY;
  nanosAtLastAt = 0;

  get size(): number {
    return this.starts.length - this.head;
  }

  add(nanos: number, at: number): void {
    if (floorTo(at - MINUTE_SPAN_MS, QUARTER_MS) >= this.minuteFrom + COMPACT_EVERY_MS) this.compact(at);
    const { starts, cums } = this;
    const bucket = at < this.minuteFrom ? floorTo(at, QUARTER_MS) : floorTo(at, MINUTE_MS);
    const n = starts.length;
    if (n === this.head || bucket > (starts[n - 1] as number)) {
      cums.push(this.before(n) + nanos);
      starts.push(bucket);
    } else {
      const i = lowerBound(starts, bucket, this.head);
      if (starts[i] !== bucket) {
        cums.splice(i, 0, this.before(i));
        starts.splice(i, 0, bucket);
      }
      for (let j = i; j < cums.length; j++) cums[j] = (cums[j] as number) + nanos;
    }
    this.total += nanos;

    if (at >= this.blockStart + FIVE_HOURS_MS) {
      this.blockStart = at;
      this.blockNanos = nanos;
    } else if (at >= this.blockStart) {
      this.blockNanos += nanos;
    }

    if (at >= this.resetAt) this.sinceReset += nanos;
    if (at > this.lastAt) {
      this.lastAt = at;
      this.nanosAtLastAt = nanos;
    } else if (at === this.lastAt) {
      this.nanosAtLastAt += nanos;
    }
  }

  /** The cumulative sum before bucket index `i`. */
  before(i: number): number {
    return i === this.head ? this.base : (this.cums[i - 1] as number);
  }

  /** Nano-USD in the buckets that start at or after `start`. */
  nanosFrom(start: number): number {
    return this.total - this.before(lowerBound(this.starts, start, this.head));
  }

  /** Rolling window: when the use falls under the limit (or the oldest counted bucket leaves). */
  rollingResetsAt(start: number, spanMs: number, used: number, limitUsd: number | null): number | null {
    const i = lowerBound(this.starts, start, this.head);
    if (used <= 0 || i >= this.starts.length) return null;
    if (limitUsd === null || used / NANOS_PER_USD < limitUsd) return (this.starts[i] as number) + spanMs;
    const before = this.before(i);
    for (let j = i; j < this.starts.length; j++) {
      const remaining = used - ((this.cums[j] as number) - before);
      if (remaining / NANOS_PER_USD < limitUsd) return (this.starts[j] as number) + spanMs;
    }
    return null;
  }

  /** Folds minute buckets older than 26 h into quarter-hours and quarter-hours older than 32 days into `base`. */
  compact(ref: number): void {
    const minuteFrom = floorTo(ref - MINUTE_SPAN_MS, QUARTER_MS);
    if (minuteFrom <= this.minuteFrom) return;
    const { starts, cums } = this;
    const dropEnd = lowerBound(starts, floorTo(ref - QUARTER_SPAN_MS, QUARTER_MS), this.head);
    if (dropEnd > this.head) {
      this.base = cums[dropEnd - 1] as number;
      this.head = dropEnd;
    }
    // minute buckets in [mergeFrom, mergeTo) become quarter-hours; earlier ones already are, later ones stay
    const mergeFrom = lowerBound(starts, this.minuteFrom, this.head);
    const mergeTo = lowerBound(starts, minuteFrom, mergeFrom);
    let w = mergeFrom;
    for (let r = mergeFrom; r < mergeTo; r++) {
      const label = floorTo(starts[r] as number, QUARTER_MS);
      if (w > mergeFrom && starts[w - 1] === label) {
        cums[w - 1] = cums[r] as number;
      } else {
        starts[w] = label;
        cums[w] = cums[r] as number;
        w++;
      }
    }
    if (w < mergeTo) {
      starts.splice(w, mergeTo - w);
      cums.splice(w, mergeTo - w);
    }
    if (this.head >= TRIM_AT) {
      starts.splice(0, this.head);
      cums.splice(0, this.head);
      this.head = 0;
    }
    this.minuteFrom = minuteFrom;
  }
}

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
  rebuild(rows: Iterable<LedgerRow>, totalResets: Iterable<readonly [string, number]> = []): void {
    this.subjects.clear();
    for (const [subject, at] of totalResets) this.state(subject).resetAt = at;
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
      case 'fiveHour':
        if (limits.fiveHourMode === 'fixed') {
          return now >= s.blockStart && now < s.blockStart + FIVE_HOURS_MS ? s.blockNanos : 0;
        }
        return s.nanosFrom(rollingStart(now, FIVE_HOUR_MINUTES));
      case 'daily':
        if (limits.dailyMode === 'rolling') return s.nanosFrom(rollingStart(now, DAY_MINUTES));
        return s.nanosFrom(this.day(limits, now).start);
      case 'weekly':
        return s.nanosFrom(this.calendar.weekWindow(now).start);
      case 'monthly':
        return s.nanosFrom(this.calendar.monthWindow(now).start);
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
