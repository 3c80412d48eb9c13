// What the admin API reads from the governance state (quotas, breakers, live sessions): the readers and their wiring.
import type { Breaker, BreakerSummary, LiveSession, ProviderHealth, Quota } from '../../../shared/api-schemas';
import type { HubContext } from '../context';
import type { JsonLimits } from '../db/schema';
import type { BreakerView } from '../routing/breaker';
import { toIso, toIsoOrNull } from '../store/iso';

export interface QuotaSubject {
  kind: 'user' | 'key' | 'provider';
  id: string;
}

/** Usage against each limit window of a user, key or provider. */
export type QuotaReader = (subject: QuotaSubject) => Quota;

/** The live breaker state of a provider, shown inline on providers. */
export type BreakerStateReader = (providerId: string) => BreakerSummary;

/** What traffic and tests observed of a provider (`health` on providers). */
export type HealthReader = (providerId: string) => ProviderHealth;

/** The breaker's full state and history, and the admin's reset. */
export interface BreakerControl {
  detail(providerId: string): Breaker;
  reset(providerId: string): void;
}

/** For a breaker state given as an option (tests, embedders): that state, no history, nothing to reset. */
export function breakerControlFrom(state: BreakerStateReader): BreakerControl {
  return {
    detail: (id) => ({ ...state(id), failures: state(id).failures ?? 0, history: [] }),
    reset: () => {},
  };
}

/** Sessions with a request in flight or within the session TTL (the sticky-session module supplies them). */
export type LiveSessionReader = () => LiveSession[];

/** Governance's breaker view (epoch ms) in the API's shape (ISO times; history as `{ at, state, from, reason }`). */
function breakerToApi(view: BreakerView): Breaker {
  return {
    state: view.state,
    failures: view.failures,
    ...(view.openedAt === undefined ? {} : { openedAt: toIso(view.openedAt) }),
    ...(view.retryAt === undefined ? {} : { retryAt: toIso(view.retryAt) }),
    history: view.history.map((h) => ({ at: toIso(h.at), state: h.to, from: h.from, reason: h.reason })),
  };
}

export interface GovernanceReaders {
  quota: QuotaReader;
  breakerState: BreakerStateReader;
  breaker: BreakerControl;
  health: HealthReader;
  liveSessions: LiveSessionReader;
}

/** The readers over the hub's live governance state (`ctx.governance`): quota windows, breakers, sessions. */
export function governanceReaders(ctx: HubContext): GovernanceReaders {
  const store = ctx.store;
  const now = () => ctx.clock.now();
  const breakerProvider = (id: string) => {
    const live = ctx.registry.provider(id);
    if (live) return live;
    const row = store.providers.get(id);
    return row ? { id, breaker: row.breaker } : undefined;
  };
  const detail = (id: string): Breaker => {
    const p = breakerProvider(id);
    return p ? breakerToApi(ctx.governance.breakers.state(p, now())) : { state: 'closed', failures: 0, history: [] };
  };
  return {
    quota: (subject) => {
      let limits: JsonLimits = {};
      let rpm: number | null | undefined;
      if (subject.kind === 'user') {
        const user = store.users.get(subject.id);
        limits = user?.limits ?? {};
        rpm = user?.rpm ?? null;
      } else if (subject.kind === 'key') limits = store.keys.get(subject.id)?.limits ?? {};
      else limits = store.providers.get(subject.id)?.limits ?? {};
      const items = ctx.governance.quota(subject.kind, subject.id, limits, rpm);
      return {
        items: items.map((i) => ({
          window: i.window,
          used: i.used,
          ...(i.reserved === undefined ? {} : { reserved: i.reserved }),
          limit: i.limit,
          resetsAt: toIsoOrNull(i.resetsAt),
          scope: subject.kind,
        })),
      };
    },
    breakerState: (id) => {
      const { history: _history, ...summary } = detail(id);
      return summary;
    },
    breaker: { detail, reset: (id) => ctx.governance.breakers.reset(id, now()) },
    health: (id) => {
      const h = ctx.governance.health.view(id, now());
      return { ...h, lastCheckedAt: toIsoOrNull(h.lastCheckedAt) };
    },
    liveSessions: () =>
      ctx.governance.sessions.list(now()).map((s) => ({
        sessionId: s.sessionId,
        userId: s.userId,
        keyId: s.keyId,
        providerId: s.providerId,
        boundProviderId: s.boundProviderId,
        startedAt: toIso(s.startedAt),
        lastSeenAt: toIso(s.lastSeenAt),
        requests: s.requests,
        inFlight: s.inFlight,
      })),
  };
}
