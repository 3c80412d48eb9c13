// Store records → the management API's shapes: times as ISO, secrets as hints, JSON columns parsed.
import type {
  AuditEntry,
  BreakerSummary,
  ContentRule,
  DecisionStep,
  Key,
  Provider,
  ProviderHealth,
  RequestRecord,
  User,
} from '../../../shared/api-schemas';
import type { WireFormat } from '../../../shared/wire-formats';
import { toIso, toIsoOrNull } from '../store/iso';
import type {
  AuditRecord,
  ContentRuleRecord,
  KeyRecord,
  ProviderRecord,
  RequestRecordWithNames,
  UserRecord,
} from '../store/repositories';

/** The API shape of a user. */
export function userToApi(row: UserRecord): User {
  return {
    id: row.id,
    name: row.name,
    note: row.note,
    role: row.role,
    enabled: row.enabled,
    expiresAt: toIsoOrNull(row.expiresAt),
    groups: row.groups,
    allowedModels: row.allowedModels,
    rpm: row.rpm,
    limits: row.limits,
    clients: row.clients ?? null,
    createdAt: toIso(row.createdAt),
    updatedAt: toIso(row.updatedAt),
  };
}

/** The API shape: prefix only, never the hash. */
export function keyToApi(row: KeyRecord): Key {
  return {
    id: row.id,
    userId: row.userId,
    name: row.name,
    prefix: row.prefix,
    enabled: row.enabled,
    expiresAt: toIsoOrNull(row.expiresAt),
    canLogin: row.canLogin,
    groups: row.groups ?? null,
    limits: row.limits,
    clients: row.clients ?? null,
    retiresAt: toIsoOrNull(row.retiresAt),
    lastUsedAt: toIsoOrNull(row.lastUsedAt),
    createdAt: toIso(row.createdAt),
    updatedAt: toIso(row.updatedAt),
  };
}

/** The API shape: the secret only as its masked hint, times as ISO, the breaker's and the observed health inline. */
export function providerToApi(row: ProviderRecord, breaker: BreakerSummary, health: ProviderHealth): Provider {
  return {
    id: row.id,
    name: row.name,
    type: row.type,
    baseUrl: row.baseUrl,
    apiKey: row.secretHint,
    enabled: row.enabled,
    priority: row.priority,
    weight: row.weight,
    costMultiplier: row.costMultiplier,
    groups: row.groups,
    allowedModels: row.allowedModels,
    modelRedirects: row.modelRedirects,
    schedule: row.schedule ?? null,
    limits: row.limits,
    attempts: row.attempts,
    sticky: row.sticky,
    breaker: { ...row.breaker, countNetworkErrors: row.breaker.countNetworkErrors ?? false, ...breaker },
    timeouts: row.timeouts,
    headers: row.headers,
    proxyUrl: row.proxyUrl,
    anthropicAuth: row.anthropicAuth,
    forwardClientIp: row.forwardClientIp,
    overrides: row.overrides as Provider['overrides'],
    websocket: row.websocket,
    serves: row.serves,
    health,
    createdAt: toIso(row.createdAt),
    updatedAt: toIso(row.updatedAt),
  };
}

function parseJson(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/** The API shape of an audit entry: before/after parsed back to JSON values. */
export function auditToApi(row: AuditRecord): AuditEntry {
  return {
    id: row.id,
    createdAt: toIso(row.createdAt),
    actor: row.actor,
    action: row.action,
    target: row.target,
    before: parseJson(row.before),
    after: parseJson(row.after),
    ip: row.ip,
  };
}

/** The stored decision chain; a damaged or non-array value reads as an empty chain rather than failing the call. */
export function parseDecisionChain(text: string): DecisionStep[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? (value.filter((s) => typeof s === 'object' && s !== null) as DecisionStep[]) : [];
  } catch {
    return [];
  }
}

/** The API shape of a logged request, with its decision chain parsed. */
export function requestToApi(row: RequestRecordWithNames): RequestRecord {
  return {
    id: row.id,
    createdAt: toIso(row.createdAt),
    userId: row.userId,
    keyId: row.keyId,
    providerId: row.providerId,
    userName: row.userName,
    keyName: row.keyName,
    providerName: row.providerName,
    format: row.format,
    endpoint: row.endpoint,
    model: row.model,
    upstreamModel: row.upstreamModel,
    stream: row.stream,
    status: row.status,
    errorClass: row.errorClass,
    errorMessage: row.errorMessage,
    blockedBy: row.blockedBy,
    transport: row.transport,
    translatedFrom: row.translatedFrom as WireFormat | null,
    ttfbMs: row.ttfbMs,
    durationMs: row.durationMs,
    inputTokens: row.inputTokens,
    outputTokens: row.outputTokens,
    cacheWrite5mTokens: row.cacheWrite5mTokens,
    cacheWrite1hTokens: row.cacheWrite1hTokens,
    cacheReadTokens: row.cacheReadTokens,
    costUsd: row.costUsd,
    sessionId: row.sessionId,
    userAgent: row.userAgent,
    clientIp: row.clientIp,
    decisionChain: parseDecisionChain(row.decisionChain),
  };
}

/** The API shape of a content rule. */
export function contentRuleToApi(row: ContentRuleRecord): ContentRule {
  return {
    id: row.id,
    match: row.match,
    pattern: row.pattern,
    enabled: row.enabled,
    note: row.note,
    createdAt: toIso(row.createdAt),
    updatedAt: toIso(row.updatedAt),
  };
}
