// Time series from the rollups: today by hour, the last 7 or 30 days by day (hub timezone), optionally per group.
import type { StatsGroupBy, Timeseries } from '../../../../shared/api-schemas';
import { toIso } from '../../store/iso';
import { addSums, emptySums, idOf, type UsageSums } from '../../store/usage-stats';
import { addLocalDays, HOUR_MS, localDateLabel, localHourLabel, startOfLocalDay } from '../../time/local-days';
import { namesFor } from './names';
import type { StatsSources } from './sources';
import { round9 } from './totals';

export interface TimeseriesInput {
  timeZone: string;
  now: number;
  range: 'today' | '7d' | '30d';
  groupBy?: StatsGroupBy;
  /** Series kept; the rest are summed into "other". */
  top: number;
  userId?: string;
}

type Metrics = Timeseries['total'];

/** Bucket start instants, oldest first, plus the end of the last one. */
function bucketStarts(timeZone: string, now: number, range: TimeseriesInput['range']): number[] {
  const today = startOfLocalDay(timeZone, now);
  const starts: number[] = [];
  if (range === 'today') {
    const end = addLocalDays(timeZone, today, 1);
    for (let t = today; t < end; t += HOUR_MS) starts.push(t);
    starts.push(end);
    return starts;
  }
  const days = range === '7d' ? 7 : 30;
  for (let i = days - 1; i >= -1; i--) starts.push(addLocalDays(timeZone, today, -i));
  return starts;
}

function toMetrics(buckets: readonly UsageSums[]): Metrics {
  return {
    requests: buckets.map((b) => b.requests),
    errors: buckets.map((b) => b.errors),
    costUsd: buckets.map((b) => round9(b.costUsd)),
    inputTokens: buckets.map((b) => b.inputTokens),
    outputTokens: buckets.map((b) => b.outputTokens),
    cacheReadTokens: buckets.map((b) => b.cacheReadTokens),
  };
}

const newBuckets = (n: number) => Array.from({ length: n }, emptySums);

/** One row of sums: which bucket, which group ('' when not grouped). */
interface BucketRow {
  bucket: number;
  id: string;
  sums: UsageSums;
}

/** Today: the hourly rollups themselves (one day of rows). */
function hourlyRows(sources: StatsSources, starts: readonly number[], input: TimeseriesInput): BucketRow[] {
  const from = starts[0] as number;
  const rows = sources.store.usage.byHour(
    { from, to: starts[starts.length - 1] as number, ...(input.userId === undefined ? {} : { userId: input.userId }) },
    input.groupBy,
  );
  return rows.map((r) => ({ bucket: Math.floor((r.hour - from) / HOUR_MS), id: r.id, sums: r }));
}

/** 7 or 30 days: one segment per local day, settled days from the day cache. */
function dailyRows(sources: StatsSources, starts: readonly number[], input: TimeseriesInput): BucketRow[] {
  const segments = sources.days.segments(
    input.timeZone,
    starts[0] as number,
    starts[starts.length - 1] as number,
    input.now,
  );
  const out: BucketRow[] = [];
  segments.forEach((segment, bucket) => {
    for (const c of segment.combos) {
      if (input.userId !== undefined && c.userId !== input.userId) continue;
      out.push({ bucket, id: input.groupBy ? idOf(c, input.groupBy) : '', sums: c });
    }
  });
  return out;
}

export function buildTimeseries(sources: StatsSources, input: TimeseriesInput): Timeseries {
  const { timeZone, now, range, groupBy } = input;
  const starts = bucketStarts(timeZone, now, range);
  const count = starts.length - 1;
  const rows = range === 'today' ? hourlyRows(sources, starts, input) : dailyRows(sources, starts, input);

  const total = newBuckets(count);
  const perGroup = new Map<string, { sums: UsageSums; buckets: UsageSums[] }>();
  for (const row of rows) {
    if (row.bucket < 0 || row.bucket >= count) continue;
    addSums(total[row.bucket] as UsageSums, row.sums);
    if (!groupBy) continue;
    const id = row.id === '' ? '(none)' : row.id;
    let g = perGroup.get(id);
    if (!g) {
      g = { sums: emptySums(), buckets: newBuckets(count) };
      perGroup.set(id, g);
    }
    addSums(g.sums, row.sums);
    addSums(g.buckets[row.bucket] as UsageSums, row.sums);
  }

  const series: Timeseries['series'] = [];
  if (groupBy) {
    const name = namesFor(sources.store, groupBy);
    const ranked = [...perGroup.entries()].sort(
      ([a, x], [b, y]) => y.sums.costUsd - x.sums.costUsd || y.sums.requests - x.sums.requests || (a < b ? -1 : 1),
    );
    const other = newBuckets(count);
    ranked.forEach(([id, g], rank) => {
      if (rank < input.top) series.push({ id, name: id === '(none)' ? '(none)' : name(id), ...toMetrics(g.buckets) });
      else for (const [i, b] of g.buckets.entries()) addSums(other[i] as UsageSums, b);
    });
    if (ranked.length > input.top) series.push({ id: 'other', name: 'other', ...toMetrics(other) });
  }

  const label = range === 'today' ? localHourLabel : localDateLabel;
  return {
    range,
    granularity: range === 'today' ? 'hour' : 'day',
    timezone: timeZone,
    groupBy: groupBy ?? null,
    buckets: starts.slice(0, count).map((t) => ({ start: toIso(t), label: label(timeZone, t) })),
    total: toMetrics(total),
    series,
  };
}
