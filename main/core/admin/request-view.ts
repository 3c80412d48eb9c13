// What a caller may see of a logged request: admins everything; a plain user nothing that names or identifies providers.
import type { DecisionStep, RequestListQuery, RequestRecord } from '../../../shared/api-schemas';
import type { RequestFilter } from '../store/requests';
import type { Principal } from './auth';

/** Only these decision-step fields reach a plain user (no provider ids, names or filter reasons). */
function stepForUser(step: DecisionStep): DecisionStep {
  const out: DecisionStep = { at: step.at, kind: step.kind };
  if (step.status !== undefined) out.status = step.status;
  if (step.errorClass !== undefined) out.errorClass = step.errorClass;
  if (step.latencyMs !== undefined) out.latencyMs = step.latencyMs;
  if (step.attempt !== undefined) out.attempt = step.attempt;
  return out;
}

export function requestForCaller(record: RequestRecord, principal: Principal | null): RequestRecord {
  if (principal?.kind === 'admin') return record;
  return {
    ...record,
    providerId: null,
    providerName: null,
    decisionChain: record.decisionChain.filter((s) => s.kind !== 'filtered').map(stepForUser),
  };
}

/**
 * The repository filter for a list or export query; a plain user is confined to their own rows (undefined when
 * they asked for someone else's: the answer is empty).
 */
export function requestFilterFor(
  query: Omit<RequestListQuery, 'limit' | 'cursor'>,
  ownUserId: string | undefined,
): RequestFilter | undefined {
  if (ownUserId !== undefined && query.userId !== undefined && query.userId !== ownUserId) return undefined;
  const filter: RequestFilter = {};
  if (query.from !== undefined) filter.from = Date.parse(query.from);
  if (query.to !== undefined) filter.to = Date.parse(query.to);
  const userId = ownUserId ?? query.userId;
  if (userId !== undefined) filter.userId = userId;
  if (query.keyId !== undefined) filter.keyId = query.keyId;
  if (query.providerId !== undefined && ownUserId === undefined) filter.providerId = query.providerId;
  if (query.model !== undefined) filter.model = query.model;
  if (query.status !== undefined) filter.status = query.status;
  if (query.sessionId !== undefined) filter.sessionId = query.sessionId;
  return filter;
}
