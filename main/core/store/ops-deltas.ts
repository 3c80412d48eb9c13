// A batch's provider availability, error-class and session deltas, summed per group in JavaScript from its rows.
import { LATENCY_EDGES_MS } from '../db/schema';
import { type JournalRow, REQUEST_COLUMNS } from './journal-row';

/** Availability buckets are five minutes long (UTC-aligned), and again per hour for long ranges. */
export const AVAILABILITY_BUCKET_MS = 300_000;
export const AVAILABILITY_HOUR_MS = 3_600_000;

const at = (name: (typeof REQUEST_COLUMNS)[number]) => REQUEST_COLUMNS.indexOf(name);
const CREATED_AT = at('created_at');
const USER = at('user_id');
const KEY = at('key_id');
const PROVIDER = at('provider_id');
const STATUS = at('status');
const ERROR_CLASS = at('error_class');
const BLOCKED_BY = at('blocked_by');
const TTFB = at('ttfb_ms');
const DURATION = at('duration_ms');
const INPUT = at('input_tokens');
const OUTPUT = at('output_tokens');
const CACHE_WRITE_5M = at('cache_write_5m_tokens');
const CACHE_WRITE_1H = at('cache_write_1h_tokens');
const CACHE_READ = at('cache_read_tokens');
const COST = at('cost_usd');
const SESSION = at('session_id');
const USER_AGENT = at('user_agent');
const CHAIN = at('decision_chain');
/**
 * An attempt step in a chain's JSON text. It starts past the key's opening quote: `indexOf` skips ahead to a needle's
 * first character, and a quote recurs every few bytes in JSON where a 'k' seldom does (~3x faster per chain).
 */
const ATTEMPT = 'kind":"attempt"';

const EDGES = LATENCY_EDGES_MS.length;
/** The availability columns a delta's `sums` hold, in this order. */
export const AVAILABILITY_COLUMNS = [
  'requests',
  'errors',
  'retried',
  'ttfb_count',
  'ttfb_ms_sum',
  'duration_ms_sum',
  ...LATENCY_EDGES_MS.map((_, i) => `ttfb_lt_${i}`),
  ...LATENCY_EDGES_MS.map((_, i) => `total_lt_${i}`),
];
const [REQUESTS, ERRORS, RETRIED, TTFB_COUNT, TTFB_SUM, DURATION_SUM] = [0, 1, 2, 3, 4, 5];
const TTFB_LT = 6;
const TOTAL_LT = TTFB_LT + EDGES;

export interface AvailabilityDelta {
  bucket: number;
  providerId: string;
  /** In `AVAILABILITY_COLUMNS` order; the histograms cumulative (`ttfb_lt_i` counts the values below edge i). */
  sums: number[];
}

export interface ErrorDelta {
  bucket: number;
  providerId: string;
  errorClass: string;
  errors: number;
  retried: number;
}

export interface SessionDelta {
  sessionId: string;
  /** The largest of the batch's non-null values (a session keeps one user and key). */
  userId: string | null;
  keyId: string | null;
  /** Of the batch's latest row ('' for none; at equal times the larger value). */
  providerId: string;
  userAgent: string;
  firstAt: number;
  lastAt: number;
  requests: number;
  errors: number;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  costUsd: number;
}

/** A row counts as failed when it ended in an error the client did not cause by leaving. */
function failed(row: JournalRow): boolean {
  const errorClass = row[ERROR_CLASS];
  return ((row[STATUS] as number) >= 400 || errorClass !== null) && errorClass !== 'client_closed';
}

const ZERO_SESSION = {
  requests: 0,
  errors: 0,
  inputTokens: 0,
  outputTokens: 0,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
  costUsd: 0,
};

/** Counts `ms` at the first edge it is below (nowhere when above the last); `cumulate` sums the slots up later. */
function countBelow(sums: number[], start: number, ms: number): void {
  let i = 0;
  while (i < EDGES && ms >= (LATENCY_EDGES_MS[i] as number)) i++;
  if (i < EDGES) (sums[start + i] as number)++;
}

/**
 * Summed as the fold inserts rows: one Map entry per five-minute bucket and provider, error class, and session, so
 * each group costs one upsert whatever the batch's size. Add only rows the fold actually inserted (a replayed row is
 * not), and nothing is counted twice.
 */
export class OpsDeltas {
  private readonly buckets = new Map<string, AvailabilityDelta>();
  private lastBucket: AvailabilityDelta | undefined;
  readonly errors = new Map<string, ErrorDelta>();
  readonly sessions = new Map<string, SessionDelta>();
  private lastSession: SessionDelta | undefined;

  add(row: JournalRow): void {
    const createdAt = row[CREATED_AT] as number;
    const bucket = Math.floor(createdAt / AVAILABILITY_BUCKET_MS) * AVAILABILITY_BUCKET_MS;
    const isFailed = failed(row);
    const providerId = row[PROVIDER];
    // Rows that reached a provider (refusals before selection have none).
    if (providerId !== null && row[BLOCKED_BY] === null) {
      const s = this.bucket(bucket, providerId as string).sums;
      (s[REQUESTS] as number)++;
      if (isFailed) {
        (s[ERRORS] as number)++;
        const errorClass = (row[ERROR_CLASS] as string | null) ?? `http_${row[STATUS]}`;
        this.error(bucket, providerId as string, errorClass).errors++;
      }
      const ttfb = row[TTFB];
      if (ttfb !== null) {
        (s[TTFB_COUNT] as number)++;
        (s[TTFB_SUM] as number) += ttfb as number;
        countBelow(s, TTFB_LT, ttfb as number);
      }
      (s[DURATION_SUM] as number) += row[DURATION] as number;
      countBelow(s, TOTAL_LT, row[DURATION] as number);
    }
    const sessionId = row[SESSION];
    if (sessionId !== null) this.addToSession(sessionId as string, row, createdAt, isFailed);
    this.addRetries(row, bucket);
  }

  /** The five-minute deltas and the same summed per hour, histograms made cumulative. Call once, after the rows. */
  availability(): { fiveMinutes: AvailabilityDelta[]; hourly: AvailabilityDelta[] } {
    const fiveMinutes = [...this.buckets.values()];
    for (const d of fiveMinutes) cumulate(d.sums);
    const hours = new Map<string, AvailabilityDelta>();
    for (const d of fiveMinutes) {
      const hour = Math.floor(d.bucket / AVAILABILITY_HOUR_MS) * AVAILABILITY_HOUR_MS;
      const key = `${d.providerId}\u0000${hour}`;
      const h = hours.get(key);
      if (!h) hours.set(key, { bucket: hour, providerId: d.providerId, sums: [...d.sums] });
      else for (let i = 0; i < d.sums.length; i++) (h.sums[i] as number) += d.sums[i] as number;
    }
    return { fiveMinutes, hourly: [...hours.values()] };
  }

  private bucket(bucket: number, providerId: string): AvailabilityDelta {
    // Consecutive rows mostly share their bucket and provider: those skip building the key.
    const last = this.lastBucket;
    if (last !== undefined && last.bucket === bucket && last.providerId === providerId) return last;
    const key = `${providerId}\u0000${bucket}`;
    let d = this.buckets.get(key);
    this.lastBucket = d;
    if (!d) {
      d = { bucket, providerId, sums: new Array<number>(AVAILABILITY_COLUMNS.length).fill(0) };
      this.buckets.set(key, d);
      this.lastBucket = d;
    }
    return d;
  }

  private error(bucket: number, providerId: string, errorClass: string): ErrorDelta {
    const key = `${providerId}\u0000${bucket}\u0000${errorClass}`;
    let d = this.errors.get(key);
    if (!d) {
      d = { bucket, providerId, errorClass, errors: 0, retried: 0 };
      this.errors.set(key, d);
    }
    return d;
  }

  private addToSession(sessionId: string, row: JournalRow, createdAt: number, isFailed: boolean): void {
    const userId = row[USER] as string | null;
    const keyId = row[KEY] as string | null;
    const providerId = (row[PROVIDER] as string | null) ?? '';
    const userAgent = (row[USER_AGENT] as string | null) ?? '';
    let s = this.lastSession?.sessionId === sessionId ? this.lastSession : this.sessions.get(sessionId);
    if (!s) {
      s = { sessionId, userId, keyId, providerId, userAgent, firstAt: createdAt, lastAt: createdAt, ...ZERO_SESSION };
      this.sessions.set(sessionId, s);
    } else {
      if (userId !== null && (s.userId === null || userId > s.userId)) s.userId = userId;
      if (keyId !== null && (s.keyId === null || keyId > s.keyId)) s.keyId = keyId;
      if (createdAt > s.lastAt) {
        s.lastAt = createdAt;
        s.providerId = providerId;
        s.userAgent = userAgent;
      } else if (createdAt === s.lastAt) {
        if (providerId > s.providerId) s.providerId = providerId;
        if (userAgent > s.userAgent) s.userAgent = userAgent;
      }
      if (createdAt < s.firstAt) s.firstAt = createdAt;
    }
    this.lastSession = s;
    s.requests++;
    if (isFailed) s.errors++;
    s.inputTokens += row[INPUT] as number;
    s.outputTokens += row[OUTPUT] as number;
    s.cacheReadTokens += row[CACHE_READ] as number;
    s.cacheWriteTokens += (row[CACHE_WRITE_5M] as number) + (row[CACHE_WRITE_1H] as number);
    s.costUsd += (row[COST] as number | null) ?? 0;
  }

  /**
   * The failed attempts a row's decision chain holds before its last one (retries and failovers the client never
   * saw), counted for the attempt's provider. Only chains with two attempts or more are parsed.
   */
  private addRetries(row: JournalRow, bucket: number): void {
    const chain = row[CHAIN];
    if (typeof chain !== 'string') return;
    const first = chain.indexOf(ATTEMPT);
    if (first < 0 || chain.indexOf(ATTEMPT, first + ATTEMPT.length) < 0) return;
    for (const step of retriedSteps(chain)) {
      const providerId = step.providerId as string;
      (this.bucket(bucket, providerId).sums[RETRIED] as number)++;
      this.error(bucket, providerId, step.errorClass ?? 'unknown').retried++;
    }
  }
}

interface AttemptStep {
  kind: string;
  providerId?: string;
  errorClass?: string;
}

function retriedSteps(chain: string): AttemptStep[] {
  try {
    const steps = (JSON.parse(chain) as AttemptStep[]).filter((s) => s.kind === 'attempt' && s.providerId);
    return steps.slice(0, -1);
  } catch {
    return [];
  }
}

/** Rows are counted at the first edge they are below (`countBelow`): a running sum makes each `lt_i` all below it. */
function cumulate(sums: number[]): void {
  for (const start of [TTFB_LT, TOTAL_LT]) {
    for (let i = start + 1; i < start + EDGES; i++) (sums[i] as number) += sums[i - 1] as number;
  }
}
