// The storage door: one repository interface per table group, and the Store that aggregates them for the hub.
import type {
  ContentRuleCreate,
  ContentRuleUpdate,
  KeyCreate,
  KeyUpdate,
  ProviderCreate,
  ProviderUpdate,
  UserCreate,
  UserUpdate,
} from '../../../shared/api-schemas';
import type { PriceData } from '../billing/price-data';
import type { ErrorRuleFields, ErrorRuleRecord } from '../error-rules/rule';
import type {
  AvailabilityErrorRow,
  AvailabilitySums,
  BreakerEventRecord,
  BucketRange,
  SessionFilter,
  SessionRecord,
  SessionRequestRow,
} from './operations-records';
import type { Page } from './paging';
import type {
  AuditFilter,
  AuditInput,
  AuditRecord,
  Combo,
  ContentRuleRecord,
  Dimension,
  DurationRow,
  HourRow,
  HubSettings,
  KeyRecord,
  LedgerEntry,
  PageOptions,
  ProviderRecord,
  RequestFilter,
  RequestRowWithNames,
  StoredBodies,
  UserRecord,
} from './records';
import type { WebhookRecord } from './webhooks';

export type * from './operations-records';
export type * from './records';

/**
 * How an engine answers. SQLite (better-sqlite3) answers synchronously: `'sync'`. A networked engine (PostgreSQL)
 * answers with promises: `'async'`. Code that must run on either engine takes the default (`Mode`, i.e. either)
 * and awaits; code typed `<'sync'>` runs on the synchronous engine only.
 */
export type Mode = 'sync' | 'async';
export type Result<M extends Mode, T> = M extends 'sync' ? T : Promise<T>;

export interface UsersRepository<M extends Mode = Mode> {
  /** Every user, oldest first. */
  list(): Result<M, UserRecord[]>;
  page(opts: PageOptions): Result<M, Page<UserRecord>>;
  get(id: string): Result<M, UserRecord | undefined>;
  create(input: UserCreate, now: number): Result<M, UserRecord>;
  update(id: string, patch: UserUpdate, now: number): Result<M, UserRecord | undefined>;
  /** Deletes the user and its keys. */
  delete(id: string): Result<M, boolean>;
  /** id → name of every user (statistics labels). */
  names(): Result<M, Map<string, string>>;
}

export interface KeysRepository<M extends Mode = Mode> {
  page(opts: PageOptions & { userId?: string }): Result<M, Page<KeyRecord>>;
  get(id: string): Result<M, KeyRecord | undefined>;
  /** Every key with its user: what the relay's registry is built from. */
  listWithUsers(): Result<M, { key: KeyRecord; user: UserRecord }[]>;
  findByHash(keyHash: string): Result<M, { key: KeyRecord; user: UserRecord } | undefined>;
  /** The returned `key` is the only copy of the secret. */
  create(userId: string, input: KeyCreate, now: number): Result<M, { row: KeyRecord; key: string }>;
  update(id: string, patch: KeyUpdate, now: number): Result<M, KeyRecord | undefined>;
  rotate(
    id: string,
    retiresAt: number,
    now: number,
  ): Result<M, { row: KeyRecord; key: string; old: KeyRecord } | undefined>;
  delete(id: string): Result<M, boolean>;
  names(): Result<M, Map<string, string>>;
}

export interface ProvidersRepository<M extends Mode = Mode> {
  /** Every provider, highest precedence first: what the relay's registry is built from. */
  list(): Result<M, ProviderRecord[]>;
  page(opts: PageOptions): Result<M, Page<ProviderRecord>>;
  get(id: string): Result<M, ProviderRecord | undefined>;
  count(): Result<M, number>;
  /** `encrypt` turns the API key into its stored ciphertext. */
  create(input: ProviderCreate, now: number): Result<M, ProviderRecord>;
  update(id: string, patch: ProviderUpdate, now: number): Result<M, ProviderRecord | undefined>;
  delete(id: string): Result<M, boolean>;
  names(): Result<M, Map<string, string>>;
}

/** Content rules (sensitive phrases). */
export interface ContentRulesRepository<M extends Mode = Mode> {
  /** Every rule, oldest first: the relay's rule set is built from these, in this order. */
  list(): Result<M, ContentRuleRecord[]>;
  page(opts: PageOptions): Result<M, Page<ContentRuleRecord>>;
  get(id: string): Result<M, ContentRuleRecord | undefined>;
  create(input: ContentRuleCreate, now: number): Result<M, ContentRuleRecord>;
  update(id: string, patch: ContentRuleUpdate, now: number): Result<M, ContentRuleRecord | undefined>;
  delete(id: string): Result<M, boolean>;
}

export interface SettingsRepository<M extends Mode = Mode> {
  /** Stored values over the defaults. */
  read(defaults: HubSettings): Result<M, HubSettings>;
  write(patch: Partial<HubSettings>, now: number): Result<M, void>;
  /** A value the hub keeps for itself (not an API setting), e.g. lifetime-spend resets. */
  readInternal(key: string): Result<M, unknown>;
  writeInternal(key: string, value: unknown, now: number): Result<M, void>;
}

export interface PricesRepository<M extends Mode = Mode> {
  /** Every stored entry of the import and manual layers. */
  stored(): Result<M, { model: string; source: 'import' | 'manual'; data: PriceData }[]>;
  updatedAt(model: string, source: 'import' | 'manual'): Result<M, number | undefined>;
  replaceImported(models: ReadonlyMap<string, PriceData>, unchanged: ReadonlySet<string>, now: number): Result<M, void>;
  upsertManual(model: string, data: PriceData, now: number): Result<M, void>;
}

export interface AuditRepository<M extends Mode = Mode> {
  insert(entry: AuditInput, now: number): Result<M, AuditRecord>;
  page(filter: AuditFilter, opts: PageOptions): Result<M, Page<AuditRecord>>;
}

/** The request log as the API and the retention job read it (the journal writes it: `RequestLog`). */
export interface RequestsRepository<M extends Mode = Mode> {
  page(filter: RequestFilter, opts: PageOptions): Result<M, Page<RequestRowWithNames>>;
  get(id: string): Result<M, RequestRowWithNames | undefined>;
  /** Deletes up to `limit` rows created before `cutoff`, oldest first; the number deleted. */
  deleteOlderThan(cutoff: number, limit: number): Result<M, number>;
}

export interface RequestBodiesRepository<M extends Mode = Mode> {
  /** Writes a request's bodies once its row exists; false when it does not (yet). */
  write(requestId: string, bodies: StoredBodies): Result<M, boolean>;
  read(requestId: string): Result<M, StoredBodies | undefined>;
  /** Bytes all captured bodies take as stored. */
  totalBytes(): Result<M, number>;
  /** Deletes the oldest captured bodies until at least `bytes` are freed; the bytes freed. */
  dropOldest(bytes: number): Result<M, number>;
  /** Deletes bodies captured before `cutoff`; the bytes freed. */
  dropOlderThan(cutoff: number): Result<M, number>;
}

/** Rollups (usage_hourly), the ledger (usage_ledger) and the few figures statistics read from the log's indexes. */
export interface UsageRepository<M extends Mode = Mode> {
  comboSums(from: number, to: number): Result<M, Combo[]>;
  byHour(range: { from: number; to: number; userId?: string }, dim?: Dimension): Result<M, HourRow[]>;
  firstHour(): Result<M, number | undefined>;
  /** Requests, errors, cost and tokens of every hour bucket from `fromHour` on. */
  totalsSince(fromHour: number): Result<M, { requests: number; errors: number; costUsd: number; tokens: number }>;
  countStartedSince(since: number, userId?: string): Result<M, number>;
  durationsBetween(from: number, to: number, maxRowid: number): Result<M, DurationRow[]>;
  durationsSince(afterRowid: number, maxRowid: number): Result<M, DurationRow[]>;
  maxRequestRowid(): Result<M, number>;
  /** The whole ledger, oldest first. */
  ledger(): Result<M, Iterable<LedgerEntry>>;
}

/** Whole-row writes of a configuration import (admin/config-transfer), applied in one transaction. */
export interface ConfigRowsRepository<M extends Mode = Mode> {
  atomically<T>(fn: () => T): Result<M, T>;
  putProvider(row: ProviderRecord, keepSecret: boolean): Result<M, void>;
  putUser(row: UserRecord): Result<M, void>;
  putKey(row: KeyRecord): Result<M, void>;
  putContentRule(row: ContentRuleRecord): Result<M, void>;
  putWebhook(row: WebhookRecord): Result<M, void>;
}

/** Error rules: the operator's, and the built-in ones an admin edited (the rest live in code). */
export interface ErrorRulesRepository<M extends Mode = Mode> {
  list(): Result<M, ErrorRuleRecord[]>;
  get(id: string): Result<M, ErrorRuleRecord | undefined>;
  create(fields: ErrorRuleFields, now: number): Result<M, ErrorRuleRecord>;
  put(row: ErrorRuleRecord): Result<M, ErrorRuleRecord>;
  delete(id: string): Result<M, boolean>;
  restoreBuiltIns(): Result<M, number>;
}

/** What /readyz asks of the engine. */
export interface HealthRepository<M extends Mode = Mode> {
  probe(): Result<M, { database: 'ok' | 'unreachable'; migrations: 'applied' | 'missing' }>;
}

// Operations: provider availability, breaker transitions, sessions grouped from the request log.

export interface AvailabilityRepository<M extends Mode = Mode> {
  /** One provider's sums per bucket of the range (buckets without traffic are left out), oldest first. */
  buckets(providerId: string, range: BucketRange): Result<M, AvailabilitySums[]>;
  /** Failed requests and retried attempts per bucket and error class. */
  errors(providerId: string, range: BucketRange): Result<M, AvailabilityErrorRow[]>;
}

export interface BreakerEventsRepository<M extends Mode = Mode> {
  append(events: readonly BreakerEventRecord[]): Result<M, void>;
  /** A provider's transitions in [from, to), oldest first. */
  between(providerId: string, from: number, to: number): Result<M, BreakerEventRecord[]>;
  /** The state the provider's breaker was left in by its last transition before `at` (closed when none). */
  stateAt(providerId: string, at: number): Result<M, string>;
}

export interface SessionsRepository<M extends Mode = Mode> {
  /** Sessions newest last-seen first, keyset-paginated on (lastAt, sessionId). */
  page(filter: SessionFilter, opts: PageOptions): Result<M, Page<SessionRecord>>;
  get(sessionId: string): Result<M, SessionRecord | undefined>;
  /** The session's requests oldest first, keyset-paginated on (createdAt, id). */
  requests(sessionId: string, opts: PageOptions): Result<M, Page<SessionRequestRow>>;
  /** Deletes up to `limit` sessions last seen before `cutoff`; the number deleted. */
  deleteOlderThan(cutoff: number, limit: number): Result<M, number>;
}

export interface Store<M extends Mode = Mode> {
  users: UsersRepository<M>;
  keys: KeysRepository<M>;
  providers: ProvidersRepository<M>;
  settings: SettingsRepository<M>;
  prices: PricesRepository<M>;
  audit: AuditRepository<M>;
  requests: RequestsRepository<M>;
  bodies: RequestBodiesRepository<M>;
  usage: UsageRepository<M>;
  health: HealthRepository<M>;
  configRows: ConfigRowsRepository<M>;
  contentRules: ContentRulesRepository<M>;
  availability: AvailabilityRepository<M>;
  breakerEvents: BreakerEventsRepository<M>;
  sessions: SessionsRepository<M>;
  errorRules: ErrorRulesRepository<M>;
}
