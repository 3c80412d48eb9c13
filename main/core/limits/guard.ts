// The quota guard (SPEC §5): RPM, concurrent sessions and spend windows of a key and its user, as a typed refusal.
import type { KeyEntry } from '../routing/registry';
import { CONCURRENCY_RETRY_AFTER_SECONDS, type LiveSession, type SessionTable } from './concurrency';
import type { RpmCounter } from './rpm';
import type { SpendWindow, SpendWindows, WindowUsage } from './spend-windows';
import { effectiveLimit, keySubject, userSubject } from './subjects';

export interface LimitState {
  rpm: RpmCounter;
  sessions: SessionTable;
  spend: SpendWindows;
}

export interface LimitCheckInput {
  entry: KeyEntry;
  sessionId: string;
  now: number;
}

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
 * Checks in SPEC order — user RPM → key then user concurrent sessions → key spend (5 h, daily, weekly, monthly,
 * total) → user spend (same) — and returns the first refusal, or null. Pure: records nothing (see `admit`).
 * A key's limit never loosens its user's: both are checked.
 */
export function checkLimits(input: LimitCheckInput, state: LimitState): Refusal | null {
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

  const keyOver = state.spend.exceeded(keySubject(entry.keyId), entry.keyLimits, now);
  if (keyOver) return spendRefusal('key', keyOver, now);
  const userOver = state.spend.exceeded(userSubject(entry.userId), entry.userLimits, now);
  if (userOver) return spendRefusal('user', userOver, now);
  return null;
}

export type Admission = { ok: true; session: LiveSession } | { ok: false; refusal: Refusal };

/** `checkLimits`, then — when admitted — records the request for RPM and starts it in its session. */
export function admit(input: LimitCheckInput, state: LimitState): Admission {
  const refused = checkLimits(input, state);
  if (refused) return { ok: false, refusal: refused };
  const { entry, sessionId, now } = input;
  state.rpm.hit(entry.userId, now);
  const session = state.sessions.begin(sessionId, { userId: entry.userId, keyId: entry.keyId }, now);
  return { ok: true, session };
}

function concurrencyRefusal(subject: 'user' | 'key', used: number, limit: number, now: number): Refusal {
  const seconds = CONCURRENCY_RETRY_AFTER_SECONDS;
  return refusal(429, 'concurrency_limit', subject, 'concurrentSessions', used, limit, now + seconds * 1000, seconds);
}

/** Spend: Retry-After until the window resets (rolling windows: until enough old spend leaves to get under the limit). */
function spendRefusal(subject: 'user' | 'key', u: WindowUsage, now: number): Refusal {
  const seconds = u.resetsAt === null ? null : Math.max(1, Math.ceil((u.resetsAt - now) / 1000));
  return refusal(402, 'spend_limit', subject, u.window, u.used, u.limit as number, u.resetsAt, seconds);
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
