// The quota guard: RPM, concurrent sessions and spend windows of a key and its user, as a typed refusal.
import type { KeyEntry } from '../model/entities';
import { CONCURRENCY_RETRY_AFTER_SECONDS, type LiveSession, type SessionTable } from '../sessions/session-table';
import { effectiveLimit, keySubject, userSubject } from '../subjects';
import type { RpmCounter } from './rpm';
import type { SpendReservation, SpendReservations } from './spend-reservations';
import { hasSpendLimit, type SpendWindow, type SpendWindows, type WindowUsage } from './spend-windows';

export interface LimitState {
  rpm: RpmCounter;
  sessions: SessionTable;
  spend: SpendWindows;
  /** What billable requests in flight may still cost, per subject. */
  reservations: SpendReservations;
}

export interface LimitCheckInput {
  entry: KeyEntry;
  sessionId: string;
  now: number;
  /**
   * Nano-USD the request may cost (spend-estimate.ts `SpendEstimate.worst`). Called at most once, and only when a
   * spend window of the key or its user applies; absent = 0.
   */
  estimate?: () => number;
}

/** A spend window taken up by requests in flight frees up as they finish: retry soon, as after a concurrency refusal. */
const IN_FLIGHT_RETRY_AFTER_SECONDS = CONCURRENCY_RETRY_AFTER_SECONDS;

export type LimitWindow = 'rpm' | 'concurrentSessions' | SpendWindow;

export interface RefusalHeaders {
  'retry-after'?: string;
  'x-ratelimit-limit': string;
  'x-ratelimit-remaining': string;
  /** Epoch seconds. */
  'x-ratelimit-reset'?: string;
}

export interface Refusal {
  status: 429 | 402;
  code: 'rpm_limit' | 'concurrency_limit' | 'spend_limit';
  subject: 'user' | 'key';
  window: LimitWindow;
  /** Requests (rpm), sessions (concurrentSessions) or USD (spend windows). */
  used: number;
  limit: number;
  /** Epoch ms; null for the total window, which resets only when an admin resets it. */
  resetsAt: number | null;
  retryAfterSeconds: number | null;
  message: string;
  headers: RefusalHeaders;
}

const WINDOW_LABEL: Record<LimitWindow, string> = {
  rpm: 'requests-per-minute',
  concurrentSessions: 'concurrent-session',
  fiveHour: '5-hour spend',
  daily: 'daily spend',
  weekly: 'weekly spend',
  monthly: 'monthly spend',
  total: 'total spend',
};

/**
 * Checks in this order — user RPM → key then user concurrent sessions → key spend (5 h, daily, weekly, monthly,
 * total) → user spend (same) — and returns the first refusal, or null. Pure: records nothing (see `admit`).
 * A key's limit never loosens its user's: both are checked. A spend window admits the request while its use plus
 * what requests in flight reserve plus this request's estimate stays within the limit, or — with nothing in flight
 * — while its use is under the limit (spend-windows.ts `exceeded`).
 */
export function checkLimits(input: LimitCheckInput, state: LimitState): Refusal | null {
  return check(input, state, estimateOf(input));
}

function check(input: LimitCheckInput, state: LimitState, estimateNanos: number): Refusal | null {
  const { entry, sessionId, now } = input;

  const rpmLimit = effectiveLimit(entry.userRpm);
  if (rpmLimit !== null) {
    const r = state.rpm.check(entry.userId, rpmLimit, now);
    if (!r.ok) {
      const seconds = Math.max(1, Math.ceil(r.retryAfterMs / 1000));
      return refusal(429, 'rpm_limit', 'user', 'rpm', r.count, rpmLimit, r.resetAt, seconds);
    }
  }

  const keySessions = effectiveLimit(entry.keyLimits.concurrentSessions);
  if (keySessions !== null) {
    const subject = keySubject(entry.keyId);
    if (state.sessions.wouldExceed(subject, entry.keyId, sessionId, keySessions, now)) {
      return concurrencyRefusal('key', state.sessions.count(subject, now), keySessions, now);
    }
  }
  const userSessions = effectiveLimit(entry.userLimits.concurrentSessions);
  if (userSessions !== null) {
    const subject = userSubject(entry.userId);
    if (state.sessions.wouldExceed(subject, entry.keyId, sessionId, userSessions, now)) {
      return concurrencyRefusal('user', state.sessions.count(subject, now), userSessions, now);
    }
  }

  const { spend, reservations } = state;
  const key = keySubject(entry.keyId);
  const keyOver = spend.exceeded(key, entry.keyLimits, now, reservations.heldNanos(key), estimateNanos);
  if (keyOver) return spendRefusal('key', keyOver, now);
  const user = userSubject(entry.userId);
  const userOver = spend.exceeded(user, entry.userLimits, now, reservations.heldNanos(user), estimateNanos);
  if (userOver) return spendRefusal('user', userOver, now);
  return null;
}

function estimateOf(input: LimitCheckInput): number {
  const { entry, estimate } = input;
  if (!estimate || !(hasSpendLimit(entry.keyLimits) || hasSpendLimit(entry.userLimits))) return 0;
  return estimate();
}

export type Admission =
  | { ok: true; session: LiveSession; reservation: SpendReservation }
  | { ok: false; refusal: Refusal };

/**
 * `checkLimits`, then — when admitted — records the request for RPM, starts it in its session and reserves its
 * estimate on its key and user. The caller moves the reservation to the chosen provider (`retarget`) and releases it
 * once the request's cost is charged or it ended without one.
 */
export function admit(input: LimitCheckInput, state: LimitState): Admission {
  const estimateNanos = estimateOf(input);
  const refused = check(input, state, estimateNanos);
  if (refused) return { ok: false, refusal: refused };
  const { entry, sessionId, now } = input;
  state.rpm.hit(entry.userId, now);
  const session = state.sessions.begin(sessionId, { userId: entry.userId, keyId: entry.keyId }, now);
  const reservation = state.reservations.take(entry.keyId, entry.userId, estimateNanos);
  return { ok: true, session, reservation };
}

function concurrencyRefusal(subject: 'user' | 'key', used: number, limit: number, now: number): Refusal {
  const seconds = CONCURRENCY_RETRY_AFTER_SECONDS;
  return refusal(429, 'concurrency_limit', subject, 'concurrentSessions', used, limit, now + seconds * 1000, seconds);
}

/**
 * Spend: Retry-After until the window resets (rolling windows: until enough old spend leaves to get under the limit).
 * A window still under its limit but taken up by requests in flight: Retry-After a few seconds, and the message says so.
 */
function spendRefusal(subject: 'user' | 'key', u: WindowUsage, now: number): Refusal {
  const limit = u.limit as number;
  if (u.used < limit) {
    const seconds = IN_FLIGHT_RETRY_AFTER_SECONDS;
    const r = refusal(402, 'spend_limit', subject, u.window, u.used, limit, u.resetsAt, seconds);
    r.headers['x-ratelimit-remaining'] = usdNumber(Math.max(0, limit - u.used - u.reserved));
    r.message = `${whose(subject)} ${WINDOW_LABEL[u.window]} limit is taken up by requests in flight: ${usd(u.used)} used and ${usd(u.reserved)} reserved of ${usd(limit)}; retry in ${seconds} s`;
    return r;
  }
  const seconds = u.resetsAt === null ? null : Math.max(1, Math.ceil((u.resetsAt - now) / 1000));
  return refusal(402, 'spend_limit', subject, u.window, u.used, limit, u.resetsAt, seconds);
}

function whose(subject: 'user' | 'key'): string {
  return subject === 'key' ? "this key's" : "this key's user's";
}

function refusal(
  status: 429 | 402,
  code: Refusal['code'],
  subject: 'user' | 'key',
  window: LimitWindow,
  used: number,
  limit: number,
  resetsAt: number | null,
  retryAfterSeconds: number | null,
): Refusal {
  const money = status === 402;
  const remaining = Math.max(0, limit - used);
  const headers: RefusalHeaders = {
    'x-ratelimit-limit': money ? usdNumber(limit) : String(limit),
    'x-ratelimit-remaining': money ? usdNumber(remaining) : String(Math.floor(remaining)),
  };
  if (retryAfterSeconds !== null) headers['retry-after'] = String(retryAfterSeconds);
  if (resetsAt !== null) headers['x-ratelimit-reset'] = String(Math.ceil(resetsAt / 1000));
  const use = money
    ? `${usd(used)} used of ${usd(limit)}`
    : `${used} of ${limit} ${window === 'rpm' ? 'requests in the last minute' : 'sessions active'}`;
  const when =
    resetsAt === null
      ? 'it resets only when an admin resets it'
      : `it resets at ${new Date(resetsAt).toISOString()} (retry in ${retryAfterSeconds} s)`;
  const message = `${subject === 'key' ? 'this key' : "this key's user"} reached the ${WINDOW_LABEL[window]} limit: ${use}; ${when}`;
  return { status, code, subject, window, used, limit, resetsAt, retryAfterSeconds, message, headers };
}

function usd(v: number): string {
  return `$${v >= 1 ? v.toFixed(2) : v.toFixed(4)}`;
}

/** USD for a header: plain decimal, at most 6 places. */
function usdNumber(v: number): string {
  return String(Math.round(v * 1e6) / 1e6);
}
