// The relay's in-memory view of keys, users and providers, rebuilt from the database after every admin write.
import type { Dispatcher } from 'undici';
import { compileClientRules } from '../clients/client-rules';
import type { KeyEntry, ProviderRuntime } from '../model/entities';
import { planOverrides } from '../overrides/provider-overrides';
import { SECRET_NAME, SecretRedactor } from '../secrets/redactor';
import type { SecretStore } from '../secrets/secret-store';
import type { KeysRepository, ProvidersRepository } from '../store/repositories';
import { Pool, ProxyAgent, Socks5ProxyAgent } from './undici-dispatchers';

/** Where the registry reads keys, users and providers from: the store's repositories, synchronously (see Storage). */
export interface RegistrySource {
  keys: Pick<KeysRepository<'sync'>, 'listWithUsers'>;
  providers: Pick<ProvidersRepository<'sync'>, 'list'>;
}

export class RoutingRegistry {
  private keysByHash = new Map<string, KeyEntry>();
  private providerList: ProviderRuntime[] = [];
  private providersById = new Map<string, ProviderRuntime>();
  private pools = new Map<string, { key: string; pool: Dispatcher }>();
  /** Bumped on every rebuild; caches derived from the provider list compare it. */
  version = 0;

  constructor(
    private readonly source: RegistrySource,
    private readonly secrets: SecretStore,
    /** Masks every secret the hub holds: its own fixed ones and the providers' credentials, set at every rebuild. */
    readonly redactor: SecretRedactor = new SecretRedactor(),
  ) {
    this.reloadKeys();
    this.reloadProviders();
  }

  key(hash: string): KeyEntry | undefined {
    return this.keysByHash.get(hash);
  }

  /** Every key with its user (the notification watchers read them). */
  keys(): Iterable<KeyEntry> {
    return this.keysByHash.values();
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
    const next = new Map<string, KeyEntry>();
    for (const { key: k, user: u } of this.source.keys.listWithUsers()) {
      next.set(k.keyHash, {
        keyId: k.id,
        keyName: k.name,
        keyEnabled: k.enabled,
        keyExpiresAt: k.expiresAt,
        retiresAt: k.retiresAt,
        canLogin: k.canLogin,
        keyGroups: k.groups ?? null,
        keyLimits: k.limits,
        userId: u.id,
        userName: u.name,
        userRole: u.role,
        userEnabled: u.enabled,
        userExpiresAt: u.expiresAt,
        userGroups: u.groups,
        userAllowedModels: u.allowedModels,
        userRpm: u.rpm,
        userLimits: u.limits,
        clientRules: compileClientRules([
          ['user', u.clients],
          ['key', k.clients],
        ]),
      });
    }
    this.keysByHash = next;
  }

  reloadProviders(): void {
    const list: ProviderRuntime[] = [];
    for (const r of this.source.providers.list()) {
      let apiKey: string;
      try {
        apiKey = this.secrets.decrypt(r.secretCiphertext);
      } catch {
        continue; // a secret under another data key: the provider cannot be used; the admin API shows it
      }
      list.push({
        id: r.id,
        name: r.name,
        type: r.type,
        baseUrl: r.baseUrl,
        apiKey,
        enabled: r.enabled,
        priority: r.priority,
        weight: r.weight,
        costMultiplier: r.costMultiplier,
        groups: r.groups,
        allowedModels: r.allowedModels,
        modelRedirects: r.modelRedirects,
        schedule: r.schedule ?? null,
        limits: r.limits,
        attempts: r.attempts,
        sticky: r.sticky,
        breaker: r.breaker,
        timeouts: r.timeouts,
        headers: r.headers,
        proxyUrl: r.proxyUrl,
        anthropicAuth: r.anthropicAuth,
        forwardClientIp: r.forwardClientIp,
        overrides: planOverrides(r.overrides),
        websocket: r.websocket,
        serves: r.serves,
        poolKey: `${r.baseUrl}|${r.timeouts.connectMs}|${r.proxyUrl ?? ''}`,
      });
    }
    this.providerList = list;
    this.providersById = new Map(list.map((p) => [p.id, p]));
    this.redactor.setSecrets(list.flatMap(providerSecrets));
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

/** A provider's credentials: its key, the values of credential-named custom headers, its proxy's password. */
export function providerSecrets(p: ProviderRuntime): string[] {
  const out = [p.apiKey];
  for (const name in p.headers) if (SECRET_NAME.test(name)) out.push(p.headers[name] as string);
  for (const o of p.overrides?.headers?.ops ?? []) if (o.value && SECRET_NAME.test(o.name)) out.push(o.value);
  if (p.proxyUrl) {
    try {
      const password = new URL(p.proxyUrl).password;
      if (password) out.push(password, decodeURIComponent(password));
    } catch {
      // an unparsable proxy URL holds no password the hub could use either
    }
  }
  return out;
}

/** A new connection pool for a provider's origin (through its proxy when it has one). */
export function createDispatcher(p: ProviderRuntime, origin: string): Dispatcher {
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
