// The admin REST API under /api/v1: request ids, every route declared once (Express + OpenAPI), 404s, errors.
import express, { type Router } from 'express';
import type { HubContext } from '../context';
import { defaultPrincipalSources, type PrincipalSource } from './auth';
import { assignRequestId, errorHandler, routeNotFound } from './errors';
import { type AdminApi, type AdminRegistry, createAdminRegistry } from './openapi';
import { registerDocsRoutes } from './routes/docs';
import { registerKeyRoutes } from './routes/keys';
import { registerPriceRoutes } from './routes/prices';
import { type BreakerStateReader, closedBreaker, registerProviderRoutes } from './routes/providers';
import { registerRequestRoutes } from './routes/requests';
import { registerUserRoutes } from './routes/users';

export interface AdminRouterOptions {
  /** Live breaker state shown inline on providers (default: always closed, until the breaker module plugs in). */
  breakerState?: BreakerStateReader;
  /** Credential sources in order (default: bearer header); the console session cookie is added here later. */
  principalSources?: readonly PrincipalSource[];
}

/** The router plus the registry it was declared in (for the docs pages and the tests). */
export type AdminRouter = Router & { registry: AdminRegistry };

/**
 * Mount at `/api/v1`. The router parses JSON bodies itself, per route, after authentication: mount it before any
 * app-wide body parser. Anything under the mount point that no route claims is a 404 in the API's error format.
 */
export function createAdminRouter(ctx: HubContext, options: AdminRouterOptions = {}): AdminRouter {
  const router = express.Router();
  const registry = createAdminRegistry();
  const api: AdminApi = {
    router,
    registry,
    ctx,
    principalSources: options.principalSources ?? defaultPrincipalSources,
  };

  router.use(assignRequestId(ctx));

  registerDocsRoutes(api);
  registerProviderRoutes(api, options.breakerState ?? closedBreaker);
  registerUserRoutes(api);
  registerKeyRoutes(api);
  registerRequestRoutes(api);
  registerPriceRoutes(api);

  router.use(routeNotFound());
  router.use(errorHandler(ctx));
  return Object.assign(router, { registry });
}
