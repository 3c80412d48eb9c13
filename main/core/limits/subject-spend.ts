// One subject's spend as time buckets with cumulative sums, so any window sum is one binary search:
// - minute buckets for at least the last 26 h (rolling 5 h / 24 h, and a fixed day starting at any "HH:mm": a day
//   is at most 25 h long; folded every 2 h, so at most 28 h are held), then 15-minute buckets back to 32 days
//   (weeks and months start at local midnight, a UTC quarter-hour in every real-world timezone), older buckets
//   folded into one base sum; plus the lifetime total. A busy subject holds at most ~4.8k (start, cumulative)
//   pairs whatever the ledger size, and the timezone or a reset time can change without the raw rows.
// - Amounts are integer nano-USD (prices are kept to 1e-9 USD), so sums do not depend on the order of additions and
//   a rebuild from the ledger reproduces the live figures exactly.
import { DAY_MS, HOUR_MS, MINUTE_MS, QUARTER_MS } from '../time/calendar';

/** Spend is counted in whole nano-USD. */
export const NANOS_PER_USD = 1e9;
export const FIVE_HOURS_MS = 5 * HOUR_MS;
const MINUTE_SPAN_MS = 26 * HOUR_MS;
const QUARTER_SPAN_MS = 32 * DAY_MS;
/** Charges fold their subject's buckets once the minute region is this much longer than needed. */
const COMPACT_EVERY_MS = 2 * HOUR_MS;

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

/** The windows an admin may reset short of the total (which has its own marker, `resetAt`). */
export type ResettableSpendWindow = 'fiveHour' | 'daily' | 'weekly' | 'monthly';

/**
 * An admin reset of one window: spend charged before `at` stops counting in that window for as long as the window
 * started at or before `at`. `preNanos` is the lifetime spend charged before `at`, so the window's use is exactly
 * `total - preNanos` whatever the bucket granularity.
 */
export interface WindowReset {
  at: number;
  preNanos: number;
}

/** Folded-away buckets are trimmed from the arrays once this many have piled up at their front. */
const TRIM_AT = 512;

export class SubjectSpend {
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
  /** Admin resets of windows other than the total (rare: undefined for nearly every subject). */
  resets: Partial<Record<ResettableSpendWindow, WindowReset>> | undefined;

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
    if (this.resets) for (const r of Object.values(this.resets)) if (at < r.at) r.preNanos += nanos;
    if (at > this.lastAt) {
      this.lastAt = at;
      this.nanosAtLastAt = nanos;
    } else if (at === this.lastAt) {
      this.nanosAtLastAt += nanos;
    }
  }

  /** Nano-USD counted by a window starting at `start`, honouring an admin reset of that window. */
  windowNanos(window: ResettableSpendWindow, start: number): number {
    const r = this.resets?.[window];
    return r && start <= r.at ? this.total - r.preNanos : this.nanosFrom(start);
  }

  /** Resets a window at `at` (call with `at` at or after every charge so far, or before re-charging the ledger). */
  resetWindow(window: ResettableSpendWindow, at: number, preNanos: number): void {
    this.resets = { ...this.resets, [window]: { at, preNanos } };
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
