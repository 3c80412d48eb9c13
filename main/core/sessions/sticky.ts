// Sticky routing: a session reuses the provider bound to it while that provider is still a candidate.
// The bindings themselves live in the session table (session-table.ts), which also counts concurrent sessions.
import type { DecisionNotes } from '../routing/decision-chain';
import type { LiveSession, SessionTable } from './session-table';

/** What stickiness reads of a provider. */
export interface StickyProvider {
  readonly id: string;
  readonly name: string;
  /** False when the provider opted out of stickiness. */
  readonly sticky: boolean;
}

/**
 * The provider to reuse for this request: the session's bound provider when it is among `candidates` (the eligible
 * providers, after every filter) and has not opted out of stickiness; otherwise undefined and normal selection runs.
 * Call it for the first pick of a request only (a failover excludes the provider that failed anyway).
 */
export function stickyProvider<P extends StickyProvider>(
  session: LiveSession | undefined,
  candidates: readonly P[],
  notes?: DecisionNotes,
): P | undefined {
  const bound = session?.boundProviderId;
  if (!bound) return undefined;
  for (const p of candidates) {
    if (p.id !== bound) continue;
    if (!p.sticky) {
      notes?.note({
        kind: 'session',
        providerId: p.id,
        providerName: p.name,
        reason: 'bound provider opted out of stickiness',
      });
      return undefined;
    }
    notes?.note({ kind: 'session', providerId: p.id, providerName: p.name, reason: "reusing the session's provider" });
    return p;
  }
  notes?.note({
    kind: 'session',
    providerId: bound,
    reason: "the session's provider is not a candidate now; choosing again",
  });
  return undefined;
}

/**
 * After a successful answer: bind the session to the provider that gave it (a failover success rebinds), or clear the
 * binding when that provider opted out of stickiness.
 */
export function rememberSuccess(
  sessions: SessionTable,
  session: LiveSession,
  provider: StickyProvider,
  now: number,
): void {
  if (provider.sticky) sessions.bind(session, provider.id, now);
  else sessions.unbind(session);
}
