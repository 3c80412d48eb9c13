// Provider availability read from its five-minute rollups, merged into the buckets a caller asks for, in SQL.
import type Database from 'better-sqlite3';
import { LATENCY_EDGES_MS } from '../db/schema';
import type { AvailabilityErrorRow, AvailabilitySums, BucketRange } from './operations-records';
import type { AvailabilityRepository } from './repositories';

const EDGES = LATENCY_EDGES_MS.map((_, i) => i);
const HOUR_MS = 3_600_000;
/**
 * The start of the caller's bucket a five-minute bucket falls in. The bounds are cast: better-sqlite3 binds numbers as
 * REAL, whose division would not truncate.
 */
const START =
  'CAST($from AS INTEGER) + (bucket - CAST($from AS INTEGER)) / CAST($size AS INTEGER) * CAST($size AS INTEGER)';
const RANGE = 'provider_id = $providerId AND bucket >= $from AND bucket < $to';

type Row = Record<string, number>;

/** The availability tables on SQLite: each query is one range of a (provider_id, bucket) key. */
export class SqliteAvailability implements AvailabilityRepository<'sync'> {
  private readonly sums: Database.Statement;
  private readonly hourlySums: Database.Statement;
  private readonly errorRows: Database.Statement;

  constructor(sqlite: Database.Database) {
    const hist = EDGES.flatMap((i) => [`sum(ttfb_lt_${i}) AS t${i}`, `sum(total_lt_${i}) AS d${i}`]);
    const sums = (table: string) =>
      sqlite.prepare(
        `SELECT ${START} AS start, sum(requests) AS requests, sum(errors) AS errors, sum(retried) AS retried,
           sum(ttfb_count) AS ttfbCount, sum(ttfb_ms_sum) AS ttfbMsSum, sum(duration_ms_sum) AS durationMsSum,
           ${hist.join(', ')}
         FROM ${table} WHERE ${RANGE} GROUP BY 1 ORDER BY 1`,
      );
    this.sums = sums('provider_availability');
    this.hourlySums = sums('provider_availability_hourly');
    this.errorRows = sqlite.prepare(
      `SELECT ${START} AS start, error_class AS errorClass, sum(errors) AS errors, sum(retried) AS retried
       FROM provider_errors WHERE ${RANGE} GROUP BY 1, 2 ORDER BY 1, 2`,
    );
  }

  /** Buckets of whole hours from a whole hour read the hourly table. */
  buckets(providerId: string, range: BucketRange): AvailabilitySums[] {
    const hourly = range.size % HOUR_MS === 0 && range.from % HOUR_MS === 0;
    return ((hourly ? this.hourlySums : this.sums).all({ providerId, ...range }) as Row[]).map((r) => ({
      start: r.start as number,
      requests: r.requests as number,
      errors: r.errors as number,
      retried: r.retried as number,
      ttfbCount: r.ttfbCount as number,
      ttfbMsSum: r.ttfbMsSum as number,
      durationMsSum: r.durationMsSum as number,
      ttfbLt: EDGES.map((i) => r[`t${i}`] as number),
      totalLt: EDGES.map((i) => r[`d${i}`] as number),
    }));
  }

  errors(providerId: string, range: BucketRange): AvailabilityErrorRow[] {
    return this.errorRows.all({ providerId, ...range }) as AvailabilityErrorRow[];
  }
}
