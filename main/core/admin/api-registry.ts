// The admin API's route registry: the OpenAPI registry with its security schemes, the declared routes, the document.
import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import type { AuthRule } from './auth';

/** Where the admin router is mounted; OpenAPI paths are absolute (`/api/v1/...`) with `servers: [{ url: '/' }]`. */
export const API_PREFIX = '/api/v1';
export const ADMIN_API_VERSION = '1.0.0';
export const BEARER_SCHEME = 'bearer';
export const SESSION_SCHEME = 'session';
/** The console session cookie (HttpOnly; see auth/login). */
export const SESSION_COOKIE = 'cchub_session';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** One declared route, as the registry lists it (the OpenAPI document and the tests read this). */
export interface DeclaredRoute {
  method: HttpMethod;
  /** Absolute OpenAPI path, e.g. `/api/v1/providers/{id}`. */
  path: string;
  /** Path as given to the Express router, e.g. `/providers/:id`. */
  expressPath: string;
  auth: AuthRule;
  summary: string;
  /** Whether it validates a query string and a body (the tests probe every such route with unknown fields). */
  hasQuery: boolean;
  hasBody: boolean;
}

export interface AdminRegistry {
  readonly openapi: OpenAPIRegistry;
  readonly routes: readonly DeclaredRoute[];
}

/** A fresh registry with the bearer security scheme registered. */
export function createAdminRegistry(): AdminRegistry & { routes: DeclaredRoute[] } {
  const openapi = new OpenAPIRegistry();
  openapi.registerComponent('securitySchemes', BEARER_SCHEME, {
    type: 'http',
    scheme: 'bearer',
    description: 'ADMIN_TOKEN, or a hub key (sk-cchub-…) acting as its user within what a user may do',
  });
  openapi.registerComponent('securitySchemes', SESSION_SCHEME, {
    type: 'apiKey',
    in: 'cookie',
    name: SESSION_COOKIE,
    description: 'The console session from POST /api/v1/auth/login; writes also need the x-csrf-token header',
  });
  return { openapi, routes: [] };
}

/** The OpenAPI 3.1 document of every declared route. */
export function buildOpenApiDocument(registry: AdminRegistry): ReturnType<OpenApiGeneratorV31['generateDocument']> {
  return new OpenApiGeneratorV31(registry.openapi.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'cchub admin API',
      version: ADMIN_API_VERSION,
      description:
        'Management API of the cchub relay hub. Errors are `{ "error": { "code", "message", "field"?, "requestId" } }`; ' +
        'lists are `{ "items", "nextCursor" }`, newest first, keyset-paginated; times are ISO-8601 UTC.',
    },
    servers: [{ url: '/' }],
  });
}
