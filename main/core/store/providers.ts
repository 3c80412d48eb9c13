// The providers repository: queries, defaults on create, field-wise patches, and the row → API mapping.
import { count, desc, eq } from 'drizzle-orm';
import { PROVIDER_DEFAULTS, type ProviderCreate, type ProviderUpdate } from '../../../shared/api-schemas';
import { WIRE_FORMAT_NAMES, type WireFormat } from '../../../shared/wire-formats';
import type { Db } from '../db/connection';
import { providers } from '../db/schema';
import { newId } from '../ids';
import { maskSecret, type SecretStore } from '../secrets/secret-store';
import { limitsFromApi, mergeLimits } from './json-limits';
import { beforeCursor, type Cursor, type Page, toPage } from './paging';
import type { PageOptions, ProvidersRepository } from './repositories';

export type ProviderRow = typeof providers.$inferSelect;

/** Every provider, highest precedence first (priority, then oldest): what the relay's registry reads. */
export function listProviders(db: Db): ProviderRow[] {
  return db.select().from(providers).orderBy(providers.priority, providers.createdAt, providers.id).all();
}

/** One page, newest first by (createdAt, id). */
export function listProvidersPage(db: Db, opts: { limit: number; after?: Cursor }): Page<ProviderRow> {
  const rows = db
    .select()
    .from(providers)
    .where(opts.after ? beforeCursor(providers.createdAt, providers.id, opts.after) : undefined)
    .orderBy(desc(providers.createdAt), desc(providers.id))
    .limit(opts.limit + 1)
    .all();
  return toPage(rows, opts.limit);
}

export function getProvider(db: Db, id: string): ProviderRow | undefined {
  return db.select().from(providers).where(eq(providers.id, id)).get();
}

/** A provider's settings without its secret (what a configuration export carries). */
export type ProviderConfig = Omit<ProviderCreate, 'apiKey'>;

/** The row for a provider with the API's defaults (`PROVIDER_DEFAULTS`) and its stored secret. */
export function providerRowFrom(
  input: ProviderConfig,
  secret: Pick<ProviderRow, 'secretCiphertext' | 'secretHint'>,
  id: string,
  now: number,
): ProviderRow {
  const d = PROVIDER_DEFAULTS;
  return {
    id,
    name: input.name,
    type: input.type,
    baseUrl: input.baseUrl,
    secretCiphertext: secret.secretCiphertext,
    secretHint: secret.secretHint,
    enabled: input.enabled ?? d.enabled,
    priority: input.priority ?? d.priority,
    weight: input.weight ?? d.weight,
    costMultiplier: input.costMultiplier ?? d.costMultiplier,
    groups: input.groups ?? [],
    allowedModels: input.allowedModels ?? [],
    modelRedirects: input.modelRedirects ?? [],
    schedule: input.schedule ?? null,
    limits: limitsFromApi(input.limits),
    attempts: input.attempts ?? d.attempts,
    sticky: input.sticky ?? d.sticky,
    breaker: { ...d.breaker, ...stripUndefined(input.breaker ?? {}) },
    timeouts: { ...d.timeouts, ...stripUndefined(input.timeouts ?? {}) },
    headers: input.headers ?? {},
    proxyUrl: input.proxyUrl ?? null,
    anthropicAuth: input.anthropicAuth ?? d.anthropicAuth,
    forwardClientIp: input.forwardClientIp ?? d.forwardClientIp,
    overrides: input.overrides ?? {},
    websocket: input.websocket ?? d.websocket,
    serves: servedFormats(input.type, input.serves ?? []),
    createdAt: now,
    updatedAt: now,
  };
}

/** Inserts a provider with the API's defaults; the API key is stored only as ciphertext plus its masked hint. */
export function createProvider(
  db: Db,
  secrets: Pick<SecretStore, 'encrypt'>,
  input: ProviderCreate,
  now: number,
): ProviderRow {
  const secret = { secretCiphertext: secrets.encrypt(input.apiKey), secretHint: maskSecret(input.apiKey) };
  const row = providerRowFrom(input, secret, newId('prv'), now);
  db.insert(providers).values(row).run();
  return row;
}

/** Applies a PATCH; undefined when there is no such provider. */
export function updateProvider(
  db: Db,
  secrets: Pick<SecretStore, 'encrypt'>,
  id: string,
  patch: ProviderUpdate,
  now: number,
): ProviderRow | undefined {
  return db.transaction((tx) => {
    const current = tx.select().from(providers).where(eq(providers.id, id)).get();
    if (!current) return undefined;
    const p = patch;
    const next: ProviderRow = {
      ...current,
      name: p.name ?? current.name,
      type: p.type ?? current.type,
      baseUrl: p.baseUrl ?? current.baseUrl,
      enabled: p.enabled ?? current.enabled,
      priority: p.priority ?? current.priority,
      weight: p.weight ?? current.weight,
      costMultiplier: p.costMultiplier ?? current.costMultiplier,
      groups: p.groups ?? current.groups,
      allowedModels: p.allowedModels ?? current.allowedModels,
      modelRedirects: p.modelRedirects ?? current.modelRedirects,
      schedule: p.schedule === undefined ? current.schedule : p.schedule,
      limits: mergeLimits(current.limits, p.limits),
      attempts: p.attempts ?? current.attempts,
      sticky: p.sticky ?? current.sticky,
      breaker: { ...current.breaker, ...stripUndefined(p.breaker ?? {}) },
      timeouts: { ...current.timeouts, ...stripUndefined(p.timeouts ?? {}) },
      headers: p.headers ?? current.headers,
      proxyUrl: p.proxyUrl === undefined ? current.proxyUrl : p.proxyUrl,
      anthropicAuth: p.anthropicAuth ?? current.anthropicAuth,
      forwardClientIp: p.forwardClientIp ?? current.forwardClientIp,
      overrides: p.overrides ?? current.overrides,
      websocket: p.websocket ?? current.websocket,
      serves: servedFormats(p.type ?? current.type, p.serves ?? current.serves),
      updatedAt: now,
    };
    if (p.apiKey !== undefined) {
      next.secretCiphertext = secrets.encrypt(p.apiKey);
      next.secretHint = maskSecret(p.apiKey);
    }
    const { id: _id, createdAt: _createdAt, ...changes } = next;
    tx.update(providers).set(changes).where(eq(providers.id, id)).run();
    return next;
  });
}

export function deleteProvider(db: Db, id: string): boolean {
  return db.delete(providers).where(eq(providers.id, id)).run().changes > 0;
}

function stripUndefined<T extends object>(value: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]: Exclude<T[K], undefined>;
  };
}

/** id → name of every provider. */
export function providerNames(db: Db): Map<string, string> {
  return new Map(
    db
      .select({ id: providers.id, name: providers.name })
      .from(providers)
      .all()
      .map((r) => [r.id, r.name]),
  );
}

/** The providers repository on SQLite; API keys are encrypted with the hub's data key on the way in. */
export class SqliteProviders implements ProvidersRepository<'sync'> {
  constructor(
    private readonly db: Db,
    private readonly secrets: Pick<SecretStore, 'encrypt'>,
  ) {}
  list = () => listProviders(this.db);
  page = (opts: PageOptions) => listProvidersPage(this.db, opts);
  get = (id: string) => getProvider(this.db, id);
  count = () => this.db.select({ n: count() }).from(providers).get()?.n ?? 0;
  create = (input: ProviderCreate, now: number) => createProvider(this.db, this.secrets, input, now);
  update = (id: string, patch: ProviderUpdate, now: number) => updateProvider(this.db, this.secrets, id, patch, now);
  delete = (id: string) => deleteProvider(this.db, id);
  names = () => providerNames(this.db);
}

/** The formats a provider serves besides its own: its own type left out, each once, in the registry's order. */
function servedFormats(type: WireFormat, serves: readonly WireFormat[]): WireFormat[] {
  return WIRE_FORMAT_NAMES.filter((f) => f !== type && serves.includes(f));
}
