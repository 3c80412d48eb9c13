// Providers' own limits during selection (SPEC §3): skip a provider over a spend window or its concurrent sessions.
import type { Clock } from '../clock';
import type { CandidateFilter } from '../routing/select';
import { callerOf } from '../routing/selection-context';
import type { SessionTable } from './concurrency';
import type { SpendWindow, SpendWindows } from './spend-windows';
import { effectiveLimit, providerSubject } from './subjects';

const LABEL: Record<SpendWindow, string> = {
  fiveHour: '5-hour',
  daily: 'daily',
  weekly: 'weekly',
  monthly: 'monthly',
  total: 'total',
};

/**
 * Drops a provider at or over one of its spend windows, or at its concurrent-session limit unless the request's
 * session (from the selection caller) is already counted on it. The pipeline then calls `sessions.attach` for the
 * provider it sends to, in the same tick, so the next check sees it.
 */
export function providerLimitsFilter(spend: SpendWindows, sessions: SessionTable, clock: Clock): CandidateFilter {
  return (p, input) => {
    const limits = p.limits;
    const now = clock.now();
    const sessionLimit = effectiveLimit(limits.concurrentSessions);
    if (sessionLimit !== null && callerOf(input)?.session?.providerId !== p.id) {
      const live = sessions.count(providerSubject(p.id), now);
      if (live >= sessionLimit) return `at its limit of ${sessionLimit} concurrent sessions (${live} live)`;
    }
    const over = spend.exceeded(providerSubject(p.id), limits, now);
    if (!over) return null;
    const resets =
      over.resetsAt === null ? 'until an admin resets it' : `until ${new Date(over.resetsAt).toISOString()}`;
    return `over its ${LABEL[over.window]} spend limit ($${round(over.used)} of $${over.limit}) ${resets}`;
  };
}

function round(usd: number): number {
  return Math.round(usd * 10_000) / 10_000;
}
