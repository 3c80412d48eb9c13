// Derives provider availability buckets and session rows from the `requests` rows a journal fold just inserted.
import type Database from 'better-sqlite3';
import { LATENCY_EDGES_MS } from '../db/schema';
import { type JournalRow, REQUEST_COLUMNS } from './journal-row';

/** Availability buckets are five minutes long (UTC-aligned), and again per hour for long ranges. */
export const AVAILABILITY_BUCKET_MS = 300_000;
export const AVAILABILITY_HOUR_MS = 3_600_000;

/** A row counts as failed when it ended in an error the client did not cause by leaving. */
const FAILED = "((status >= 400 OR error_class IS NOT NULL) AND coalesce(error_class, '') <> 'client_closed')";
/** Rows that reached a provider (refusals before selection have none). */
const REACHED = 'provider_id IS NOT NULL AND blocked_by IS NULL';
const bucketOf = (size: number) => `created_at / ${size} * ${size}`;
const BUCKET = bucketOf(AVAILABILITY_BUCKET_MS);
const FOLDED = 'FROM requests NOT INDEXED WHERE rowid > $rowidBefore';

const histogram = (prefix: 'ttfb' | 'total', column: string) =>
  LATENCY_EDGES_MS.map((edge, i) => [`${prefix}_lt_${i}`, `count(CASE WHEN ${column} < ${edge} THEN 1 END)`]);

const AVAILABILITY_SUMS: [string, string][] = [
  ['requests', 'count(*)'],
  ['errors', `count(CASE WHEN ${FAILED} THEN 1 END)`],
  ['ttfb_count', 'count(ttfb_ms)'],
  ['ttfb_ms_sum', 'coalesce(sum(ttfb_ms), 0)'],
  ['duration_ms_sum', 'sum(duration_ms)'],
  ...(histogram('ttfb', 'ttfb_ms') as [string, string][]),
  ...(histogram('total', 'duration_ms') as [string, string][]),
];

const CREATED_AT = REQUEST_COLUMNS.indexOf('created_at');
const CHAIN = REQUEST_COLUMNS.indexOf('decision_chain');
const ATTEMPT = '"kind":"attempt"';

interface AttemptStep {
  kind: string;
  providerId?: string;
  errorClass?: string;
}

/**
 * The availability and session rollups. `derive` runs inside the fold's transaction with the rowid the fold started
 * from: like the hourly rollups, only rows actually inserted are counted, so a replay counts nothing twice.
 */
export class OpsRollups {
  private readonly availability: Database.Statement[];
  private readonly errors: Database.Statement;
  private readonly sessions: Database.Statement;
  private readonly retriedAvailability: Database.Statement[];
  private readonly retriedErrors: Database.Statement;
  private readonly isEmpty: Database.Statement;

  constructor(private readonly sqlite: Database.Database) {
    const cols = AVAILABILITY_SUMS.map(([c]) => c);
    // `AND true`: SQLite's documented fix for the parse ambiguity of INSERT … SELECT … ON CONFLICT.
    this.availability = [
      ['provider_availability', AVAILABILITY_BUCKET_MS],
      ['provider_availability_hourly', AVAILABILITY_HOUR_MS],
    ].map(([table, size]) =>
      sqlite.prepare(
        `INSERT INTO ${table} (bucket, provider_id, ${cols.join(', ')})
         SELECT ${bucketOf(size as number)}, provider_id, ${AVAILABILITY_SUMS.map(([, e]) => e).join(', ')}
         ${FOLDED} AND ${REACHED} AND true GROUP BY 1, 2
         ON CONFLICT (provider_id, bucket) DO UPDATE SET ${cols.map((c) => `${c} = ${c} + excluded.${c}`).join(', ')}`,
      ),
    );
    this.errors = sqlite.prepare(
      `INSERT INTO provider_errors (bucket, provider_id, error_class, errors)
       SELECT ${BUCKET}, provider_id, coalesce(error_class, 'http_' || status), count(*)
       ${FOLDED} AND ${REACHED} AND ${FAILED} AND true GROUP BY 1, 2, 3
       ON CONFLICT (provider_id, bucket, error_class) DO UPDATE SET errors = errors + excluded.errors`,
    );
    // The latest provider and User-Agent of the batch: the max of (zero-padded time || value) carries the value.
    const latest = (col: string) => `nullif(substr(max(printf('%015d', created_at) || coalesce(${col}, '')), 16), '')`;
    this.sessions = sqlite.prepare(
      `INSERT INTO request_sessions (session_id, user_id, key_id, provider_id, user_agent, first_at, last_at, requests,
         errors, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, cost_usd)
       SELECT session_id, max(user_id), max(key_id), ${latest('provider_id')}, ${latest('user_agent')},
         min(created_at), max(created_at), count(*), count(CASE WHEN ${FAILED} THEN 1 END), sum(input_tokens),
         sum(output_tokens), sum(cache_read_tokens), sum(cache_write_5m_tokens + cache_write_1h_tokens), total(cost_usd)
       ${FOLDED} AND session_id IS NOT NULL AND true GROUP BY session_id
       ON CONFLICT (session_id) DO UPDATE SET
         user_id = coalesce(user_id, excluded.user_id), key_id = coalesce(key_id, excluded.key_id),
         provider_id = CASE WHEN excluded.last_at >= last_at THEN coalesce(excluded.provider_id, provider_id)
           ELSE coalesce(provider_id, excluded.provider_id) END,
         user_agent = CASE WHEN excluded.last_at >= last_at THEN coalesce(excluded.user_agent, user_agent)
           ELSE coalesce(user_agent, excluded.user_agent) END,
         first_at = min(first_at, excluded.first_at), last_at = max(last_at, excluded.last_at),
         requests = requests + excluded.requests, errors = errors + excluded.errors,
         input_tokens = input_tokens + excluded.input_tokens, output_tokens = output_tokens + excluded.output_tokens,
         cache_read_tokens = cache_read_tokens + excluded.cache_read_tokens,
         cache_write_tokens = cache_write_tokens + excluded.cache_write_tokens, cost_usd = cost_usd + excluded.cost_usd`,
    );
    this.retriedAvailability = ['provider_availability', 'provider_availability_hourly'].map((table) =>
      sqlite.prepare(
        `INSERT INTO ${table} (bucket, provider_id, retried) VALUES (?, ?, ?)
         ON CONFLICT (provider_id, bucket) DO UPDATE SET retried = retried + excluded.retried`,
      ),
    );
    this.retriedErrors = sqlite.prepare(
      `INSERT INTO provider_errors (bucket, provider_id, error_class, retried) VALUES (?, ?, ?, ?)
       ON CONFLICT (provider_id, bucket, error_class) DO UPDATE SET retried = retried + excluded.retried`,
    );
    this.isEmpty = sqlite.prepare(
      `SELECT NOT EXISTS (SELECT 1 FROM provider_availability) AND NOT EXISTS (SELECT 1 FROM request_sessions)
         AND EXISTS (SELECT 1 FROM requests)`,
    );
  }

  /** Adds the rows inserted after `rowidBefore` to the availability buckets, their error classes and sessions. */
  derive(rowidBefore: number): void {
    for (const stmt of this.availability) stmt.run({ rowidBefore });
    this.errors.run({ rowidBefore });
    this.sessions.run({ rowidBefore });
  }

  /**
   * Counts the failed attempts a row's decision chain holds before its last one (retries and failovers the client
   * never saw). Only chains with two attempts or more are parsed; call it for inserted rows only.
   */
  countRetries(rows: Iterable<JournalRow>): void {
    const counts = new Map<string, { bucket: number; providerId: string; errorClass: string; n: number }>();
    for (const row of rows) {
      const chain = row[CHAIN];
      if (typeof chain !== 'string') continue;
      const first = chain.indexOf(ATTEMPT);
      if (first < 0 || chain.indexOf(ATTEMPT, first + ATTEMPT.length) < 0) continue;
      const bucket = Math.floor(Number(row[CREATED_AT]) / AVAILABILITY_BUCKET_MS) * AVAILABILITY_BUCKET_MS;
      for (const step of retriedSteps(chain)) {
        const errorClass = step.errorClass ?? 'unknown';
        const key = `${step.providerId}\u0000${bucket}\u0000${errorClass}`;
        const c = counts.get(key);
        if (c) c.n++;
        else counts.set(key, { bucket, providerId: step.providerId as string, errorClass, n: 1 });
      }
    }
    for (const c of counts.values()) {
      const [fiveMinutes, hourly] = this.retriedAvailability as [Database.Statement, Database.Statement];
      fiveMinutes.run(c.bucket, c.providerId, c.n);
      hourly.run(Math.floor(c.bucket / AVAILABILITY_HOUR_MS) * AVAILABILITY_HOUR_MS, c.providerId, c.n);
      this.retriedErrors.run(c.bucket, c.providerId, c.errorClass, c.n);
    }
  }

  /**
   * Start-up: a log that predates these rollups (an upgrade) has them derived once from every row, in one
   * transaction; a hub whose rollups already hold rows does nothing. Returns whether it ran.
   */
  backfillIfEmpty(): boolean {
    if (!this.isEmpty.pluck().get()) return false;
    this.sqlite.transaction(() => {
      this.derive(0);
      const rows = this.sqlite
        .prepare(`SELECT ${REQUEST_COLUMNS.join(', ')} FROM requests WHERE decision_chain LIKE ?`)
        .raw()
        .iterate(`%${ATTEMPT}%${ATTEMPT}%`) as Iterable<JournalRow>;
      this.countRetries(rows);
    })();
    return true;
  }
}

function retriedSteps(chain: string): AttemptStep[] {
  try {
    const steps = (JSON.parse(chain) as AttemptStep[]).filter((s) => s.kind === 'attempt' && s.providerId);
    return steps.slice(0, -1);
  } catch {
    return [];
  }
}
