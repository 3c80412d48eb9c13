// Guard stage: client restrictions and content rules (every endpoint), then for billable requests the user's model
// allowlist, RPM, concurrent sessions and spend windows (key before user) with
// what requests in flight reserve; an admitted request holds its session and its spend reservation until it ends.
import type { PriceTable } from '../billing/price-table';
import type { ContentRuleBook } from '../content-rules/rule-book';
import type { Governance } from '../governance';
import { admit } from '../limits/guard';
import { SpendEstimate } from '../limits/spend-estimate';
import { hasSpendLimit } from '../limits/spend-windows';
import type { RoutingRegistry } from '../routing/registry';
import { userAllowsModel } from '../routing/user-models';
import { refuseClient } from './client-guard';
import { refuseContent } from './content-guard';
import type { Exchange } from './exchange';
import type { Refusal } from './refusal';

export interface GuardDeps {
  registry: RoutingRegistry;
  prices: PriceTable;
  governance: Governance;
  /** Settings: bill the redirected model instead of the requested one. */
  billRedirectedModel?: () => boolean;
  /** The content rules in force (none when absent). */
  contentRules?: ContentRuleBook;
}

/** Admits a billable request or returns the refusal (logged as blocked); count_tokens and compact skip quotas. */
export function guard(ex: Exchange, deps: GuardDeps): Refusal | undefined {
  const refused = refuseClient(ex) ?? (deps.contentRules && refuseContent(ex, deps.contentRules.current));
  if (refused) return refused;
  const endpoint = ex.endpoint;
  if (!endpoint?.billable) return undefined;
  const entry = ex.entry;
  const parsed = ex.parsed;
  if (entry.userAllowedModels.length > 0 && !userAllowsModel(entry.userAllowedModels, parsed.model)) {
    const message = `model ${parsed.model} is not allowed for this user`;
    return { status: 403, code: 'model_not_allowed', message, row: 'blocked', blockedBy: 'model' };
  }
  const { registry, governance } = deps;
  const estimate = new SpendEstimate(
    ex.format,
    parsed.fields,
    ex.receivedBytes,
    parsed.model,
    deps.prices,
    deps.billRedirectedModel?.() ?? false,
  );
  // The provider is chosen after the guard: the key and user windows admit by the dearest provider's estimate, and
  // the reservation shrinks to the chosen one's in the select stage, in this same tick, so nothing runs in between.
  const admission = admit(
    { entry, sessionId: ex.sessionId, now: ex.startedAt, estimate: () => estimate.worst(registry.providers()) },
    governance.limitState,
  );
  if (!admission.ok) {
    const r = admission.refusal;
    return {
      status: r.status,
      code: r.code,
      message: r.message,
      headers: { ...r.headers },
      row: 'blocked',
      blockedBy: 'quota',
    };
  }
  const session = admission.session;
  ex.session = session;
  ex.reservation = admission.reservation;
  ex.estimate = estimate;
  ex.clientLimited = hasSpendLimit(entry.keyLimits) || hasSpendLimit(entry.userLimits);
  const { clock } = ex;
  ex.res.once('close', () => governance.sessions.end(session, clock.now()));
  return undefined;
}
