// Select stage: the next provider for the exchange — eligible candidates (the failover plan's filters, providers
// tried excluded), the session's bound provider on the first pick, else priority → cost multiplier → weight — and what
// choosing it moves: the session's provider, the spend reservation, the body its overrides make and the model it is
// sent as.

import { scanMembers } from '../formats/common/json-members';
import { spliceModel } from '../formats/common/request';
import { hasSpendLimit } from '../limits/spend-windows';
import type { ProviderRuntime } from '../model/entities';
import { redirectModel } from '../model/model-rules';
import { applyBodyOverrides } from '../overrides/body-overrides';
import { effectiveGroups } from '../routing/groups';
import type { RoutingRegistry } from '../routing/registry';
import { type CandidateFilter, eligibleProviders, pickProvider, type Random } from '../routing/select';
import type { SessionTable } from '../sessions/session-table';
import { stickyProvider } from '../sessions/sticky';
import type { Exchange } from './exchange';

export interface SelectDeps {
  registry: RoutingRegistry;
  filters: readonly CandidateFilter[];
  sessions: SessionTable;
  random?: Random;
}

/** Sets `ex.provider` and what is sent to it; undefined when no provider is (left) to try. */
export function select(ex: Exchange, deps: SelectDeps): ProviderRuntime | undefined {
  let selection = ex.selection;
  const first = selection === undefined;
  if (selection === undefined) {
    selection = {
      format: ex.format,
      model: ex.parsed.model,
      exclude: ex.tried,
      caller: { groups: effectiveGroups(ex.entry), session: ex.session, spend: ex.estimate },
    };
    ex.selection = selection;
  }
  let candidates = eligibleProviders(deps.registry.providers(), selection, deps.filters, ex);
  const pinned = ex.pinnedProvider;
  if (pinned !== undefined) {
    // A turn continuing a response goes only where that response is held; elsewhere it is unknown.
    candidates = candidates.filter((p) => p.id === pinned);
    if (first)
      ex.note({
        kind: 'session',
        providerId: pinned,
        reason: 'pinned: it holds the response this WebSocket turn continues',
      });
  }
  let provider: ProviderRuntime | undefined;
  if (first) {
    ex.note({ kind: 'candidates', reason: candidates.map((p) => p.name).join(', ') || 'none' });
    provider = stickyProvider(ex.session, candidates, ex);
  }
  provider ??= pickProvider(candidates, deps.random);
  if (!provider) return undefined;
  ex.tried.add(provider.id);
  if (ex.session) deps.sessions.attach(ex.session, provider.id);
  const { reservation, estimate } = ex;
  if (reservation && estimate) {
    const limited = ex.clientLimited || hasSpendLimit(provider.limits);
    reservation.retarget(provider.id, limited ? estimate.forProvider(provider) : 0);
  }
  ex.provider = provider;
  sendAs(ex, redirectModel(provider.modelRedirects, ex.parsed.model));
  return provider;
}

/**
 * The request as the provider gets it: its body overrides applied to the body bytes (noted in the chain), then the
 * redirected model spliced into the body or the path.
 */
function sendAs(ex: Exchange, redirected: string | undefined): void {
  ex.redirectedTo = redirected;
  ex.sentModel = redirected ?? ex.parsed.model;
  ex.sendBody = ex.body;
  ex.sendPath = ex.path;
  const overrides = ex.provider.overrides;
  if (overrides) {
    const p = ex.provider;
    ex.note({ kind: 'override', providerId: p.id, providerName: p.name, reason: overrides.summary });
    if (overrides.body) ex.sendBody = applyBodyOverrides(ex.body, bodySpans(ex), overrides.body);
  }
  if (redirected === undefined) return;
  if (ex.spec.modelIn === 'path') {
    const named = ex.spec.route?.(ex.path);
    if (named) ex.sendPath = named.withModel(redirected);
    return;
  }
  ex.sendBody = spliceModel(ex.sendBody, redirected) ?? ex.sendBody;
}

/** The body's top-level members: the parse stage's, unless a member was added to the body since. */
function bodySpans(ex: Exchange) {
  const fields = ex.parsed.fields;
  if (ex.body === fields.body) return fields.spans();
  const scanned = scanMembers(ex.body);
  return scanned.ok ? scanned.members : fields.spans();
}
