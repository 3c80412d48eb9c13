// The admin API contract: zod schemas and inferred types shared by the hub and the console.
import { z } from 'zod';
import { operationsSettingsFields } from './operations-settings';
import { isValidTimeZone } from './time-zones';
import { WireFormatSchema } from './wire-formats';

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
      reason: z
        .string()
        .optional()
        .meta({
          description:
            'what was wrong with the field: required, too_small, too_big, too_short, too_long, invalid_url, ' +
            'invalid_datetime, invalid_regex, invalid_type, invalid_value, in_past (an expiry already past), invalid',
        }),
      limit: z.number().optional().meta({ description: 'the bound a too_small/too_big/too_short/too_long broke' }),
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

/**
 * `limits` in a PATCH: an omitted field keeps its value, a null field clears it (so `{}` changes nothing), and
 * `limits: null` clears every limit.
 */
const LimitsPatch = Limits.nullable()
  .optional()
  .meta({ description: 'Merged field by field: an omitted field is kept, null clears it; null clears every limit.' });

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
// Request overrides (providers), client restrictions (users and keys), content rules
// ---------------------------------------------------------------------------------------------------------------

const overridePath = z
  .string()
  .min(1)
  .max(300)
  .regex(/^[^.]+(\.[^.]+)*$/, 'expected a dot path such as "reasoning.effort"');

/** One body change: `set` writes the JSON value at the dot path (creating objects on the way), `remove` deletes it. */
export const BodyOverride = z
  .strictObject({
    op: z.enum(['set', 'remove']),
    path: overridePath,
    value: z.unknown().optional().meta({ description: 'the JSON value `set` writes (required for set)' }),
  })
  .superRefine((o, ctx) => {
    if (o.op === 'set' && o.value === undefined)
      ctx.addIssue({ code: 'custom', path: ['value'], message: 'set needs a value' });
  })
  .meta({ id: 'BodyOverride' });
export type BodyOverride = z.infer<typeof BodyOverride>;

/** Header names the hub owns on the upstream request (framing, target, credentials): never overridden. */
export const RESERVED_OVERRIDE_HEADERS = ['host', 'content-length', 'transfer-encoding', 'connection'] as const;

/** One header change: `set` replaces, `append` adds a comma-separated entry (once), `remove` deletes. */
export const HeaderOverride = z
  .strictObject({
    op: z.enum(['set', 'append', 'remove']),
    name: z
      .string()
      .regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, 'not a valid header name')
      .refine((n) => !(RESERVED_OVERRIDE_HEADERS as readonly string[]).includes(n.toLowerCase()), {
        message: 'the hub sets this header itself',
      }),
    value: z
      .string()
      .max(8000)
      .regex(/^[^\r\n\0]*$/, 'header values cannot contain line breaks')
      .optional(),
  })
  .superRefine((o, ctx) => {
    if (o.op !== 'remove' && (o.value === undefined || o.value === '')) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: `${o.op} needs a value` });
    }
  })
  .meta({ id: 'HeaderOverride' });
export type HeaderOverride = z.infer<typeof HeaderOverride>;

/** Applied in order to what one provider is sent (after the model redirect); listed in the decision chain. */
export const ProviderOverrides = z
  .strictObject({
    body: z.array(BodyOverride).max(100).optional(),
    headers: z.array(HeaderOverride).max(100).optional(),
  })
  .meta({ id: 'ProviderOverrides' });
export type ProviderOverrides = z.infer<typeof ProviderOverrides>;

/** Clients the hub recognises from User-Agent and the headers each sends. */
export const KNOWN_CLIENTS = [
  'claude-code',
  'codex-cli',
  'gemini-cli',
  'anthropic-sdk',
  'openai-sdk',
  'google-genai-sdk',
] as const;
export type KnownClient = (typeof KNOWN_CLIENTS)[number];

const clientPattern = z.string().trim().min(1).max(200).meta({
  description: 'a known client name, or a glob (`*`, `?`) matched against the whole User-Agent, ignoring case',
});
const version = z.string().regex(/^\d+(\.\d+){0,3}$/, 'expected a version such as "2.1.0"');

/** Which clients may use a user's or key's credentials: block first, then allow (empty = any), then minimum versions. */
export const ClientRestrictions = z
  .strictObject({
    allow: z.array(clientPattern).max(50).optional(),
    block: z.array(clientPattern).max(50).optional(),
    minVersion: z
      .partialRecord(z.enum(KNOWN_CLIENTS), version)
      .optional()
      .meta({ description: 'per known client, the oldest version accepted' }),
  })
  .meta({ id: 'ClientRestrictions' });
export type ClientRestrictions = z.infer<typeof ClientRestrictions>;

export const ContentRuleMatch = z.enum(['contains', 'exact', 'regex']);
export type ContentRuleMatch = z.infer<typeof ContentRuleMatch>;

export const ContentRuleCreate = z
  .strictObject({
    match: ContentRuleMatch.meta({
      description:
        'contains and exact ignore case; regex (RE2 syntax, linear time) as written, `/…/i` or `(?i)` for case',
    }),
    pattern: z.string().min(1).max(2000),
    enabled: z.boolean().optional(),
    note: z.string().max(2000).optional(),
  })
  .meta({ id: 'ContentRuleCreate' });
export type ContentRuleCreate = z.infer<typeof ContentRuleCreate>;

export const ContentRuleUpdate = ContentRuleCreate.partial().meta({ id: 'ContentRuleUpdate' });
export type ContentRuleUpdate = z.infer<typeof ContentRuleUpdate>;

export const ContentRule = z
  .object({
    id: Id,
    match: ContentRuleMatch,
    pattern: z.string(),
    enabled: z.boolean(),
    note: z.string(),
    createdAt: IsoDateTime,
    updatedAt: IsoDateTime,
  })
  .meta({ id: 'ContentRule' });
export type ContentRule = z.infer<typeof ContentRule>;

export const ContentRuleList = listOf(ContentRule, 'ContentRuleList');
export type ContentRuleList = z.infer<typeof ContentRuleList>;

export const ContentRuleTestBody = z
  .strictObject({ text: z.string().max(1_000_000) })
  .meta({ id: 'ContentRuleTestBody' });
export type ContentRuleTestBody = z.infer<typeof ContentRuleTestBody>;

export const ContentRuleTestResult = z
  .object({ rule: ContentRule.nullable().meta({ description: 'the enabled rule the text would hit first, or null' }) })
  .meta({ id: 'ContentRuleTestResult' });
export type ContentRuleTestResult = z.infer<typeof ContentRuleTestResult>;

// ---------------------------------------------------------------------------------------------------------------
// Providers
// ---------------------------------------------------------------------------------------------------------------

/** A provider's type is the wire format it speaks. */
export const ProviderType = WireFormatSchema;
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
    connectMs: z.number().int().min(0).meta({ description: 'per attempt: TCP, TLS and proxy set-up' }),
    firstByteMs: z
      .number()
      .int()
      .min(0)
      .meta({ description: 'streams, per attempt: from its start (connect included) to the response head; 0 = off' }),
    idleMs: z.number().int().min(0).meta({ description: 'longest silence between response chunks; 0 = off' }),
    totalMs: z
      .number()
      .int()
      .min(0)
      .meta({
        description:
          "the provider's budget, all its attempts together, until its answer begins (JSON: the whole answer; " +
          'a stream: its first content event); 0 = off',
      }),
  })
  .meta({ id: 'ProviderTimeouts' });
export type ProviderTimeouts = z.infer<typeof ProviderTimeouts>;

/**
 * What a provider gets when a create request leaves a field out. The timeouts leave a provider that accepts
 * and never answers within 2 × 30 s = 60 s for a stream and 300 s for a JSON request (README, "Timeouts").
 */
export const PROVIDER_DEFAULTS = {
  enabled: true,
  priority: 0,
  weight: 1,
  costMultiplier: 1,
  attempts: 2,
  sticky: true,
  breaker: { failureThreshold: 5, openMs: 1_800_000, halfOpenSuccesses: 2, countNetworkErrors: false },
  timeouts: { connectMs: 10_000, firstByteMs: 30_000, idleMs: 300_000, totalMs: 300_000 },
  anthropicAuth: 'both',
  forwardClientIp: false,
  websocket: false,
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
  overrides: ProviderOverrides,
  websocket: z.boolean().meta({ description: 'the upstream serves the Responses API over WebSocket; else HTTP' }),
  // translation (start)
  serves: z.array(WireFormatSchema).max(8).meta({
    description: 'client formats besides its own that the provider serves through format translation',
  }),
  // translation (end)
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
    overrides: providerFields.overrides.optional(),
    websocket: providerFields.websocket.optional(),
    serves: providerFields.serves.optional(),
  })
  .meta({ id: 'ProviderCreate' });
export type ProviderCreate = z.infer<typeof ProviderCreate>;

/**
 * PATCH: every field optional; an omitted field is kept. Top-level fields replace; `breaker`, `timeouts` and `limits`
 * merge field by field (a null inside `limits` clears that limit, `limits: null` clears them all); `apiKey` is
 * replaced only when given.
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
    limits: LimitsPatch,
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

// Provider health (issue 23): what traffic and tests observed, shown beside (never instead of) the breaker.
export const ProviderHealth = z
  .object({
    state: z.enum(['untested', 'ok', 'failing']).meta({
      description: 'untested until a first answer or test; then what the latest request or test through it ended in',
    }),
    lastCheckedAt: IsoDateTime.nullable(),
    lastError: z.string().nullable().meta({ description: 'the latest failure seen (kept after a recovery)' }),
    errorRate1h: z.number().nullable().meta({ description: 'failed share of requests and tests in the last hour' }),
    firstByteP50Ms1h: z.number().nullable().meta({ description: 'median time to first byte in the last hour' }),
  })
  .meta({ id: 'ProviderHealth' });
export type ProviderHealth = z.infer<typeof ProviderHealth>;

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
    overrides: ProviderOverrides,
    websocket: z.boolean(),
    serves: z.array(WireFormatSchema),
    health: ProviderHealth,
    createdAt: IsoDateTime,
    updatedAt: IsoDateTime,
  })
  .meta({ id: 'Provider' });
export type Provider = z.infer<typeof Provider>;

export const ProviderList = listOf(Provider, 'ProviderList');
export type ProviderList = z.infer<typeof ProviderList>;

// ---------------------------------------------------------------------------------------------------------------
// Users and keys
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
    clients: ClientRestrictions.nullable().optional(),
  })
  .meta({ id: 'UserCreate' });
export type UserCreate = z.infer<typeof UserCreate>;

/** PATCH: every field optional; an omitted field is kept, null clears; `limits` merges field by field. */
export const UserUpdate = z
  .strictObject({ ...UserCreate.shape, name: name.optional(), limits: LimitsPatch })
  .meta({ id: 'UserUpdate' });
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
    clients: ClientRestrictions.nullable(),
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
    clients: ClientRestrictions.nullable().optional(),
  })
  .meta({ id: 'KeyCreate' });
export type KeyCreate = z.infer<typeof KeyCreate>;

/** PATCH: every field optional; an omitted field is kept, null clears; `limits` merges field by field. */
export const KeyUpdate = z
  .strictObject({ ...KeyCreate.shape, name: name.optional(), limits: LimitsPatch })
  .meta({ id: 'KeyUpdate' });
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
    clients: ClientRestrictions.nullable(),
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
// Request log
// ---------------------------------------------------------------------------------------------------------------

export const DecisionStep = z
  .looseObject({
    at: z.number().meta({ description: 'milliseconds since the request arrived' }),
    kind: z.enum(['candidates', 'filtered', 'session', 'attempt', 'result', 'override', 'translated']),
    providerId: z.string().optional(),
    providerName: z.string().optional(),
    reason: z.string().optional(),
    status: z.number().int().optional(),
    errorClass: z.string().optional(),
    latencyMs: z.number().optional(),
    attempt: z.number().int().optional(),
    rule: z
      .string()
      .optional()
      .meta({ description: "the error rule that decided this attempt's upstream error (its id)" }),
    fix: z.string().optional().meta({
      description: 'the reactive fix this error called for: the same provider tried again with the body corrected',
    }),
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
    transport: z
      .enum(['http', 'websocket'])
      .meta({ description: 'how the client sent it: HTTP, or one turn on a Responses WebSocket' }),
    translatedFrom: WireFormatSchema.nullable().meta({
      description: "the client's format when the provider spoke another (the request was translated)",
    }),
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
    bodies: z
      .object({
        request: z.string().nullable(),
        response: z.string().nullable(),
        truncated: z.boolean(),
      })
      .optional()
      .meta({
        description:
          'captured payloads (detail view, when body capture was on): whole up to settings.captureMaxBodyBytes, secrets masked, message text redacted unless allowed',
      }),
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
  status: z
    .union([z.enum(['2xx', '3xx', '4xx', '5xx', 'blocked']), z.coerce.number().int().min(100).max(599)])
    .optional()
    .meta({ description: 'a status (429), a class (2xx, 4xx…), or blocked: refused before any provider was tried' }),
  sessionId: z.string().min(1).max(500).optional(),
});
export type RequestListQuery = z.infer<typeof RequestListQuery>;

// ---------------------------------------------------------------------------------------------------------------
// Prices
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

export const PriceListQuery = z.strictObject({
  search: z.string().max(200).optional().meta({ description: 'case-insensitive substring of the model or its vendor' }),
  ...PageQuery.shape,
});
export type PriceListQuery = z.infer<typeof PriceListQuery>;

export const PriceList = listOf(Price, 'PriceList');
export type PriceList = z.infer<typeof PriceList>;

/** A manual entry: LiteLLM fields (prices per token in USD). It wins over imported and bundled entries. */
export const PriceUpdate = z
  .strictObject({
    priceData: z
      .record(z.string(), z.unknown())
      .meta({ description: 'LiteLLM fields, e.g. { "input_cost_per_token": 3e-6, "output_cost_per_token": 1.5e-5 }' }),
  })
  .meta({ id: 'PriceUpdate' });
export type PriceUpdate = z.infer<typeof PriceUpdate>;

export const PriceImportUrl = z
  .strictObject({
    url: httpUrl.meta({
      description: 'a LiteLLM model_prices_and_context_window.json (fetched with a timeout and size cap)',
    }),
  })
  .meta({ id: 'PriceImportUrl' });
export type PriceImportUrl = z.infer<typeof PriceImportUrl>;

export const PriceImportResult = z
  .object({
    added: z.array(z.string()),
    changed: z.array(z.string()),
    unchanged: z.number().int(),
    removed: z.array(z.string()),
    models: z.number().int().meta({ description: 'models in the new import layer' }),
    skipped: z.number().int().meta({ description: 'entries left out (embeddings, images, audio…)' }),
  })
  .meta({
    id: 'PriceImportResult',
    description: 'What the import changed in the import layer (manual entries still win)',
  });
export type PriceImportResult = z.infer<typeof PriceImportResult>;

// ---------------------------------------------------------------------------------------------------------------
// Providers: test, breaker, quotas, live sessions
// ---------------------------------------------------------------------------------------------------------------

export const ProviderTestBody = z
  .strictObject({
    model: z
      .string()
      .min(1)
      .max(500)
      .optional()
      .meta({ description: "default: the provider's first exact allowed model, else a small model of its vendor" }),
  })
  .meta({ id: 'ProviderTestBody' });
export type ProviderTestBody = z.infer<typeof ProviderTestBody>;

/** A provider as its form holds it, tested before it is saved; without apiKey, the saved provider's key is used. */
export const ProviderDraftTestBody = ProviderCreate.extend({
  apiKey: providerFields.apiKey.optional(),
  providerId: Id.optional().meta({
    description: 'the saved provider this draft edits (its key when apiKey is absent)',
  }),
  model: ProviderTestBody.shape.model,
}).meta({ id: 'ProviderDraftTestBody' });
export type ProviderDraftTestBody = z.infer<typeof ProviderDraftTestBody>;

export const ProviderTestResult = z
  .object({
    ok: z.boolean(),
    status: z.number().int().meta({ description: 'the upstream HTTP status; 0 when no answer came' }),
    latencyMs: z.number(),
    firstWords: z.string().meta({ description: 'the start of the answer text ("" when none)' }),
    error: z.string().optional(),
    model: z.string().meta({ description: 'the model sent upstream' }),
    url: z.string().meta({ description: 'the upstream URL called (no credentials)' }),
  })
  .meta({ id: 'ProviderTestResult' });
export type ProviderTestResult = z.infer<typeof ProviderTestResult>;

export const Breaker = z
  .object({
    ...BreakerSummary.shape,
    failures: z.number().int(),
    history: z.array(
      z.looseObject({
        at: IsoDateTime,
        state: BreakerStateName,
        reason: z.string().optional(),
      }),
    ),
  })
  .meta({ id: 'Breaker' });
export type Breaker = z.infer<typeof Breaker>;

export const QuotaWindow = z.enum(['rpm', 'fiveHour', 'daily', 'weekly', 'monthly', 'total', 'concurrentSessions']);
export type QuotaWindow = z.infer<typeof QuotaWindow>;

export const QuotaItem = z
  .object({
    window: QuotaWindow,
    used: z.number().meta({ description: 'USD for spend windows, a count otherwise' }),
    reserved: z
      .number()
      .optional()
      .meta({ description: 'spend windows: USD held by requests in flight, counted toward admission on top of used' }),
    limit: z.number().nullable().meta({ description: 'null = unlimited' }),
    resetsAt: IsoDateTime.nullable().optional(),
    scope: z.enum(['key', 'user', 'provider']).optional().meta({ description: 'whose limit this is' }),
  })
  .meta({ id: 'QuotaItem' });
export type QuotaItem = z.infer<typeof QuotaItem>;

export const Quota = z.object({ items: z.array(QuotaItem) }).meta({ id: 'Quota' });
export type Quota = z.infer<typeof Quota>;

export const LiveSession = z
  .object({
    sessionId: z.string(),
    userId: z.string().nullable(),
    keyId: z.string().nullable(),
    providerId: z.string().nullable(),
    boundProviderId: z
      .string()
      .nullable()
      .optional()
      .meta({ description: 'the provider the session sticks to (the last that answered it)' }),
    startedAt: IsoDateTime,
    lastSeenAt: IsoDateTime,
    requests: z.number().int(),
    inFlight: z.number().int(),
  })
  .meta({ id: 'LiveSession' });
export type LiveSession = z.infer<typeof LiveSession>;

export const LiveSessionList = listOf(LiveSession, 'LiveSessionList');
export type LiveSessionList = z.infer<typeof LiveSessionList>;

export const LiveSessionQuery = z.strictObject({
  active: z.enum(['true', 'false']).optional().meta({ description: 'true: only sessions with a request in flight' }),
});

// ---------------------------------------------------------------------------------------------------------------
// Keys: rotation
// ---------------------------------------------------------------------------------------------------------------

export const KeyRotate = z
  .strictObject({
    graceSeconds: z
      .number()
      .int()
      .min(0)
      .max(30 * 86_400)
      .optional()
      .meta({ description: 'how long the old key keeps working (default 0: retired at once; at most 30 days)' }),
  })
  .meta({ id: 'KeyRotate' });
export type KeyRotate = z.infer<typeof KeyRotate>;

export const RotatedKey = z
  .object({
    ...CreatedKey.shape,
    retiresOldAt: IsoDateTime.meta({ description: 'when the old key stops working' }),
    oldKeyId: Id,
  })
  .meta({ id: 'RotatedKey', description: 'The new key (shown only here) and when the old one retires' });
export type RotatedKey = z.infer<typeof RotatedKey>;

// ---------------------------------------------------------------------------------------------------------------
// Statistics and leaderboards, all from the hourly rollups
// ---------------------------------------------------------------------------------------------------------------

export const UsageTotals = z
  .object({
    requests: z.number().int(),
    errors: z.number().int(),
    costUsd: z.number(),
    inputTokens: z.number().int(),
    outputTokens: z.number().int(),
    cacheReadTokens: z.number().int(),
    cacheWriteTokens: z.number().int().meta({ description: '5-minute plus 1-hour cache writes' }),
    cacheSavingsUsd: z.number(),
    errorRate: z.number().meta({ description: 'errors / requests (0 without requests)' }),
    avgLatencyMs: z.number().nullable(),
    p50LatencyMs: z.number().nullable().meta({ description: 'median request duration; null without requests' }),
  })
  .meta({ id: 'UsageTotals' });
export type UsageTotals = z.infer<typeof UsageTotals>;

export const Overview = z
  .object({
    today: UsageTotals,
    yesterday: UsageTotals,
    rpmNow: z.number().int().meta({ description: 'requests started in the last 60 s' }),
    inFlight: z.number().int().meta({ description: 'requests being relayed now (hub-wide; 0 for a plain user)' }),
    timezone: z.string(),
    todayStartsAt: IsoDateTime,
    scope: z.enum(['hub', 'user']).meta({ description: 'hub for admins; a plain user sees only their own usage' }),
  })
  .meta({ id: 'Overview' });
export type Overview = z.infer<typeof Overview>;

export const StatsRange = z.enum(['today', '7d', '30d']);
export const StatsGroupBy = z.enum(['user', 'key', 'provider', 'model']);
export type StatsGroupBy = z.infer<typeof StatsGroupBy>;

export const TimeseriesQuery = z.strictObject({
  range: StatsRange.optional().meta({
    description: 'today (hourly), 7d or 30d (daily, in the hub timezone); default today',
  }),
  groupBy: StatsGroupBy.optional(),
  top: z.coerce
    .number()
    .int()
    .min(1)
    .max(50)
    .optional()
    .meta({ description: 'series kept (default 10); the rest sum into "other"' }),
});
export type TimeseriesQuery = z.infer<typeof TimeseriesQuery>;

const metricArrays = {
  requests: z.array(z.number().int()),
  errors: z.array(z.number().int()),
  costUsd: z.array(z.number()),
  inputTokens: z.array(z.number().int()),
  outputTokens: z.array(z.number().int()),
  cacheReadTokens: z.array(z.number().int()),
};

export const Timeseries = z
  .object({
    range: StatsRange,
    granularity: z.enum(['hour', 'day']),
    timezone: z.string(),
    groupBy: StatsGroupBy.nullable(),
    buckets: z.array(z.object({ start: IsoDateTime, label: z.string() })),
    total: z.object(metricArrays).meta({ description: 'one value per bucket, aligned with `buckets`' }),
    series: z.array(
      z.object({
        id: z.string().meta({ description: '"other" sums the groups past `top`' }),
        name: z.string(),
        ...metricArrays,
      }),
    ),
  })
  .meta({ id: 'Timeseries' });
export type Timeseries = z.infer<typeof Timeseries>;

export const LeaderboardPeriod = z.enum(['daily', 'weekly', 'monthly', 'all', 'custom']);
export type LeaderboardPeriod = z.infer<typeof LeaderboardPeriod>;

/** `YYYY-MM-DD` (a day in the hub timezone) or an ISO-8601 date-time. */
const DayOrDateTime = z.union([z.iso.date(), IsoDateTime]);

export const LeaderboardQuery = z.strictObject({
  period: LeaderboardPeriod.optional().meta({
    description: 'default daily; days, weeks (from Monday) and months in the hub timezone',
  }),
  scope: StatsGroupBy.optional().meta({ description: 'default user' }),
  from: DayOrDateTime.optional().meta({ description: 'custom: inclusive; a date means that day in the hub timezone' }),
  to: DayOrDateTime.optional().meta({
    description: 'custom: exclusive; a date is included whole (its day ends the range)',
  }),
  limit: z.coerce.number().int().min(1).max(500).optional().meta({ description: 'rows kept, default 100' }),
});
export type LeaderboardQuery = z.infer<typeof LeaderboardQuery>;

export const LeaderboardItem = z
  .object({
    id: z.string(),
    name: z.string(),
    requests: z.number().int(),
    errors: z.number().int(),
    costUsd: z.number(),
    inputTokens: z.number().int(),
    outputTokens: z.number().int(),
    cacheReadTokens: z.number().int(),
    cacheWriteTokens: z.number().int(),
    cacheSavingsUsd: z.number(),
    successRate: z.number().optional().meta({ description: 'provider scope: (requests − errors) / requests' }),
    avgLatencyMs: z.number().nullable().optional().meta({ description: 'provider scope: mean duration' }),
    costPerRequest: z.number().optional().meta({ description: 'provider scope' }),
    cacheHitRate: z
      .number()
      .optional()
      .meta({ description: 'provider scope: cache reads / (input + cache reads + cache writes)' }),
  })
  .meta({ id: 'LeaderboardItem' });
export type LeaderboardItem = z.infer<typeof LeaderboardItem>;

export const Leaderboard = z
  .object({
    period: LeaderboardPeriod,
    scope: StatsGroupBy,
    from: IsoDateTime.nullable(),
    to: IsoDateTime,
    timezone: z.string(),
    items: z.array(LeaderboardItem).meta({ description: 'by cost, then requests, descending' }),
  })
  .meta({ id: 'Leaderboard' });
export type Leaderboard = z.infer<typeof Leaderboard>;

export const RequestExportQuery = RequestListQuery.omit({ limit: true, cursor: true });
export type RequestExportQuery = z.infer<typeof RequestExportQuery>;

// ---------------------------------------------------------------------------------------------------------------
// Error rules and the relay's reactive fixes
// ---------------------------------------------------------------------------------------------------------------

export const ErrorRuleAction = z.enum(['failover', 'return']);
export const ErrorRuleMatch = z.enum(['regex', 'contains']);
const httpStatus = z.number().int().min(100).max(999);

const errorRuleFields = {
  pattern: z
    .string()
    .max(1000)
    .meta({
      description:
        'looked for in the upstream error body (its first 8 KiB): an RE2 regex (linear time; `(?i)` for any case) ' +
        'or, with match "contains", text in any case; empty matches every body',
    }),
  match: ErrorRuleMatch.meta({ description: 'how the pattern is read (default regex)' }),
  status: httpStatus
    .nullable()
    .meta({ description: 'the upstream status, exact or (with statusTo) the first of a range; null: any' }),
  statusTo: httpStatus.nullable().meta({ description: 'last status of the range starting at status' }),
  providerId: Id.nullable().meta({ description: 'only this provider; null: any' }),
  format: WireFormatSchema.nullable().meta({ description: "only this wire format (the provider's); null: any" }),
  action: ErrorRuleAction.meta({
    description:
      'failover: try again (the same provider within its attempts, then the next); return: the client gets the error now',
  }),
  nextProvider: z.boolean().meta({ description: "failover: skip the provider's remaining attempts (default false)" }),
  countsForBreaker: z.boolean().meta({
    description:
      "the failure counts toward the provider's circuit breaker (default: true for failover, false for return)",
  }),
  clientStatus: z.number().int().min(400).max(599).nullable().meta({
    description: "the status the client sees (return: instead of the upstream's; failover: if every provider fails)",
  }),
  clientMessage: z.string().trim().min(1).max(1000).nullable().meta({
    description: "the message the client sees, in its own wire format's error shape; null keeps the upstream's",
  }),
  priority: z.number().int().min(0).max(10_000).meta({ description: 'lower first (default 100)' }),
  enabled: z.boolean(),
  note: z.string().trim().max(500).nullable(),
};

function statusRangeOrdered(r: { status?: number | null; statusTo?: number | null }, ctx: z.core.$RefinementCtx) {
  if (r.statusTo != null && (r.status == null || r.statusTo < r.status)) {
    ctx.addIssue({ code: 'custom', path: ['statusTo'], message: 'statusTo needs a status at or below it' });
  }
}

export const ErrorRuleCreate = z
  .strictObject(errorRuleFields)
  .partial()
  .required({ pattern: true, action: true })
  .superRefine(statusRangeOrdered)
  .meta({ id: 'ErrorRuleCreate' });
export type ErrorRuleCreate = z.infer<typeof ErrorRuleCreate>;

export const ErrorRuleUpdate = z
  .strictObject(errorRuleFields)
  .partial()
  .superRefine(statusRangeOrdered)
  .meta({ id: 'ErrorRuleUpdate' });
export type ErrorRuleUpdate = z.infer<typeof ErrorRuleUpdate>;

export const ErrorRule = z
  .object({
    id: Id,
    builtIn: z
      .boolean()
      .meta({ description: "one of the hub's default rules (editable; restore-defaults resets them)" }),
    ...errorRuleFields,
    createdAt: IsoDateTime.nullable().meta({ description: 'null for a built-in rule never edited' }),
    updatedAt: IsoDateTime.nullable(),
  })
  .meta({ id: 'ErrorRule' });
export type ErrorRule = z.infer<typeof ErrorRule>;

export const ErrorRuleList = listOf(ErrorRule, 'ErrorRuleList');
export type ErrorRuleList = z.infer<typeof ErrorRuleList>;

export const ErrorRuleTest = z
  .strictObject({
    status: httpStatus,
    body: z
      .string()
      .max(256 * 1024)
      .meta({ description: 'a sample upstream error body' }),
    providerId: Id.optional(),
    format: WireFormatSchema.optional(),
  })
  .meta({ id: 'ErrorRuleTest' });
export type ErrorRuleTest = z.infer<typeof ErrorRuleTest>;

export const ErrorRuleDecision = z
  .object({
    rule: ErrorRule.nullable().meta({ description: 'the rule that decides; null when none matches (then: failover)' }),
    action: ErrorRuleAction,
    nextProvider: z.boolean(),
    countsForBreaker: z.boolean(),
    clientStatus: z.number().int().nullable(),
    clientMessage: z.string().nullable(),
    fix: z.string().nullable().meta({
      description:
        'the reactive fix that would first retry the same provider with a corrected body (when its request allows it)',
    }),
  })
  .meta({ id: 'ErrorRuleDecision' });
export type ErrorRuleDecision = z.infer<typeof ErrorRuleDecision>;

/** The relay's reactive fixes and the Warmup answer (part of Settings). */
const relayFixSettingsFields = {
  fixThinkingSignature: z.boolean().meta({
    description: 'an Anthropic 400 for a thinking signature another provider made: retry once without those blocks',
  }),
  fixThinkingBudget: z.boolean().meta({
    description: 'an Anthropic 400 for thinking.budget_tokens not below max_tokens: retry once with a budget that fits',
  }),
  fixResponsesInput: z.boolean().meta({
    description: 'a Responses 400 "Input must be a list" for a string input: retry once with it as one user message',
  }),
  answerWarmup: z.boolean().meta({
    description: 'answer Claude Code\'s "Warmup" request in the hub (logged as blocked by warmup, never billed)',
  }),
};

// ---------------------------------------------------------------------------------------------------------------
// Settings
// ---------------------------------------------------------------------------------------------------------------

const settingsFields = {
  currencySymbol: z.string().trim().min(1).max(8).meta({ description: 'display only; money is stored in USD' }),
  timezone: z
    .string()
    .min(1)
    .max(100)
    .refine(isValidTimeZone, 'not an IANA timezone')
    .meta({ description: 'IANA name; days, weeks and months of statistics and quotas' }),
  logRetentionDays: z
    .number()
    .int()
    .min(0)
    .max(36_500)
    .meta({ description: 'request log rows older than this are deleted daily; 0 keeps them forever' }),
  captureBodies: z.boolean(),
  captureMessageText: z.boolean(),
  billingModel: z.enum(['requested', 'redirected']).meta({ description: 'which model name prices a request' }),
  // --- notifications and self-service keys ---
  maxKeysPerUser: z
    .number()
    .int()
    .min(0)
    .max(1000)
    .meta({ description: 'keys a user may hold through self-service (POST /me/keys); 0 turns self-service off' }),
  notifySpendThreshold: z
    .number()
    .gt(0)
    .max(1)
    .meta({ description: 'spend.threshold fires when a window of a limit reaches this share of it (0.8 = 80 %)' }),
  notifyKeyExpiringDays: z
    .number()
    .int()
    .min(1)
    .max(365)
    .meta({ description: 'key.expiring fires this many days before a key expires' }),
  notifyLeaderboardTime: HhMm.meta({ description: 'leaderboard.daily is sent at this time, hub timezone' }),
  notifyLeaderboardSize: z.number().int().min(1).max(50).meta({ description: 'users listed by leaderboard.daily' }),
  webhookDeliveryRetentionDays: z
    .number()
    .int()
    .min(1)
    .max(3650)
    .meta({ description: 'delivery log rows older than this are deleted' }),
  // Body capture's size, budget and retention; the public status page.
  ...operationsSettingsFields,
  ...relayFixSettingsFields,
  // OpenAI surface beyond the wire formats
  responsesWebSocket: z
    .boolean()
    .meta({ description: 'serve the Responses API over WebSocket at /v1/responses (off: upgrades get 426, HTTP)' }),
  openAiPassThrough: z.boolean().meta({
    description: 'relay the rest of /v1/* (files, images, audio, moderations, batches…) to OpenAI-format providers',
  }),
};

export const Settings = z.object(settingsFields).meta({ id: 'Settings' });
export type Settings = z.infer<typeof Settings>;

export const SettingsUpdate = z.strictObject(settingsFields).partial().meta({ id: 'SettingsUpdate' });
export type SettingsUpdate = z.infer<typeof SettingsUpdate>;

// ---------------------------------------------------------------------------------------------------------------
// Audit log
// ---------------------------------------------------------------------------------------------------------------

export const AuditEntry = z
  .object({
    id: Id,
    createdAt: IsoDateTime,
    actor: z.string().meta({ description: '"admin-token", "user:<id> key:<id>", or "anonymous" for failed logins' }),
    action: z.string().meta({ description: 'e.g. provider.create, key.rotate, settings.update, login.success' }),
    target: z.string().nullable(),
    before: z.unknown().nullable().meta({ description: 'the object before the change, secrets redacted' }),
    after: z.unknown().nullable().meta({ description: 'the object after the change, secrets redacted' }),
    ip: z.string().nullable(),
  })
  .meta({ id: 'AuditEntry' });
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditList = listOf(AuditEntry, 'AuditList');
export type AuditList = z.infer<typeof AuditList>;

export const AuditListQuery = z.strictObject({
  ...PageQuery.shape,
  action: z
    .string()
    .min(1)
    .max(100)
    .optional()
    .meta({ description: 'exact action, or a prefix ending in "." (e.g. "key.")' }),
  target: z.string().min(1).max(200).optional(),
});
export type AuditListQuery = z.infer<typeof AuditListQuery>;

// ---------------------------------------------------------------------------------------------------------------
// Console auth and the caller's own data
// ---------------------------------------------------------------------------------------------------------------

export const LoginBody = z
  .strictObject({ token: z.string().min(1).max(1000).meta({ description: 'ADMIN_TOKEN or a hub key' }) })
  .meta({ id: 'LoginBody' });
export type LoginBody = z.infer<typeof LoginBody>;

export const ConsoleRole = z.enum(['admin', 'user']);

export const LoginResult = z
  .object({
    role: ConsoleRole,
    canLogin: z.boolean().meta({ description: 'false: a read-only "my usage" session (the /me routes only)' }),
    userId: Id.optional(),
    csrfToken: z.string().meta({ description: 'send as x-csrf-token on every cookie-authenticated write' }),
    expiresAt: IsoDateTime,
  })
  .meta({ id: 'LoginResult' });
export type LoginResult = z.infer<typeof LoginResult>;

export const SessionState = z
  .object({
    authenticated: z.boolean(),
    role: ConsoleRole.optional(),
    userId: Id.optional(),
    canLogin: z.boolean().optional(),
    via: z.enum(['session', 'bearer']).optional(),
    csrfToken: z.string().optional().meta({ description: 'cookie sessions only' }),
    expiresAt: IsoDateTime.optional(),
  })
  .meta({ id: 'SessionState' });
export type SessionState = z.infer<typeof SessionState>;

export const Me = z
  .object({
    role: ConsoleRole,
    canLogin: z.boolean(),
    user: User.nullable().meta({ description: 'null for the admin token' }),
    key: Key.nullable().meta({ description: 'the key the caller used; null for the admin token' }),
    currencySymbol: z.string(),
    timezone: z.string(),
    maxKeysPerUser: z.number().int().optional().meta({ description: 'keys a user may hold through POST /me/keys' }),
  })
  .meta({ id: 'Me' });
export type Me = z.infer<typeof Me>;

export const MeUsageQuery = z.strictObject({
  from: DayOrDateTime.optional().meta({ description: 'inclusive; default: 30 days ago (start of that day)' }),
  to: DayOrDateTime.optional().meta({ description: 'exclusive; default: now' }),
});
export type MeUsageQuery = z.infer<typeof MeUsageQuery>;

export const MeUsage = z
  .object({
    from: IsoDateTime,
    to: IsoDateTime,
    timezone: z.string(),
    totals: UsageTotals.omit({ p50LatencyMs: true }),
    today: UsageTotals.omit({ p50LatencyMs: true }),
    byModel: z.array(LeaderboardItem),
    byKey: z.array(LeaderboardItem),
    days: z.array(z.object({ date: z.string(), requests: z.number().int(), costUsd: z.number() })),
  })
  .meta({ id: 'MeUsage' });
export type MeUsage = z.infer<typeof MeUsage>;

// ---------------------------------------------------------------------------------------------------------------
// Public usage page
// ---------------------------------------------------------------------------------------------------------------

export const UsageDocSnippet = z.object({
  id: z.string(),
  title: z.string(),
  language: z.enum(['bash', 'powershell', 'toml', 'json', 'python', 'typescript']),
  code: z.string(),
  note: z.string().optional(),
});

export const UsageDoc = z
  .object({
    baseUrl: z.string().meta({ description: 'this hub as the caller reached it' }),
    openaiBaseUrl: z.string(),
    geminiBaseUrl: z.string(),
    keyPlaceholder: z.string(),
    clients: z.array(z.object({ id: z.string(), name: z.string(), snippets: z.array(UsageDocSnippet) })),
  })
  .meta({ id: 'UsageDoc' });
export type UsageDoc = z.infer<typeof UsageDoc>;

// ---------------------------------------------------------------------------------------------------------------
// Self-service keys and quota-window resets
// ---------------------------------------------------------------------------------------------------------------

/** POST /me/keys: a key for the caller's own user; its limits may not be looser than the user's. */
export const MeKeyCreate = z
  .strictObject({
    name,
    expiresAt: IsoDateTime.nullable().optional(),
    limits: Limits.optional(),
  })
  .meta({ id: 'MeKeyCreate' });
export type MeKeyCreate = z.infer<typeof MeKeyCreate>;

/** PATCH /me/keys/{id}: rename, enable or disable, expiry and limits (never looser than the user's). */
export const MeKeyUpdate = z
  .strictObject({
    name: name.optional(),
    enabled: z.boolean().optional(),
    expiresAt: IsoDateTime.nullable().optional(),
    limits: LimitsPatch,
  })
  .meta({ id: 'MeKeyUpdate' });
export type MeKeyUpdate = z.infer<typeof MeKeyUpdate>;

export const ResettableWindow = z.enum(['rpm', 'fiveHour', 'daily', 'weekly', 'monthly', 'total']);
export type ResettableWindow = z.infer<typeof ResettableWindow>;

export const QuotaResetBody = z.strictObject({ window: ResettableWindow }).meta({ id: 'QuotaReset' });
export type QuotaResetBody = z.infer<typeof QuotaResetBody>;
