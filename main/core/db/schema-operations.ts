// The operations tables (drizzle): provider availability rollups, breaker transitions, sessions (migration 0009).
import { index, integer, primaryKey, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Upper edges (ms, exclusive) of the latency histogram kept per availability bucket: `*_lt_<i>` counts the requests
 * faster than edge i (cumulative), so percentiles of any range merge exactly by summing columns.
 */
export const LATENCY_EDGES_MS = [
  50, 100, 200, 300, 500, 750, 1000, 1500, 2000, 3000, 5000, 7500, 10_000, 15_000, 20_000, 30_000, 60_000, 120_000,
  300_000,
] as const;

const latencyColumns = (prefix: 'ttfb' | 'total') =>
  Object.fromEntries(
    LATENCY_EDGES_MS.map((_, i) => [`${prefix}Lt${i}`, integer(`${prefix}_lt_${i}`).notNull().default(0)]),
  ) as Record<`${typeof prefix}Lt${number}`, ReturnType<typeof integer>>;

/** Availability sums of one bucket: what the fold adds per provider for the rows it inserts. */
const availabilityColumns = () => ({
  bucket: integer('bucket').notNull(),
  providerId: text('provider_id').notNull(),
  /** Client requests the provider answered or finally failed. */
  requests: integer('requests').notNull().default(0),
  /** Of them, failed (a client that left is not a failure). */
  errors: integer('errors').notNull().default(0),
  /** Failed attempts on the provider the client never saw (retried or failed over). */
  retried: integer('retried').notNull().default(0),
  ttfbCount: integer('ttfb_count').notNull().default(0),
  ttfbMsSum: integer('ttfb_ms_sum').notNull().default(0),
  durationMsSum: integer('duration_ms_sum').notNull().default(0),
  ...latencyColumns('ttfb'),
  ...latencyColumns('total'),
});

/** Five-minute buckets per provider, derived by the journal fold from the rows it inserts; never cleaned. */
export const providerAvailability = sqliteTable('provider_availability', availabilityColumns(), (t) => [
  primaryKey({ columns: [t.providerId, t.bucket] }),
]);

/** The same sums per hour: ranges of hour-long buckets or longer read these (a twelfth of the rows). */
export const providerAvailabilityHourly = sqliteTable('provider_availability_hourly', availabilityColumns(), (t) => [
  primaryKey({ columns: [t.providerId, t.bucket] }),
]);

/** Failed requests and failed attempts per five-minute bucket, provider and error class. */
export const providerErrors = sqliteTable(
  'provider_errors',
  {
    bucket: integer('bucket').notNull(),
    providerId: text('provider_id').notNull(),
    errorClass: text('error_class').notNull(),
    errors: integer('errors').notNull().default(0),
    retried: integer('retried').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.providerId, t.bucket, t.errorClass] })],
);

/** Every circuit-breaker transition, as BreakerBoard reported it. */
export const breakerEvents = sqliteTable(
  'breaker_events',
  {
    id: integer('id').primaryKey(),
    at: integer('at').notNull(),
    providerId: text('provider_id').notNull(),
    fromState: text('from_state').notNull(),
    toState: text('to_state').notNull(),
    reason: text('reason').notNull(),
    failures: integer('failures').notNull().default(0),
  },
  (t) => [index('breaker_events_provider_at_idx').on(t.providerId, t.at)],
);

/** One row per client session id seen in the request log, derived by the fold; cleaned with the log. */
export const requestSessions = sqliteTable(
  'request_sessions',
  {
    sessionId: text('session_id').primaryKey(),
    userId: text('user_id'),
    keyId: text('key_id'),
    /** The provider of the latest request that reached one. */
    providerId: text('provider_id'),
    /** The User-Agent of the latest request. */
    userAgent: text('user_agent'),
    firstAt: integer('first_at').notNull(),
    lastAt: integer('last_at').notNull(),
    requests: integer('requests').notNull().default(0),
    errors: integer('errors').notNull().default(0),
    inputTokens: integer('input_tokens').notNull().default(0),
    outputTokens: integer('output_tokens').notNull().default(0),
    cacheReadTokens: integer('cache_read_tokens').notNull().default(0),
    cacheWriteTokens: integer('cache_write_tokens').notNull().default(0),
    costUsd: real('cost_usd').notNull().default(0),
  },
  (t) => [
    index('request_sessions_last_idx').on(t.lastAt, t.sessionId),
    index('request_sessions_user_last_idx').on(t.userId, t.lastAt, t.sessionId),
    index('request_sessions_key_last_idx').on(t.keyId, t.lastAt, t.sessionId),
  ],
);
