// Quota figures for the API: every limit window of a user, key or provider with use and reset time.
import type { JsonLimits } from '../db/schema';
import { effectiveLimit, type SubjectKind, subjectOf } from '../subjects';
import type { LimitState, LimitWindow } from './guard';
import { SPEND_WINDOWS } from './spend-windows';

export interface QuotaItem {
  window: LimitWindow;
  /** Requests (rpm), live sessions (concurrentSessions) or USD. */
  used: number;
  limit: number | null;
  /** Spend windows: USD held by the subject's requests in flight (admission counts it on top of `used`). */
  reserved?: number;
  /** Epoch ms (the API formats it as ISO); null when the window has no reset time now. */
  resetsAt: number | null;
}

/**
 * Items in check order: rpm (users only, with `rpm` their RPM limit), then the spend windows, then concurrent
 * sessions. Read-only apart from housekeeping the structures do on every read.
 */
export function quotaItems(
  state: LimitState,
  kind: SubjectKind,
  id: string,
  limits: JsonLimits,
  now: number,
  rpm?: number | null,
): QuotaItem[] {
  const subject = subjectOf(kind, id);
  const items: QuotaItem[] = [];
  if (kind === 'user') {
    const count = state.rpm.count(id, now);
    const check = state.rpm.check(id, rpm, now);
    items.push({ window: 'rpm', used: count, limit: effectiveLimit(rpm), resetsAt: count > 0 ? check.resetAt : null });
  }
  const reserved = state.reservations.heldNanos(subject);
  for (const window of SPEND_WINDOWS) {
    const u = state.spend.measure(subject, window, limits, now, reserved);
    items.push({ window, used: u.used, reserved: u.reserved, limit: u.limit, resetsAt: u.resetsAt });
  }
  items.push({
    window: 'concurrentSessions',
    used: state.sessions.count(subject, now),
    limit: effectiveLimit(limits.concurrentSessions),
    resetsAt: null,
  });
  return items;
}
