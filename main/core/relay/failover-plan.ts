// The failover plan's health side: the only code that changes provider health — 429 cooldowns, circuit breakers'
// failures and successes, sticky bindings, the observed health the console shows — all through `report`, from what an
// attempt or a provider ended in.
import type { Clock } from '../clock';
import type { Governance } from '../governance';
import { ProviderCooldowns } from '../routing/provider-cooldowns';
import type { CandidateFilter } from '../routing/select';
import { rememberSuccess } from '../sessions/sticky';
import type { Exchange } from './exchange';
import type { AttemptOutcome, Delivered } from './outcomes';

/** The provider used up its attempts (or refused with 429/404): `ex.lastFailure` says how. */
export const PROVIDER_EXHAUSTED = { kind: 'exhausted' } as const;

/** One attempt's outcome (a `failed` one is reported per attempt, an answer once), or the provider given up. */
export type PlanOutcome = AttemptOutcome | typeof PROVIDER_EXHAUSTED;

export class FailoverPlan {
  private readonly cooldowns: ProviderCooldowns;
  /** Every selection filter: the 429 cooldown first, then governance's (groups, model rules, breaker, limits…). */
  readonly filters: readonly CandidateFilter[];

  constructor(
    private readonly clock: Clock,
    private readonly governance: Governance,
  ) {
    this.cooldowns = new ProviderCooldowns(clock);
    this.filters = [this.cooldowns.filter, ...governance.filters()];
  }

  /**
   * A 429 benches the provider for its retry-after; a provider given up counts one failure for its breaker unless the
   * rule that decided its last failure says not to (the built-in 429 rule); an answer heals the breaker and binds the session, or — failed after it began — counts against it. Only
   * billable requests the upstream answered move a breaker or a binding.
   */
  report(ex: Exchange, outcome: PlanOutcome): void {
    const provider = ex.provider;
    switch (outcome.kind) {
      case 'failed':
        if (outcome.errorClass === 'rate_limited') this.cooldowns.bench(provider.id, outcome.retryAfterMs ?? 0);
        return;
      case 'exhausted': {
        const last = ex.lastFailure;
        if (last) {
          const error = `${last.errorClass}: ${last.message}`;
          this.governance.health.observe(provider.id, this.clock.now(), { ok: false, error });
        }
        if (ex.endpoint?.billable && last && last.countsForBreaker !== false) {
          this.governance.breakers.recordFailure(provider, { network: last.network }, this.clock.now());
        }
        return;
      }
      case 'delivered': {
        const d = outcome.delivered;
        const now = this.clock.now();
        observeDelivered(this.governance, provider.id, d, now);
        if (!ex.endpoint?.billable) return;
        if (!d.upstreamAnswered) {
          // An upstream error returned to the client counts only when its rule says so.
          if (d.countsForBreaker) this.governance.breakers.recordFailure(provider, { network: false }, now);
          return;
        }
        const { breakers, sessions } = this.governance;
        if (d.errorClass === null && d.status < 400) {
          breakers.recordSuccess(provider, now);
          if (ex.session) rememberSuccess(sessions, ex.session, provider, now);
        } else if (d.errorClass !== 'client_closed') {
          breakers.recordFailure(provider, { network: false }, now);
        }
        return;
      }
      case 'client_gone':
        return;
    }
  }
}

/**
 * A delivered answer as health sees it: the provider worked unless the answer failed on its side (a 4xx the client
 * caused still means the provider answered); a client that left says nothing about the provider.
 */
function observeDelivered(governance: Governance, providerId: string, d: Delivered, now: number): void {
  if (d.errorClass === 'client_closed') return;
  const providerFault = d.errorClass !== null && d.errorClass !== 'client_error';
  governance.health.observe(
    providerId,
    now,
    providerFault
      ? { ok: false, error: `${d.errorClass}: ${d.errorMessage ?? d.status}` }
      : { ok: true, ttfbMs: d.ttfbMs },
  );
}
