// The admin REST API under /api/v1: request ids, every route declared once (Express + OpenAPI), 404s, errors.
import express, { type Router } from 'express';
import type { HubContext } from '../../context';
import { ADMIN_LOCKOUT, Lockout } from '../../credential-lockout';
import { createNotifier } from '../../notify/hub-notifier';
// notifications and self-service keys
import type { Notifier } from '../../notify/notifier';
import { type AdminRegistry, createAdminRegistry } from '../api-registry';
import { bearerSource, type PrincipalSource } from '../auth';
import { ConsoleSessions, DEFAULT_SESSION_TTL_MS } from '../console-sessions';
import { throttledSource } from '../credential-throttle';
import { assignRequestId, errorHandler, routeNotFound } from '../errors';
import {
  type BreakerControl,
  type BreakerStateReader,
  breakerControlFrom,
  governanceReaders,
  type LiveSessionReader,
  type QuotaReader,
} from '../governance';
import type { AdminApi } from '../openapi';
import { DEFAULT_PRICE_FETCH, type PriceFetchLimits } from '../price-import';
import { sessionSource } from '../session-cookie';
import { createStatsSources } from '../stats/sources';
import { warmStats } from '../stats/warm';
import { registerAuditRoutes } from './audit';
import { registerAuthRoutes } from './auth';
// Operations: provider availability, the public status page, sessions from the request log.
import { registerAvailabilityRoutes } from './availability';
// backup and configuration transfer
import { registerBackupRoutes } from './backup';
import { registerConfigTransferRoutes } from './config-transfer';
import { registerContentRuleRoutes } from './content-rules';
import { registerDocsRoutes } from './docs';
import { registerErrorRuleRoutes } from './error-rules';
import { registerKeyRoutes } from './keys';
import { registerMeRoutes } from './me';
import { registerMeKeyRoutes } from './me-keys';
import { registerPriceRoutes } from './prices';
import { registerProviderRoutes } from './providers';
import { registerQuotaResetRoutes } from './quota-reset';
import { registerRequestRoutes } from './requests';
import { registerSessionLogRoutes } from './session-log';
import { registerLiveSessionRoutes } from './sessions';
import { registerSettingsRoutes } from './settings';
import { registerStatsRoutes } from './stats';
import { registerUsageDocRoutes } from './usage-doc';
import { registerUserRoutes } from './users';
import { registerWebhookRoutes } from './webhooks';

export interface AdminRouterOptions {
  /** Live breaker state shown inline on providers (default: `ctx.governance`'s breakers). */
  breakerState?: BreakerStateReader;
  /** Breaker detail and reset (default: `ctx.governance`'s breakers). */
  breaker?: BreakerControl;
  /** Usage against limits for the quota routes (default: `ctx.governance`'s windows). */
  quotaReader?: QuotaReader;
  /** Live client sessions for GET /sessions (default: `ctx.governance`'s session table). */
  liveSessions?: LiveSessionReader;
  /** Requests the relay is serving now (the overview's inFlight; default 0). */
  inFlight?: () => number;
  /** Credential sources in order (default: the bearer header, throttled, then the console session cookie). */
  principalSources?: readonly PrincipalSource[];
  /** Console session lifetime (default 7 days). */
  sessionTtlMs?: number;
  /**
   * Counts failed console logins and `Bearer` credentials per client address (default: its own, 10 failures in
   * 5 min → 15 min). The hub passes the one `/metrics` shares.
   */
  credentialLockout?: Lockout;
  /** Deadline and size cap of a price import from a URL. */
  priceFetch?: PriceFetchLimits;
  /** The hub's notifications (the webhook test sends through it; default: one over `ctx`, not started). */
  notifier?: Notifier;
}

/** The router plus the registry it was declared in (for the docs pages and the tests) and the console sessions. */
export type AdminRouter = Router & { registry: AdminRegistry; sessions: ConsoleSessions };

/**
 * Mount at `/api/v1`. The router parses JSON bodies itself, per route, after authentication: mount it before any
 * app-wide body parser. Anything under the mount point that no route claims is a 404 in the API's error format.
 */
export function createAdminRouter(ctx: HubContext, options: AdminRouterOptions = {}): AdminRouter {
  const router = express.Router();
  const registry = createAdminRegistry();
  const sessions = new ConsoleSessions(ctx.clock, options.sessionTtlMs ?? DEFAULT_SESSION_TTL_MS);
  const lockout = options.credentialLockout ?? new Lockout(ctx.clock, ADMIN_LOCKOUT);
  const api: AdminApi = {
    router,
    registry,
    ctx,
    principalSources: options.principalSources ?? [throttledSource(bearerSource, lockout), sessionSource(sessions)],
  };
  const live = governanceReaders(ctx);
  const breakerState = options.breakerState ?? live.breakerState;
  const quota = options.quotaReader ?? live.quota;
  const stats = createStatsSources(ctx.store);
  // Before the hub listens (like the journal replay): the first dashboard answer is then as fast as the next.
  try {
    warmStats(stats, ctx.settings().timezone, ctx.clock.now());
  } catch (err) {
    ctx.logger.warn(`warming the statistics caches failed: ${String(err)}`);
  }

  router.use(assignRequestId(ctx));

  registerDocsRoutes(api);
  registerUsageDocRoutes(api);
  registerAuthRoutes(api, sessions, lockout);
  registerMeRoutes(api, quota, stats);
  registerProviderRoutes(api, {
    breakerState,
    breaker: options.breaker ?? (options.breakerState ? breakerControlFrom(options.breakerState) : live.breaker),
    quota,
    health: live.health,
    observeTest: (id, ok, error) =>
      ctx.governance.health.observe(id, ctx.clock.now(), ok ? { ok } : { ok, error: error ?? 'the test failed' }),
  });
  registerUserRoutes(api, quota);
  registerKeyRoutes(api, quota, sessions);
  registerQuotaResetRoutes(api, quota);
  registerLiveSessionRoutes(api, options.liveSessions ?? live.liveSessions);
  registerRequestRoutes(api);
  registerStatsRoutes(api, stats, options.inFlight ?? (() => 0));
  registerPriceRoutes(api, options.priceFetch ?? DEFAULT_PRICE_FETCH);
  registerSettingsRoutes(api);
  registerAuditRoutes(api);
  // backup and configuration transfer
  registerBackupRoutes(api);
  registerConfigTransferRoutes(api);
  // operator rules: content rules
  registerContentRuleRoutes(api);
  // notifications and self-service keys
  registerWebhookRoutes(api, options.notifier ?? createNotifier(ctx));
  registerMeKeyRoutes(api, sessions);
  // Operations: provider availability, the public status page, sessions from the request log.
  registerAvailabilityRoutes(api, breakerState);
  registerSessionLogRoutes(api);
  registerErrorRuleRoutes(api);

  router.use(routeNotFound());
  router.use(errorHandler(ctx));
  return Object.assign(router, { registry, sessions });
}
