// startHub(config): wires storage, secrets, prices, the relay and the admin API into one HTTP server; owns the lifecycle.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { createDocsPages } from './admin/docs-pages';
import { createHealthRoutes } from './admin/health';
import { createMetricsRoute } from './admin/metrics-route';
import { createAdminRouter } from './admin/routes';
import { resolveAdminToken } from './admin-token';
import { BreakerLog } from './availability/breaker-log';
import { loadBundledPrices, PriceTable } from './billing/price-table';
import { BodyStore, captureLimits } from './capture/body-store';
import { type Clock, systemClock } from './clock';
import type { Config } from './config';
import { consoleStatic } from './console-static';
import { ContentRuleBook } from './content-rules/rule-book';
import type { HubContext } from './context';
import { ADMIN_LOCKOUT, Lockout } from './credential-lockout';
import { type Database_, openDatabase } from './db/connection';
import { type DataDirLock, lockDataDir } from './db/data-dir-lock';
import { ErrorRuleBook } from './error-rules/rule-book';
import { Governance } from './governance';
import { type HubJobs, startHubJobs } from './hub-jobs';
import { BodyBudget } from './limits/body-budget';
import { createLogger, type Logger } from './logger';
import { exposeGc, MemoryReturn } from './memory-return';
import { Metrics } from './metrics';
import { createNotifier } from './notify/hub-notifier';
import type { Notifier } from './notify/notifier';
import { openRequestLog, reportReplay } from './open-request-log';
import { answerParserErrors } from './parser-errors';
import { createRelay, type Relay } from './relay/relay';
import { relaySettings } from './relay-settings';
import { resourcePath } from './resources';
import type { SocketLimits } from './responses-socket/socket-connection';
import { attachResponsesSocket } from './responses-socket/socket-server';
import { RoutingRegistry } from './routing/registry';
import type { Random } from './routing/select';
import { envKeySource, fileKeySource } from './secrets/file-key-source';
import { SecretRedactor } from './secrets/redactor';
import { type DataKeySource, SecretStore } from './secrets/secret-store';
import { applyServerTimeouts, connectionsCheckingInterval, listen, serverTimeoutsOf } from './server-timeouts';
import type { JournalWrite } from './store/journal-file';
import { loadStoredPrices } from './store/prices';
import type { RequestLog } from './store/request-log';
import { defaultSettings, SettingsCache } from './store/settings';
import { SqliteStore } from './store/sqlite-store';

export interface HubOptions {
  clock?: Clock;
  logger?: Logger;
  /**
   * Where the provider secrets' data key comes from (desktop: the OS keychain), or a function choosing it once the
   * database tells whether secrets already exist. Default: env key or key file.
   */
  dataKeySource?: DataKeySource | ((state: { hasSecrets: boolean }) => DataKeySource);
  random?: Random;
  /** How long shutdown waits for streams in flight before closing them. */
  drainTimeoutMs?: number;
  /** The Responses WebSocket's idle, lifetime and ping intervals (on the hub's clock). */
  socketLimits?: Partial<SocketLimits>;
  /** Journal fold interval (default 100 ms); an unwritable journal is retried on the same timer. */
  foldIntervalMs?: number;
  /** The request journal's positional write (tests make the disk fail with it). */
  journalWrite?: JournalWrite;
}

export interface Hub {
  url: string;
  port: number;
  adminToken: string;
  adminTokenGenerated: boolean;
  context: HubContext;
  relay: Relay;
  /** The parts tests and the desktop shell look at directly. */
  internals: {
    log: RequestLog;
    registry: RoutingRegistry;
    bodies: BodyStore;
    notifier: Notifier;
    breakerLog: BreakerLog;
  };
  stop(): Promise<void>;
}

/** Paths the relay's raw listener answers; everything else goes to the Express app. */
function isRelayPath(req: IncomingMessage): boolean {
  const url = req.url ?? '/';
  if (url.startsWith('/v1/') || url.startsWith('/v1beta/')) return true;
  return req.method === 'HEAD' && (url === '/' || url.startsWith('/?'));
}

/** Starts a hub on `config.dataDir`; throws at once when another hub holds that directory. */
export async function startHub(config: Config, opts: HubOptions = {}): Promise<Hub> {
  const lock = lockDataDir(config.dataDir);
  try {
    return await startLockedHub(config, opts, lock);
  } catch (err) {
    lock.release();
    throw err;
  }
}

async function startLockedHub(config: Config, opts: HubOptions, lock: DataDirLock): Promise<Hub> {
  const clock = opts.clock ?? systemClock;
  const database: Database_ = openDatabase(config.dataDir);
  const adminToken = resolveAdminToken(config.dataDir, config.adminToken);
  const redactor = new SecretRedactor([adminToken.token]);
  const logger = opts.logger ?? createLogger(config.logLevel, undefined, (text) => redactor.redact(text));
  // The providers repository encrypts API keys on the way in; the secret store exists once the count below is known.
  const store: SqliteStore = new SqliteStore(database, { encrypt: (plain: string): string => secrets.encrypt(plain) });
  const hasSecrets: boolean = store.providers.count() > 0 || store.webhooks.list().length > 0;
  const secrets = new SecretStore(
    typeof opts.dataKeySource === 'function'
      ? opts.dataKeySource({ hasSecrets })
      : (opts.dataKeySource ??
          (config.secretKey ? envKeySource(config.secretKey) : fileKeySource(config.dataDir, { create: !hasSecrets }))),
  );

  const prices = new PriceTable();
  prices.setLayer('bundled', loadBundledPrices(resourcePath('prices')));
  loadStoredPrices(database.db, prices);

  const metrics = new Metrics((id) => registry.provider(id)?.name);
  let jobs: HubJobs | undefined;
  const log = openRequestLog(database.sqlite, {
    onJournaled: (records) => {
      governance.charge(records);
      metrics.record(records);
    },
    onBacklog: () => jobs?.foldSoon(),
    logger,
    clock,
    write: opts.journalWrite,
  });
  reportReplay(log.replay(), logger);

  const registry = new RoutingRegistry(store, secrets, redactor);
  const settingsCache = new SettingsCache(database.db, defaultSettings(config.timezone));
  const governance = new Governance(store, clock, () => settingsCache.get().timezone, logger, {
    maxSessions: config.maxSessions,
  });
  governance.rebuildFromLedger();
  const bodies = new BodyStore(store.bodies, redactor, () => captureLimits(settingsCache.get()));
  const breakerLog = new BreakerLog(governance.breakers, store.breakerEvents);
  const contentRules = new ContentRuleBook(store.contentRules);
  const memoryReturn = new MemoryReturn(exposeGc(), () => clock.now());
  const bodyBudget = new BodyBudget(config.maxInFlightBodyBytes, memoryReturn.released);
  const errorRules = new ErrorRuleBook(() => store.errorRules.list());
  const relay = createRelay({
    clock,
    registry,
    prices,
    log,
    governance,
    maxBodyBytes: config.maxBodyBytes,
    trustedProxies: config.trustedProxies,
    bodyBudget,
    random: opts.random,
    ...relaySettings(() => settingsCache.get()),
    bodies,
    contentRules,
    errorRules,
  });

  let baseUrl = '';
  const context: HubContext = {
    config,
    clock,
    database,
    store,
    secrets,
    adminToken: adminToken.token,
    prices,
    logger,
    governance,
    notifyChanged: (what) => {
      if (what === 'providers') registry.reloadProviders();
      if (what === 'users' || what === 'keys') registry.reloadKeys();
      if (what === 'prices') loadStoredPrices(database.db, prices);
      if (what === 'content-rules') contentRules.reload();
      if (what === 'error-rules' || what === 'providers') errorRules.reload(); // a deleted provider takes its rules
      if (what === 'settings') {
        settingsCache.reload();
        governance.syncTimezone();
      }
    },
    baseUrl: () => baseUrl,
    settings: () => settingsCache.get(),
    registry,
    contentRules,
  };

  const credentialLockout = new Lockout(clock, ADMIN_LOCKOUT);
  const app = express();
  app.disable('x-powered-by');
  app.use(createHealthRoutes(store.health, log.health));
  app.use(
    createMetricsRoute(
      context,
      () => ({
        inFlight: relay.inFlight(),
        journal: log.health,
        liveSessions: governance.sessions.liveCount(clock.now()),
        bodyBytesInFlight: bodyBudget.inFlightBytes(),
        bodiesRefused: bodyBudget.refused(),
        breakers: registry.providers().map((p) => ({
          provider: p.name,
          state: governance.breakers.state(p, clock.now()).state,
        })),
        errorRules: errorRules.counters,
      }),
      metrics,
      credentialLockout,
    ),
  );
  const notifier = createNotifier(context);
  app.use('/api/v1', createAdminRouter(context, { inFlight: () => relay.inFlight(), credentialLockout, notifier }));
  app.use('/api', createDocsPages());
  app.use(consoleStatic(resourcePath('console')));

  const timeouts = serverTimeoutsOf(config);
  const server: Server = createServer(
    { connectionsCheckingInterval: connectionsCheckingInterval(timeouts) },
    (req: IncomingMessage, res: ServerResponse) => {
      exchanges.begin(req, res);
      if (isRelayPath(req)) relay.handle(req, res);
      else app(req, res);
    },
  );
  const exchanges = applyServerTimeouts(server, timeouts);
  const responsesSocket = attachResponsesSocket(server, {
    relay,
    clock,
    enabled: () => settingsCache.get().responsesWebSocket,
    maxMessageBytes: config.maxBodyBytes,
    limits: opts.socketLimits,
  });
  answerParserErrors(server, exchanges, () => clock.now());

  await listen(server, config.port, config.host);
  const port = (server.address() as AddressInfo).port;
  const displayHost = config.host.includes(':') ? `[${config.host}]` : config.host;
  baseUrl = `http://${displayHost}:${port}`;

  jobs = startHubJobs({
    ...{ log, bodies, breakerLog, store, clock, logger, databaseFile: database.file },
    retentionDays: () => settingsCache.get().logRetentionDays,
    foldIntervalMs: opts.foldIntervalMs ?? 100,
  });
  notifier.start();

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      server.close();
      server.closeIdleConnections();
      responsesSocket.shutdown();
      const drainMs = opts.drainTimeoutMs ?? 30_000;
      await Promise.race([relay.drained(), new Promise((r) => setTimeout(r, drainMs).unref())]);
      server.closeAllConnections();
      memoryReturn.stop();
      metrics.stop();
      notifier.stop();
      try {
        await notifier.queue.idle();
        await jobs.stop();
        log.flush();
        log.fold();
        log.close();
        await bodies.flush(clock.now());
        breakerLog.flush();
        breakerLog.close();
        governance.close();
        await registry.close();
        database.close();
      } finally {
        lock.release();
      }
    })();
    return stopping;
  };

  return {
    url: baseUrl,
    port,
    adminToken: adminToken.token,
    adminTokenGenerated: adminToken.generated,
    context,
    relay,
    internals: { log, registry, bodies, notifier, breakerLog },
    stop,
  };
}
