// The admin API contract (SPEC §8.1): zod schemas and inferred types shared by the hub and the console.
import { z } from 'zod';

// ---------------------------------------------------------------------------------------------------------------
// Building blocks
// ---------------------------------------------------------------------------------------------------------------

/** "HH:mm", 00:00–23:59. */
export const HhMm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a time "HH:mm"');

/** ISO-8601 date-time with `Z` or an offset; the API always answers in UTC (`…Z`). */
export const IsoDateTime = z.iso.datetime({ offset: true });

/** Record ids (`prv_…`, `usr_…`, `key_…`, `req_…`). */
export const Id = z.string().min(1).max(128);

const name = z.string().trim().min(1).max(200);
const group = z.string().trim().min(1).max(100);
const usd = z.number().min(0).nullable().optional();

export const ApiErrorBody = z
  .object({
    error: z.object({
      code: z.string().meta({ description: 'stable machine-readable code, e.g. `unknown_field`, `not_found`' }),
      message: z.string(),
      field: z.string().optional().meta({ description: 'dotted path of the offending field, when there is one' }),
      requestId: z.string(),
    }),
  })
  .meta({ id: 'Error' });
export type ApiErrorBody = z.infer<typeof ApiErrorBody>;

/** Spend limits and concurrency; a null or absent limit means unlimited. In a PATCH, null clears a field. */
export const Limits = z
  .strictObject({
    fiveHourUsd: usd,
    dailyUsd: usd,
    weeklyUsd: usd,
    monthlyUsd: usd,
    totalUsd: usd,
    concurrentSessions: z.number().int().min(0).nullable().optional(),
    fiveHourMode: z.enum(['rolling', 'fixed']).nullable().optional(),
    dailyMode: z.enum(['fixed', 'rolling']).nullable().optional(),
    dailyResetTime: HhMm.nullable().optional(),
  })
  .meta({ id: 'Limits' });
export type Limits = z.infer<typeof Limits>;

export const MatchKind = z.enum(['exact', 'prefix', 'suffix', 'contains', 'regex']);

function regexProblem(pattern: string): string | null {
  try {
    new RegExp(pattern);
    return null;
  } catch {
    return 'not a valid regular expression';
  }
}

export const ModelRule = z
  .strictObject({ match: MatchKind, pattern: z.string().min(1).max(500) })
  .superRefine((rule, ctx) => {
    const problem = rule.match === 'regex' ? regexProblem(rule.pattern) : null;
    if (problem) ctx.addIssue({ code: 'custom', path: ['pattern'], message: problem });
  })
  .meta({ id: 'ModelRule' });
export type ModelRule = z.infer<typeof ModelRule>;

export const ModelRedirect = z
  .strictObject({ match: MatchKind, pattern: z.string().min(1).max(500), target: z.string().min(1).max(500) })
  .superRefine((rule, ctx) => {
    const problem = rule.match === 'regex' ? regexProblem(rule.pattern) : null;
    if (problem) ctx.addIssue({ code: 'custom', path: ['pattern'], message: problem });
  })
  .meta({ id: 'ModelRedirect' });
export type ModelRedirect = z.infer<typeof ModelRedirect>;

// Not a named component: zod-to-openapi 9 drops the `null` of a nullable $ref, and a schedule is usually null.
export const Schedule = z.strictObject({ start: HhMm, end: HhMm });
export type Schedule = z.infer<typeof Schedule>;

/** A list page: newest first by (createdAt, id); `nextCursor` is opaque base64url, null on the last page. */
export function listOf<T extends z.ZodType>(item: T, id: string) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() }).meta({ id });
}

/** `limit` (1–500, default 50) and `cursor` (the previous page's `nextCursor`). */
export const PageQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).optional().meta({ description: 'page size, default 50, max 500' }),
  cursor: z.string().min(1).max(500).optional().meta({ description: "the previous page's nextCursor" }),
});
export type PageQuery = z.infer<typeof PageQuery>;

export const DEFAULT_PAGE_SIZE = 50;

export const IdParams = z.strictObject({ id: Id });

// ---------------------------------------------------------------------------------------------------------------
// Providers (SPEC §2)
// ---------------------------------------------------------------------------------------------------------------

export const ProviderType = z.enum(['anthropic', 'openai-chat', 'openai-responses', 'gemini']);
export type ProviderType = z.infer<typeof ProviderType>;

export const AnthropicAuth = z.enum(['x-api-key', 'bearer', 'both']);

const httpUrl = z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' }).max(2000);
const proxyUrl = z.url({ protocol: /^(https?|socks5h?)$/, error: 'expected an http, https or socks5 URL' }).max(2000);
const headerName = z.string().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, 'not a valid header name');
const headerValue = z
  .string()
  .max(8000)
  .regex(/^[^\r\n\0]*$/, 'header values cannot contain line breaks');

export const BreakerSettings = z
  .strictObject({
    failureThreshold: z.number().int().min(0).max(1000).meta({ description: 'consecutive failures; 0 = off' }),
    openMs: z.number().int().min(0),
    halfOpenSuccesses: z.number().int().min(1).max(1000),
    countNetworkErrors: z.boolean().optional(),
  })
  .meta({ id: 'BreakerSettings' });

export const ProviderTimeouts = z
  .strictObject({
    connectMs: z.number().int().min(0),
    firstByteMs: z.number().int().min(0).meta({ description: 'streams only; 0 = off' }),
    idleMs: z.number().int().min(0),
    totalMs: z.number().int().min(0),
  })
  .meta({ id: 'ProviderTimeouts' });
export type ProviderTimeouts = z.infer<typeof ProviderTimeouts>;

/** What a provider gets when a create request leaves a field out (SPEC §2). */
export const PROVIDER_DEFAULTS = {
  enabled: true,
  priority: 0,
  weight: 1,
  costMultiplier: 1,
  attempts: 2,
  sticky: true,
  breaker: { failureThreshold: 5, openMs: 1_800_000, halfOpenSuccesses: 2, countNetworkErrors: false },
  timeouts: { connectMs: 30_000, firstByteMs: 0, idleMs: 300_000, totalMs: 600_000 },
  anthropicAuth: 'both',
  forwardClientIp: false,
} as const;

const providerFields = {
  name,
  type: ProviderType,
  baseUrl: httpUrl,
  apiKey: z.string().min(1).max(10_000),
  enabled: z.boolean(),
  priority: z.number().int().min(-1_000_000).max(1_000_000).meta({ description: 'lower number wins' }),
  weight: z.number().int().min(1).max(1_000_000),
  costMultiplier: z.number().min(0).max(1000),
  groups: z.array(group).max(100),
  allowedModels: z.array(ModelRule).max(1000),
  modelRedirects: z.array(ModelRedirect).max(1000),
  schedule: Schedule.nullable(),
  limits: Limits,
  attempts: z.number().int().min(1).max(10),
  sticky: z.boolean(),
  headers: z.record(headerName, headerValue),
  proxyUrl: proxyUrl.nullable(),
  anthropicAuth: AnthropicAuth,
  forwardClientIp: z.boolean(),
};

export const ProviderCreate = z
  .strictObject({
    name: providerFields.name,
    type: providerFields.type,
    baseUrl: providerFields.baseUrl,
    apiKey: providerFields.apiKey,
    enabled: providerFields.enabled.optional(),
    priority: providerFields.priority.optional(),
    weight: providerFields.weight.optional(),
    costMultiplier: providerFields.costMultiplier.optional(),
    groups: providerFields.groups.optional(),
    allowedModels: providerFields.allowedModels.optional(),
    modelRedirects: providerFields.modelRedirects.optional(),
    schedule: providerFields.schedule.optional(),
    limits: providerFields.limits.optional(),
    attempts: providerFields.attempts.optional(),
    sticky: providerFields.sticky.optional(),
    breaker: BreakerSettings.optional(),
    timeouts: ProviderTimeouts.optional(),
    headers: providerFields.headers.optional(),
    proxyUrl: providerFields.proxyUrl.optional(),
    anthropicAuth: providerFields.anthropicAuth.optional(),
    forwardClientIp: providerFields.forwardClientIp.optional(),
  })
  .meta({ id: 'ProviderCreate' });
export type ProviderCreate = z.infer<typeof ProviderCreate>;

/**
 * PATCH: every field optional. Top-level fields replace; `breaker`, `timeouts` and `limits` merge field by field
 * (a null inside `limits` clears that limit); `apiKey` is replaced only when given.
 */
export const ProviderUpdate = z
  .strictObject({
    ...ProviderCreate.shape,
    name: providerFields.name.optional(),
    type: providerFields.type.optional(),
    baseUrl: providerFields.baseUrl.optional(),
    apiKey: providerFields.apiKey.optional(),
    breaker: BreakerSettings.partial().optional(),
    timeouts: ProviderTimeouts.partial().optional(),
  })
  .meta({ id: 'ProviderUpdate' });
export type ProviderUpdate = z.infer<typeof ProviderUpdate>;

export const BreakerStateName = z.enum(['closed', 'open', 'half-open']);
export type BreakerStateName = z.infer<typeof BreakerStateName>;

/** The breaker's live state as shown inline on a provider (the full history is `GET /providers/{id}/breaker`). */
export const BreakerSummary = z.object({
  state: BreakerStateName,
  failures: z.number().int().optional(),
  openedAt: IsoDateTime.nullable().optional(),
  retryAt: IsoDateTime.nullable().optional(),
});
export type BreakerSummary = z.infer<typeof BreakerSummary>;

export const Provider = z
  .object({
    id: Id,
    name: z.string(),
    type: ProviderType,
    baseUrl: z.string(),
    apiKey: z.string().meta({ description: 'masked, e.g. "sk-ab…wxyz"; the secret itself never leaves the hub' }),
    enabled: z.boolean(),
    priority: z.number().int(),
    weight: z.number().int(),
    costMultiplier: z.number(),
    groups: z.array(z.string()),
    allowedModels: z.array(ModelRule),
    modelRedirects: z.array(ModelRedirect),
    schedule: Schedule.nullable(),
    limits: Limits,
    attempts: z.number().int(),
    sticky: z.boolean(),
    breaker: z.object({
      ...BreakerSummary.shape,
      failureThreshold: z.number().int(),
      openMs: z.number().int(),
      halfOpenSuccesses: z.number().int(),
      countNetworkErrors: z.boolean(),
    }),
    timeouts: ProviderTimeouts,
    headers: z.record(z.string(), z.string()),
    proxyUrl: z.string().nullable(),
    anthropicAuth: AnthropicAuth,
    forwardClientIp: z.boolean(),
    createdAt: IsoDateTime,
    updatedAt: IsoDateTime,
  })
  .meta({ id: 'Provider' });
export type Provider = z.infer<typeof Provider>;

export const ProviderList = listOf(Provider, 'ProviderList');
export type ProviderList = z.infer<typeof ProviderList>;

// ---------------------------------------------------------------------------------------------------------------
// Users and keys (SPEC §5)
// ---------------------------------------------------------------------------------------------------------------

export const UserRole = z.enum(['admin', 'user']);
export type UserRole = z.infer<typeof UserRole>;

export const UserCreate = z
  .strictObject({
    name,
    note: z.string().max(2000).optional(),
    role: UserRole.optional(),
    enabled: z.boolean().optional(),
    expiresAt: IsoDateTime.nullable().optional(),
    groups: z.array(group).max(100).optional(),
    allowedModels: z.array(z.string().min(1).max(500)).max(1000).optional(),
    rpm: z.number().int().min(0).nullable().optional(),
    limits: Limits.optional(),
  })
  .meta({ id: 'UserCreate' });
export type UserCreate = z.infer<typeof UserCreate>;

/** PATCH: every field optional; `limits` merges field by field (null clears). */
export const UserUpdate = z.strictObject({ ...UserCreate.shape, name: name.optional() }).meta({ id: 'UserUpdate' });
export type UserUpdate = z.infer<typeof UserUpdate>;

export const User = z
  .object({
    id: Id,
    name: z.string(),
    note: z.string(),
    role: UserRole,
    enabled: z.boolean(),
    expiresAt: IsoDateTime.nullable(),
    groups: z.array(z.string()),
    allowedModels: z.array(z.string()),
    rpm: z.number().int().nullable(),
    limits: Limits,
    createdAt: IsoDateTime,
    updatedAt: IsoDateTime,
  })
  .meta({ id: 'User' });
export type User = z.infer<typeof User>;

export const UserList = listOf(User, 'UserList');
export type UserList = z.infer<typeof UserList>;

export const KeyCreate = z
  .strictObject({
    name,
    enabled: z.boolean().optional(),
    expiresAt: IsoDateTime.nullable().optional(),
    canLogin: z.boolean().optional(),
    groups: z.array(group).max(100).nullable().optional().meta({ description: "null = use the user's groups" }),
    limits: Limits.optional(),
  })
  .meta({ id: 'KeyCreate' });
export type KeyCreate = z.infer<typeof KeyCreate>;

/** PATCH: every field optional; `limits` merges field by field (null clears). */
export const KeyUpdate = z.strictObject({ ...KeyCreate.shape, name: name.optional() }).meta({ id: 'KeyUpdate' });
export type KeyUpdate = z.infer<typeof KeyUpdate>;

export const Key = z
  .object({
    id: Id,
    userId: Id,
    name: z.string(),
    prefix: z.string().meta({ description: 'the first characters of the key, e.g. "sk-cchub-AbC1"' }),
    enabled: z.boolean(),
    expiresAt: IsoDateTime.nullable(),
    canLogin: z.boolean(),
    groups: z.array(z.string()).nullable(),
    limits: Limits,
    retiresAt: IsoDateTime.nullable(),
    lastUsedAt: IsoDateTime.nullable(),
    createdAt: IsoDateTime,
    updatedAt: IsoDateTime,
  })
  .meta({ id: 'Key' });
export type Key = z.infer<typeof Key>;

/** The creation answer: the only time the full key is shown. */
export const CreatedKey = z
  .object({ ...Key.shape, key: z.string().meta({ description: 'the full key "sk-cchub-…", shown only once' }) })
  .meta({ id: 'CreatedKey' });
export type CreatedKey = z.infer<typeof CreatedKey>;

export const KeyList = listOf(Key, 'KeyList');
export type KeyList = z.infer<typeof KeyList>;

export const KeyListQuery = z.strictObject({ ...PageQuery.shape, userId: Id.optional() });
export type KeyListQuery = z.infer<typeof KeyListQuery>;

// ---------------------------------------------------------------------------------------------------------------
// Request log (SPEC §4, §7)
// ---------------------------------------------------------------------------------------------------------------

export const DecisionStep = z
  .looseObject({
    at: z.number().meta({ description: 'milliseconds since the request arrived' }),
    kind: z.enum(['candidates', 'filtered', 'session', 'attempt', 'result']),
    providerId: z.string().optional(),
    providerName: z.string().optional(),
    reason: z.string().optional(),
    status: z.number().int().optional(),
    errorClass: z.string().optional(),
    latencyMs: z.number().optional(),
    attempt: z.number().int().optional(),
  })
  .meta({ id: 'DecisionStep' });
export type DecisionStep = z.infer<typeof DecisionStep>;

/** One logged client request (named `RequestRecord` here so it does not shadow the global `Request`). */
export const RequestRecord = z
  .object({
    id: Id,
    createdAt: IsoDateTime,
    userId: z.string().nullable(),
    keyId: z.string().nullable(),
    providerId: z.string().nullable(),
    userName: z.string().nullable(),
    keyName: z.string().nullable(),
    providerName: z.string().nullable(),
    format: z.string(),
    endpoint: z.string(),
    model: z.string().nullable(),
    upstreamModel: z.string().nullable(),
    stream: z.boolean(),
    status: z.number().int().meta({ description: 'the HTTP status the client received' }),
    errorClass: z.string().nullable(),
    errorMessage: z.string().nullable(),
    blockedBy: z.string().nullable(),
    ttfbMs: z.number().nullable(),
    durationMs: z.number(),
    inputTokens: z.number().int(),
    outputTokens: z.number().int(),
    cacheWrite5mTokens: z.number().int(),
    cacheWrite1hTokens: z.number().int(),
    cacheReadTokens: z.number().int(),
    costUsd: z.number().nullable().meta({ description: 'null when the model has no known price' }),
    sessionId: z.string().nullable(),
    userAgent: z.string().nullable(),
    clientIp: z.string().nullable(),
    decisionChain: z.array(DecisionStep),
  })
  .meta({ id: 'Request' });
export type RequestRecord = z.infer<typeof RequestRecord>;

export const RequestList = listOf(RequestRecord, 'RequestList');
export type RequestList = z.infer<typeof RequestList>;

export const RequestListQuery = z.strictObject({
  ...PageQuery.shape,
  from: IsoDateTime.optional().meta({ description: 'inclusive lower bound of createdAt' }),
  to: IsoDateTime.optional().meta({ description: 'exclusive upper bound of createdAt' }),
  userId: Id.optional(),
  keyId: Id.optional(),
  providerId: Id.optional(),
  model: z.string().min(1).max(500).optional().meta({ description: 'the requested model, exact' }),
  status: z.coerce.number().int().min(100).max(599).optional(),
  sessionId: z.string().min(1).max(500).optional(),
});
export type RequestListQuery = z.infer<typeof RequestListQuery>;

// ---------------------------------------------------------------------------------------------------------------
// Prices (SPEC §6)
// ---------------------------------------------------------------------------------------------------------------

export const PriceSource = z.enum(['bundled', 'import', 'manual']);

export const Price = z
  .object({
    model: z.string().meta({ description: 'the price table name that matched' }),
    source: PriceSource,
    priceData: z.record(z.string(), z.unknown()).meta({ description: 'the LiteLLM entry verbatim' }),
    updatedAt: IsoDateTime.nullable().meta({ description: 'when it was imported or edited; null for bundled' }),
  })
  .meta({ id: 'Price' });
export type Price = z.infer<typeof Price>;
