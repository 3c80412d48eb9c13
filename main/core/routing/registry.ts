// The relay's in-memory view of keys, users and providers, rebuilt from the database after every admin write.
import type Database from 'better-sqlite3';
import type { Dispatcher } from 'undici';
import type { JsonLimits, ModelRedirect, ModelRule } from '../db/schema';
import type { WireFormat } from '../formats/types';
import type { SecretStore } from '../secrets/secret-store';
import { Pool, ProxyAgent, Socks5ProxyAgent } from './undici-dispatchers';

export type ProviderType = 'anthropic' | 'openai-chat' | 'openai-responses' | 'gemini';

export interface KeyEntry {
  keyId: string;
  keyName: string;
  keyEnabled: boolean;
  keyExpiresAt: number | null;
  retiresAt: number | null;
  canLogin: boolean;
  keyGroups: string[] | null;
  keyLimits: JsonLimits;
  userId: string;
  userName: string;
  userRole: 'admin' | 'user';
  userEnabled: boolean;
  userExpiresAt: number | null;
  userGroups: string[];
  userAllowedModels: string[];
  userRpm: number | null;
  userLimits: JsonLimits;
}

export interface ProviderTimeouts {
  connectMs: number;
  firstByteMs: number;
  idleMs: number;
  totalMs: number;
}

export interface ProviderRuntime {
  id: string;
  name: string;
  type: ProviderType;
  baseUrl: string;
  apiKey: string;
  enabled: boolean;
  priority: number;
  weight: number;
  costMultiplier: number;
  groups: string[];
  allowedModels: ModelRule[];
  modelRedirects: ModelRedirect[];
  schedule: { start: string; end: string } | null;
  limits: JsonLimits;
  attempts: number;
  sticky: boolean;
  breaker: { failureThreshold: number; openMs: number; halfOpenSuccesses: number; countNetworkErrors: boolean };
  timeouts: ProviderTimeouts;
  headers: Record<string, string>;
  proxyUrl: string | null;
  anthropicAuth: 'x-api-key' | 'bearer' | 'both';
  forwardClientIp: boolean;
  /** Config fingerprint: the pool is reused across rebuilds while these stay the same. */
  poolKey: string;
}

/** Which provider types serve a client wire format (same-format routing until translation lets others opt in). */
export const TYPES_FOR_FORMAT: Record<WireFormat, ProviderType[]> = {
  anthropic: ['anthropic'],
  'openai-chat': ['openai-chat'],
  'openai-responses': ['openai-responses'],
  gemini: ['gemini'],
};

interface KeyRow {
  id: string;
  name: string;
  enabled: number;
  expires_at: number | null;
  retires_at: number | null;
  can_login: number;
  groups: string | null;
  limits: string;
  key_hash: string;
  user_id: string;
  user_name: string;
  role: 'admin' | 'user';
  user_enabled: number;
  user_expires_at: number | null;
  user_groups: string;
  user_allowed_models: string;
  rpm: number | null;
  user_limits: string;
}

interface ProviderRow {
  id: string;
  name: string;
  type: ProviderType;
  base_url: string;
  secret_ciphertext: string;
  enabled: number;
  priority: number;
  weight: number;
  cost_multiplier: number;
  groups: string;
  allowed_models: string;
  model_redirects: string;
  schedule: string | null;
  limits: string;
  attempts: number;
  sticky: number;
  breaker: string;
  timeouts: string;
  headers: string;
  proxy_url: string | null;
  anthropic_auth: 'x-api-key' | 'bearer' | 'both';
  forward_client_ip: number;
}

export class RoutingRegistry {
  private keysByHash = new Map<string, KeyEntry>();
  private providerList: ProviderRuntime[] = [];
  private providersById = new Map<string, ProviderRuntime>();
  private pools = new Map<string, { key: string; pool: Dispatcher }>();
  /** Bumped on every rebuild; caches derived from the provider list compare it. */
  version = 0;

  constructor(
    private readonly sqlite: Database.Database,
    private readonly secrets: SecretStore,
  ) {
    this.reloadKeys();
    this.reloadProviders();
  }

  key(hash: string): KeyEntry | undefined {
    return this.keysByHash.get(hash);
  }

  providers(): readonly ProviderRuntime[] {
    return this.providerList;
  }

  provider(id: string): ProviderRuntime | undefined {
    return this.providersById.get(id);
  }

  /**
   * The keep-alive connection pool for a provider's origin, with its timeouts mapped onto it — through the provider's
   * outbound proxy (http, https or socks5) when it has one. Requests name the origin (`origin` option).
   */
  dispatcher(p: ProviderRuntime, origin: string): Dispatcher {
    const key = `${p.poolKey}|${origin}`;
    const existing = this.pools.get(p.id);
    if (existing && existing.key === key) return existing.pool;
    if (existing) void existing.pool.close().catch(() => undefined);
    const pool = createDispatcher(p, origin);
    this.pools.set(p.id, { key, pool });
    return pool;
  }

  reloadKeys(): void {
    const rows = this.sqlite
      .prepare(
        `SELECT k.id, k.name, k.enabled, k.expires_at, k.retires_at, k.can_login, k.groups, k.limits, k.key_hash,
                u.id AS user_id, u.name AS user_name, u.role, u.enabled AS user_enabled, u.expires_at AS user_expires_at,
                u.groups AS user_groups, u.allowed_models AS user_allowed_models, u.rpm, u.limits AS user_limits
         FROM keys k JOIN users u ON u.id = k.user_id`,
      )
      .all() as KeyRow[];
    const next = new Map<string, KeyEntry>();
    for (const r of rows) {
      next.set(r.key_hash, {
        keyId: r.id,
        keyName: r.name,
        keyEnabled: r.enabled === 1,
        keyExpiresAt: r.expires_at,
        retiresAt: r.retires_at,
        canLogin: r.can_login === 1,
        keyGroups: r.groups ? (JSON.parse(r.groups) as string[] | null) : null,
        keyLimits: JSON.parse(r.limits) as JsonLimits,
        userId: r.user_id,
        userName: r.user_name,
        userRole: r.role,
        userEnabled: r.user_enabled === 1,
        userExpiresAt: r.user_expires_at,
        userGroups: JSON.parse(r.user_groups) as string[],
        userAllowedModels: JSON.parse(r.user_allowed_models) as string[],
        userRpm: r.rpm,
        userLimits: JSON.parse(r.user_limits) as JsonLimits,
      });
    }
    this.keysByHash = next;
  }

  reloadProviders(): void {
    const rows = this.sqlite
      .prepare('SELECT * FROM providers ORDER BY priority, created_at, id')
      .all() as ProviderRow[];
    const list: ProviderRuntime[] = [];
    for (const r of rows) {
      let apiKey: string;
      try {
        apiKey = this.secrets.decrypt(r.secret_ciphertext);
      } catch {
        continue; // a secret under another data key: the provider cannot be used; the admin API shows it
      }
      const timeouts = JSON.parse(r.timeouts) as ProviderTimeouts;
      list.push({
        id: r.id,
        name: r.name,
        type: r.type,
        baseUrl: r.base_url,
        apiKey,
        enabled: r.enabled === 1,
        priority: r.priority,
        weight: r.weight,
        costMultiplier: r.cost_multiplier,
        groups: JSON.parse(r.groups) as string[],
        allowedModels: JSON.parse(r.allowed_models) as ModelRule[],
        modelRedirects: JSON.parse(r.model_redirects) as ModelRedirect[],
        schedule: r.schedule ? (JSON.parse(r.schedule) as { start: string; end: string } | null) : null,
        limits: JSON.parse(r.limits) as JsonLimits,
        attempts: r.attempts,
        sticky: r.sticky === 1,
        breaker: JSON.parse(r.breaker) as ProviderRuntime['breaker'],
        timeouts,
        headers: JSON.parse(r.headers) as Record<string, string>,
        proxyUrl: r.proxy_url,
        anthropicAuth: r.anthropic_auth,
        forwardClientIp: r.forward_client_ip === 1,
        poolKey: `${r.base_url}|${timeouts.connectMs}|${r.proxy_url ?? ''}`,
      });
    }
    this.providerList = list;
    this.providersById = new Map(list.map((p) => [p.id, p]));
    for (const [id, entry] of this.pools) {
      if (!this.providersById.has(id)) {
        void entry.pool.close().catch(() => undefined);
        this.pools.delete(id);
      }
    }
    this.version++;
  }

  async close(): Promise<void> {
    await Promise.all([...this.pools.values()].map((e) => e.pool.destroy().catch(() => undefined)));
    this.pools.clear();
  }
}

function createDispatcher(p: ProviderRuntime, origin: string): Dispatcher {
  const connect = { timeout: p.timeouts.connectMs };
  const pooling = { connections: 256, pipelining: 1, keepAliveTimeout: 30_000, keepAliveMaxTimeout: 600_000 };
  const timeouts = { headersTimeout: 0, bodyTimeout: 0 };
  if (!p.proxyUrl) return new Pool(origin, { ...pooling, ...timeouts, connect });
  const proxy = new URL(p.proxyUrl);
  if (proxy.protocol === 'socks5:' || proxy.protocol === 'socks5h:' || proxy.protocol === 'socks:') {
    proxy.protocol = 'socks5:';
    return new Socks5ProxyAgent(proxy.toString(), { ...pooling, ...timeouts, proxyTls: connect });
  }
  // proxyTunnel: an http:// upstream goes through a CONNECT tunnel too, as an https:// one does (undici 8 would
  // otherwise send it to the proxy as a plain forwarded request, which CONNECT-only proxies refuse).
  return new ProxyAgent({
    uri: proxy.toString(),
    ...pooling,
    ...timeouts,
    connect,
    proxyTls: connect,
    proxyTunnel: true,
  });
}
