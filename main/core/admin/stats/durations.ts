// Median latency per local day: the request durations of the days asked about, kept in memory and caught up by rowid.
import type { DurationRow, UsageRepository } from '../../store/repositories';

interface DayDurations {
  from: number;
  to: number;
  all: number[];
  byUser: Map<string, number[]>;
}

const MAX_DAYS = 4;

function add(day: DayDurations, r: DurationRow): void {
  day.all.push(r.durationMs);
  if (r.userId === null) return;
  const list = day.byUser.get(r.userId);
  if (list) list.push(r.durationMs);
  else day.byUser.set(r.userId, [r.durationMs]);
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = Float64Array.from(values).sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/**
 * The one overview figure rollups cannot hold. A day's durations are read once from the request log's created_at
 * index; after that only rows logged since (rowid > the last one seen: SQLite gives a new row max(rowid) + 1) are
 * read, and each lands in the day its request started in. So an overview costs a handful of new rows, not a day.
 */
export class RecentDurations {
  private readonly days = new Map<string, DayDurations>();
  private lastRowid = 0;

  constructor(private readonly usage: UsageRepository<'sync'>) {}

  /** The median duration of requests started in [from, to), optionally one user's. */
  median(from: number, to: number, userId?: string): number | null {
    const day = this.day(from, to);
    return median(userId === undefined ? day.all : (day.byUser.get(userId) ?? []));
  }

  private day(from: number, to: number): DayDurations {
    const max = this.usage.maxRequestRowid();
    if (max < this.lastRowid) {
      // the log was emptied and rowids start over: read everything again
      this.days.clear();
      this.lastRowid = 0;
    }
    if (max > this.lastRowid && this.days.size > 0) {
      for (const r of this.usage.durationsSince(this.lastRowid, max)) {
        for (const d of this.days.values()) if (r.createdAt >= d.from && r.createdAt < d.to) add(d, r);
      }
    }
    this.lastRowid = max;
    const key = `${from}|${to}`;
    let day = this.days.get(key);
    if (!day) {
      day = { from, to, all: [], byUser: new Map() };
      for (const r of this.usage.durationsBetween(from, to, max)) add(day, r);
      if (this.days.size >= MAX_DAYS) {
        const oldest = this.days.keys().next().value;
        if (oldest !== undefined) this.days.delete(oldest);
      }
      this.days.set(key, day);
    }
    return day;
  }
}
