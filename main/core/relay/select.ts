// Select stage: the next provider for the exchange — eligible candidates (the failover plan's filters, providers
// tried excluded), the session's bound provider on the first pick, else priority → cost multiplier → weight — and what
// choosing it moves: the session's provider, the spend reservation, the body it is sent (translated into the provider's
// format, its overrides applied) and the model it is sent as.
import { WIRE_FORMATS } from '../formats';
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
import { Translation } from '../translate/translation';
import type { Exchange } from './exchange';

export interface SelectDeps {
  registry: RoutingRegistry;
  filters: readonly CandidateFilter[];
  sessions: SessionTable;
  random?: Random;
  /** A model's output limit (the price table's max_output_tokens): a translated max_tokens is capped to it. */
  maxOutputTokens?: (model: string) => number | undefined;
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
      endpoint: ex.endpoint?.name,
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
  provider ??= pickProvider(candidates, deps.random, ex.format);
  if (!provider) return undefined;
  ex.tried.add(provider.id);
  if (ex.session) deps.sessions.attach(ex.session, provider.id);
  const { reservation, estimate } = ex;
  if (reservation && estimate) {
    const limited = ex.clientLimited || hasSpendLimit(provider.limits);
    reservation.retarget(provider.id, limited ? estimate.forProvider(provider) : 0);
  }
  ex.provider = provider;
  sendAs(ex, redirectModel(provider.modelRedirects, ex.parsed.model), deps);
  return provider;
}

/** A provider of another format: the request rewritten into its format, and the chain told what was lost. */
function translateFor(ex: Exchange, provider: ProviderRuntime, deps: SelectDeps): void {
  const endpoint = ex.endpoint?.name ?? '';
  const built = Translation.ofRequest(ex.format, provider.type, endpoint, ex.body, ex.sentModel, ex.stream, {
    clientQuery: ex.query,
    maxOutputTokens: deps.maxOutputTokens?.(ex.sentModel),
  });
  if (!built) return; // the translation filter admits only translatable pairs
  ex.translation = built.translation;
  ex.sendBody = built.body;
  ex.sendPath = built.target.path;
  ex.sendQuery = built.target.query;
  ex.note({
    kind: 'translated',
    providerId: provider.id,
    providerName: provider.name,
    reason: built.translation.describe(),
  });
}

/**
 * The request as the provider gets it: translated into the provider's format when it speaks another, else with the
 * redirected model spliced into the body or the path; either way its body overrides applied (noted in the chain).
 */
function sendAs(ex: Exchange, redirected: string | undefined, deps: SelectDeps): void {
  ex.redirectedTo = redirected;
  ex.sentModel = redirected ?? ex.parsed.model;
  ex.sendBody = ex.body;
  ex.sendPath = ex.path;
  ex.sendQuery = ex.query;
  ex.upstreamSpec = WIRE_FORMATS[ex.provider.type];
  ex.translation = undefined;
  if (ex.provider.type !== ex.format) {
    translateFor(ex, ex.provider, deps);
    applyOverrides(ex);
    return;
  }
  applyOverrides(ex);
  if (redirected === undefined) return;
  if (ex.spec.modelIn === 'path') {
    const named = ex.spec.route?.(ex.path);
    if (named) ex.sendPath = named.withModel(redirected);
    return;
  }
  ex.sendBody = spliceModel(ex.sendBody, redirected) ?? ex.sendBody;
}

/** The provider's body overrides applied to the bytes about to be sent (only the members they touch rewritten). */
function applyOverrides(ex: Exchange): void {
  const overrides = ex.provider?.overrides;
  if (!overrides) return;
  const p = ex.provider as ProviderRuntime;
  ex.note({ kind: 'override', providerId: p.id, providerName: p.name, reason: overrides.summary });
  if (!overrides.body) return;
  const spans = spansOf(ex, ex.sendBody);
  if (spans) ex.sendBody = applyBodyOverrides(ex.sendBody, spans, overrides.body);
}

/** A body's top-level members: the parse stage's for the client's own body, else scanned (a translated body). */
function spansOf(ex: Exchange, body: Buffer) {
  const fields = ex.parsed.fields;
  if (body === fields.body) return fields.spans();
  const scanned = scanMembers(body);
  return scanned.ok ? scanned.members : undefined;
}
