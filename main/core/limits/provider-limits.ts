// Providers' own limits during selection: skip a provider over a spend window or its concurrent sessions.
import type { Clock } from '../clock';
import type { ProviderRuntime } from '../model/entities';
import type { SessionTable } from '../sessions/session-table';
import { effectiveLimit, providerSubject } from '../subjects';
import type { SpendReservations } from './spend-reservations';
import { hasSpendLimit, type SpendWindow, type SpendWindows } from './spend-windows';

/**
 * What the filter reads of a selection: its caller's live session and spend estimate. Routing's selection input
 * carries them (routing/select.ts `SelectionInput`); the filter names only these so limits need not import routing.
 */
export interface ProviderLimitsInput {
  caller?: {
    session?: { readonly providerId: string | null };
    spend?: { forProvider(p: ProviderRuntime): number };
  };
}

/** A selection filter: the reason a provider is dropped, or null (routing/select.ts `CandidateFilter`). */
export type ProviderLimitsFilter = (p: ProviderRuntime, input: ProviderLimitsInput) => string | null;

const LABEL: Record<SpendWindow, string> = {
  fiveHour: '5-hour',
  daily: 'daily',
  weekly: 'weekly',
  monthly: 'monthly',
  total: 'total',
};

/**
 * Drops a provider at its concurrent-session limit unless the request's session (from the selection caller) is
 * already counted on it, or one whose spend windows refuse the request: at or over a limit, or — with requests in
 * flight on it — without room for what they reserve plus this request's estimate for it (the same rule as the
 * guard's, spend-windows.ts `exceeded`). The pipeline then calls `sessions.attach` and moves the request's spend
 * reservation to the provider it sends to, in the same tick, so the next check sees both.
 */
export function providerLimitsFilter(
  spend: SpendWindows,
  sessions: SessionTable,
  reservations: SpendReservations,
  clock: Clock,
): ProviderLimitsFilter {
  return (p, input) => {
    const limits = p.limits;
    const now = clock.now();
    const sessionLimit = effectiveLimit(limits.concurrentSessions);
    const caller = input.caller;
    if (sessionLimit !== null && caller?.session?.providerId !== p.id) {
      const live = sessions.count(providerSubject(p.id), now);
      if (live >= sessionLimit) return `at its limit of ${sessionLimit} concurrent sessions (${live} live)`;
    }
    if (!hasSpendLimit(limits)) return null;
    const subject = providerSubject(p.id);
    const over = spend.exceeded(subject, limits, now, reservations.heldNanos(subject), caller?.spend?.forProvider(p));
    if (!over) return null;
    if (over.limit !== null && over.used < over.limit) {
      return `its ${LABEL[over.window]} spend limit is taken up by requests in flight ($${round(over.used)} used and $${round(over.reserved)} reserved of $${over.limit})`;
    }
    const resets =
      over.resetsAt === null ? 'until an admin resets it' : `until ${new Date(over.resetsAt).toISOString()}`;
    return `over its ${LABEL[over.window]} spend limit ($${round(over.used)} of $${over.limit}) ${resets}`;
  };
}

function round(usd: number): number {
  return Math.round(usd * 10_000) / 10_000;
}
