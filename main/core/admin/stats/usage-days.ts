// Rollups by local day: settled days are aggregated once and kept in memory, recent ones are read live.
import type { Combo, UsageRepository } from '../../store/repositories';
import { addLocalDays, HOUR_MS, startOfLocalDay } from '../../time/local-days';

/** One local day's part of a range, with the sums of every (user, key, provider, model) in it. */
export interface DaySegment {
  dayStart: number;
  combos: readonly Combo[];
}

/**
 * How long after a day ends its rollups may still change: a request is rolled up under the hour it started in, when
 * it finishes (a long stream) and its journal row is folded. Days older than this are final.
 */
export const SETTLE_MS = 6 * HOUR_MS;
const MAX_CACHED_DAYS = 1000;

/**
 * Every statistics query reads its range through here. A whole day that ended more than SETTLE_MS ago is aggregated
 * from `usage_hourly` once (a few hundred combos per day instead of thousands of hourly rows) and cached per
 * timezone; partial days and recent days are read live. Start-up replays the journal before the API answers, and
 * nothing else rewrites old rollups, so a cached day never goes stale.
 */
export class UsageDays {
  private readonly cache = new Map<string, readonly Combo[]>();

  constructor(private readonly usage: UsageRepository<'sync'>) {}

  /** The local days overlapping hour buckets in [from, to), oldest first; `from` undefined = since the first usage. */
  segments(timeZone: string, from: number | undefined, to: number, now: number): DaySegment[] {
    const start = from ?? this.usage.firstHour();
    if (start === undefined || start >= to) return [];
    const out: DaySegment[] = [];
    for (let t = start; t < to; ) {
      const dayStart = startOfLocalDay(timeZone, t);
      const dayEnd = addLocalDays(timeZone, dayStart, 1);
      const end = Math.min(dayEnd, to);
      const whole = t === dayStart && end === dayEnd;
      const combos =
        whole && dayEnd <= now - SETTLE_MS ? this.settledDay(timeZone, dayStart, dayEnd) : this.usage.comboSums(t, end);
      out.push({ dayStart, combos });
      t = end;
    }
    return out;
  }

  private settledDay(timeZone: string, dayStart: number, dayEnd: number): readonly Combo[] {
    const key = `${timeZone}|${dayStart}`;
    const hit = this.cache.get(key);
    if (hit) {
      this.cache.delete(key); // keep the most recently used last
      this.cache.set(key, hit);
      return hit;
    }
    const combos = this.usage.comboSums(dayStart, dayEnd);
    // An empty day costs nothing to read again, and is not kept: if the clock is ever set back (or a test moves it),
    // a day that had no rows yet must not stay empty.
    if (combos.length === 0) return combos;
    if (this.cache.size >= MAX_CACHED_DAYS) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
    this.cache.set(key, combos);
    return combos;
  }
}
