// The hub's core tables (SQLite, drizzle), from which migrations are generated; further concerns' tables in schema-*.ts.
import { sql } from 'drizzle-orm';
import { blob, index, integer, primaryKey, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { WIRE_FORMAT_NAMES, type WireFormat } from '../../../shared/wire-formats';
import { createdAt, updatedAt } from './schema-columns';

/** Times are integer milliseconds since the epoch (UTC); the API renders them as ISO-8601. */

export type JsonLimits = {
  fiveHourUsd?: number | null;
  dailyUsd?: number | null;
  weeklyUsd?: number | null;
  monthlyUsd?: number | null;
  totalUsd?: number | null;
  concurrentSessions?: number | null;
  fiveHourMode?: 'rolling' | 'fixed';
  dailyMode?: 'fixed' | 'rolling';
  dailyResetTime?: string;
};
export type ModelRule = { match: 'exact' | 'prefix' | 'suffix' | 'contains' | 'regex'; pattern: string };
export type ModelRedirect = ModelRule & { target: string };
/** A provider's request overrides (shared/api-schemas `ProviderOverrides`). */
export type JsonOverrides = {
  body?: { op: 'set' | 'remove'; path: string; value?: unknown }[];
  headers?: { op: 'set' | 'append' | 'remove'; name: string; value?: string }[];
};
/** A user's or key's client restrictions (shared/api-schemas `ClientRestrictions`); null = none. */
export type JsonClientRestrictions = {
  allow?: string[];
  block?: string[];
  minVersion?: Partial<Record<string, string>>;
};

export const providers = sqliteTable('providers', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  type: text('type', { enum: WIRE_FORMAT_NAMES }).notNull(),
  baseUrl: text('base_url').notNull(),
  /** AES-256-GCM ciphertext of the provider's API key (see secrets/). */
  secretCiphertext: text('secret_ciphertext').notNull(),
  /** Masked form shown by the API, e.g. `sk-ab…wxyz`. */
  secretHint: text('secret_hint').notNull(),
  enabled: integer('enabled', { mode: 'boolean' }).notNull().default(true),
  priority: integer('priority').notNull().default(0),
  weight: integer('weight').notNull().default(1),
  costMultiplier: real('cost_multiplier').notNull().default(1),
  groups: text('groups', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
  allowedModels: text('allowed_models', { mode: 'json' }).$type<ModelRule[]>().notNull().default(sql`'[]'`),
  modelRedirects: text('model_redirects', { mode: 'json' }).$type<ModelRedirect[]>().notNull().default(sql`'[]'`),
  schedule: text('schedule', { mode: 'json' }).$type<{ start: string; end: string } | null>(),
  limits: text('limits', { mode: 'json' }).$type<JsonLimits>().notNull().default(sql`'{}'`),
  attempts: integer('attempts').notNull().default(2),
  sticky: integer('sticky', { mode: 'boolean' }).notNull().default(true),
  breaker: text('breaker', { mode: 'json' })
    .$type<{ failureThreshold: number; openMs: number; halfOpenSuccesses: number; countNetworkErrors: boolean }>()
    .notNull(),
  timeouts: text('timeouts', { mode: 'json' })
    .$type<{ connectMs: number; firstByteMs: number; idleMs: number; totalMs: number }>()
    .notNull(),
  headers: text('headers', { mode: 'json' }).$type<Record<string, string>>().notNull().default(sql`'{}'`),
  proxyUrl: text('proxy_url'),
  anthropicAuth: text('anthropic_auth', { enum: ['x-api-key', 'bearer', 'both'] })
    .notNull()
    .default('both'),
  forwardClientIp: integer('forward_client_ip', { mode: 'boolean' }).notNull().default(false),
  overrides: text('overrides', { mode: 'json' }).$type<JsonOverrides>().notNull().default(sql`'{}'`),
  /** The upstream serves the Responses API over WebSocket (else WebSocket turns are relayed over HTTP). */
  websocket: integer('websocket', { mode: 'boolean' }).notNull().default(false),
  /** Client formats besides its own that the provider serves through translation. */
  serves: text('serves', { mode: 'json' }).$type<WireFormat[]>().notNull().default(sql`'[]'`),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const users = sqliteTable('users', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  note: text('note').notNull().default(''),
  role: text('role', { enum: ['admin', 'user'] })
    .notNull()
    .default('user'),
  enabled: integer('enabled', { mode: 'boolean' }).notNull().default(true),
  expiresAt: integer('expires_at'),
  groups: text('groups', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
  allowedModels: text('allowed_models', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
  rpm: integer('rpm'),
  limits: text('limits', { mode: 'json' }).$type<JsonLimits>().notNull().default(sql`'{}'`),
  clients: text('clients', { mode: 'json' }).$type<JsonClientRestrictions | null>(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const keys = sqliteTable(
  'keys',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** hex SHA-256 of the full key; the key itself is never stored. */
    keyHash: text('key_hash').notNull().unique(),
    /** Display prefix, e.g. `sk-cchub-AbC1`. */
    prefix: text('prefix').notNull(),
    enabled: integer('enabled', { mode: 'boolean' }).notNull().default(true),
    expiresAt: integer('expires_at'),
    canLogin: integer('can_login', { mode: 'boolean' }).notNull().default(false),
    /** null = use the user's groups. */
    groups: text('groups', { mode: 'json' }).$type<string[] | null>(),
    limits: text('limits', { mode: 'json' }).$type<JsonLimits>().notNull().default(sql`'{}'`),
    clients: text('clients', { mode: 'json' }).$type<JsonClientRestrictions | null>(),
    /** Set on rotation: the old key keeps working until then. */
    retiresAt: integer('retires_at'),
    lastUsedAt: integer('last_used_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('keys_user_idx').on(t.userId)],
);

export const requests = sqliteTable(
  'requests',
  {
    id: text('id').primaryKey(),
    createdAt: createdAt(),
    userId: text('user_id'),
    keyId: text('key_id'),
    providerId: text('provider_id'),
    format: text('format').notNull(),
    endpoint: text('endpoint').notNull(),
    model: text('model'),
    upstreamModel: text('upstream_model'),
    stream: integer('stream', { mode: 'boolean' }).notNull().default(false),
    status: integer('status').notNull(),
    errorClass: text('error_class'),
    errorMessage: text('error_message'),
    blockedBy: text('blocked_by'),
    ttfbMs: integer('ttfb_ms'),
    durationMs: integer('duration_ms').notNull(),
    inputTokens: integer('input_tokens').notNull().default(0),
    outputTokens: integer('output_tokens').notNull().default(0),
    cacheWrite5mTokens: integer('cache_write_5m_tokens').notNull().default(0),
    cacheWrite1hTokens: integer('cache_write_1h_tokens').notNull().default(0),
    cacheReadTokens: integer('cache_read_tokens').notNull().default(0),
    /** null = the model has no known price. */
    costUsd: real('cost_usd'),
    sessionId: text('session_id'),
    userAgent: text('user_agent'),
    clientIp: text('client_ip'),
    decisionChain: text('decision_chain').notNull().default('[]'),
    /** What cache reads saved versus full input price (USD); the fold sums it into the rollups. */
    cacheSavingsUsd: real('cache_savings_usd').notNull().default(0),
    /** Charged to quota windows and the usage ledger (see RequestRecord.billed). */
    billed: integer('billed', { mode: 'boolean' }).notNull().default(false),
    /** How the client sent it: an HTTP request, or one turn on a Responses WebSocket. */
    transport: text('transport', { enum: ['http', 'websocket'] })
      .notNull()
      .default('http'),
    /** The client's format when the provider spoke another (the request was translated); null otherwise. */
    translatedFrom: text('translated_from'),
  },
  (t) => [
    index('requests_created_idx').on(t.createdAt, t.id),
    index('requests_user_created_idx').on(t.userId, t.createdAt),
    index('requests_key_created_idx').on(t.keyId, t.createdAt),
    index('requests_provider_created_idx').on(t.providerId, t.createdAt),
    index('requests_session_created_idx').on(t.sessionId, t.createdAt),
  ],
);

/** One small append-only row per billed request; never cleaned; quota windows are rebuilt from it. */
export const usageLedger = sqliteTable('usage_ledger', {
  // A plain rowid key, not AUTOINCREMENT, which rewrites sqlite_sequence's page in every commit; the ledger is never
  // cleaned, so seqs still only grow.
  seq: integer('seq').primaryKey(),
  at: integer('at').notNull(),
  userId: text('user_id'),
  keyId: text('key_id'),
  providerId: text('provider_id'),
  costUsd: real('cost_usd').notNull(),
});

/** Hourly rollups (UTC hours) per user × key × provider × model: every dashboard and leaderboard reads these. */
export const usageHourly = sqliteTable(
  'usage_hourly',
  {
    hour: integer('hour').notNull(),
    userId: text('user_id').notNull().default(''),
    keyId: text('key_id').notNull().default(''),
    providerId: text('provider_id').notNull().default(''),
    model: text('model').notNull().default(''),
    requests: integer('requests').notNull().default(0),
    errors: integer('errors').notNull().default(0),
    inputTokens: integer('input_tokens').notNull().default(0),
    outputTokens: integer('output_tokens').notNull().default(0),
    cacheWrite5mTokens: integer('cache_write_5m_tokens').notNull().default(0),
    cacheWrite1hTokens: integer('cache_write_1h_tokens').notNull().default(0),
    cacheReadTokens: integer('cache_read_tokens').notNull().default(0),
    costUsd: real('cost_usd').notNull().default(0),
    /** What cache reads saved versus paying full input price for the same tokens (USD). */
    cacheSavingsUsd: real('cache_savings_usd').notNull().default(0),
    durationMsSum: integer('duration_ms_sum').notNull().default(0),
    ttfbMsSum: integer('ttfb_ms_sum').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.hour, t.userId, t.keyId, t.providerId, t.model] })],
);

/** Imported and manually edited prices; the bundled table lives in resources/prices.json. */
export const prices = sqliteTable(
  'prices',
  {
    model: text('model').notNull(),
    source: text('source', { enum: ['import', 'manual'] }).notNull(),
    priceData: text('price_data', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.model, t.source] })],
);

export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value', { mode: 'json' }).$type<unknown>().notNull(),
  updatedAt: updatedAt(),
});

/** Every admin change and login: who, what, before/after (secrets redacted), from where. */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: text('id').primaryKey(),
    createdAt: createdAt(),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    target: text('target'),
    before: text('before'),
    after: text('after'),
    ip: text('ip'),
  },
  (t) => [index('audit_created_idx').on(t.createdAt, t.id)],
);

/** Optional captured payloads (settings.captureBodies), size-capped and redacted; deleted with their request row. */
export const requestBodies = sqliteTable(
  'request_bodies',
  {
    requestId: text('request_id')
      .primaryKey()
      .references(() => requests.id, { onDelete: 'cascade' }),
    request: text('request'),
    response: text('response'),
    /** True when a body was longer than the cap and was cut. */
    truncated: integer('truncated', { mode: 'boolean' }).notNull().default(false),
    /** How `request_z`/`response_z` are compressed ('br' or 'gzip'); 'none' for rows kept as text in request/response. */
    codec: text('codec').notNull().default('none'),
    requestZ: blob('request_z', { mode: 'buffer' }),
    responseZ: blob('response_z', { mode: 'buffer' }),
    /** Bytes the row's bodies take as stored (the capture budget sums these). */
    storedBytes: integer('stored_bytes').notNull().default(0),
    /** Bytes of the rendered (redacted) bodies before compression. */
    originalBytes: integer('original_bytes').notNull().default(0),
    capturedAt: integer('captured_at').notNull().default(0),
  },
  (t) => [index('request_bodies_captured_idx').on(t.capturedAt, t.storedBytes)],
);

// Provider availability, breaker transitions and sessions.
export * from './schema-operations';

/**
 * Error rules: the operator's own, and the built-in defaults an admin edited (same id as the built-in, `builtIn`).
 * A built-in never edited has no row: its definition lives in code (error-rules/builtin-rules.ts).
 */
export const errorRules = sqliteTable('error_rules', {
  id: text('id').primaryKey(),
  builtIn: integer('built_in', { mode: 'boolean' }).notNull().default(false),
  pattern: text('pattern').notNull(),
  match: text('match', { enum: ['regex', 'contains'] })
    .notNull()
    .default('regex'),
  status: integer('status'),
  statusTo: integer('status_to'),
  providerId: text('provider_id').references(() => providers.id, { onDelete: 'cascade' }),
  format: text('format', { enum: WIRE_FORMAT_NAMES }),
  action: text('action', { enum: ['failover', 'return'] }).notNull(),
  nextProvider: integer('next_provider', { mode: 'boolean' }).notNull().default(false),
  countsForBreaker: integer('counts_for_breaker', { mode: 'boolean' }).notNull(),
  clientStatus: integer('client_status'),
  clientMessage: text('client_message'),
  priority: integer('priority').notNull().default(100),
  enabled: integer('enabled', { mode: 'boolean' }).notNull().default(true),
  note: text('note'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

// Content rules and webhooks.
export * from './schema-content-rules';
export * from './schema-webhooks';
