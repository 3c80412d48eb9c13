// Declare-once admin routes: one definition registers the validated Express handler and its OpenAPI 3.1 path.
import type { RouteConfig } from '@asteasolutions/zod-to-openapi';
import express, { type Request, type Response, type Router } from 'express';
import { z } from 'zod';
import { ApiErrorBody } from '../../../shared/api-schemas';
import type { HubContext } from '../context';
import {
  type AdminRegistry,
  API_PREFIX,
  BEARER_SCHEME,
  type DeclaredRoute,
  type HttpMethod,
  SESSION_SCHEME,
} from './api-registry';
import {
  type AdminPrincipal,
  type AuthRule,
  authorize,
  type Principal,
  type PrincipalSource,
  resolvePrincipal,
} from './auth';
import { ApiError, fromZodError, type InputLocation, requestIdOf } from './errors';

/** What every route definition is bound to: the router it registers on, the registry, the hub, the auth sources. */
export interface AdminApi {
  router: Router;
  registry: AdminRegistry & { routes: DeclaredRoute[] };
  ctx: HubContext;
  principalSources: readonly PrincipalSource[];
}

type ObjectSchema = z.ZodObject;

/** A 200 the handler writes itself (CSV exports): only its content type is declared. */
export interface StreamedResponse {
  stream: string;
  description?: string;
}

/** Exactly one success status per route; 204 has no body; a streamed 200 is written by the handler. */
export type SuccessResponses = { 200: z.ZodType } | { 201: z.ZodType } | { 204: null } | { 200: StreamedResponse };

type ResponseBody<R extends SuccessResponses> = R extends { 200: infer S extends z.ZodType }
  ? z.output<S>
  : R extends { 201: infer S extends z.ZodType }
    ? z.output<S>
    : never;

/** A 204 or streamed handler returns nothing; the others return the body of their one success status. */
type Handler<I, R extends SuccessResponses> = R extends { 204: null } | { 200: StreamedResponse }
  ? (input: I) => Promise<void> | void
  : (input: I) => Promise<ResponseBody<R>> | ResponseBody<R>;

type Out<S> = S extends z.ZodType ? z.output<S> : Record<string, never>;

type PrincipalFor<A extends AuthRule> = A extends 'admin'
  ? AdminPrincipal
  : A extends 'user' | 'me'
    ? Principal
    : Principal | null;

export interface RouteInput<P, Q, B, A extends AuthRule> {
  params: Out<P> extends Record<string, never> ? Record<string, string> : Out<P>;
  query: Out<Q>;
  body: Out<B>;
  principal: PrincipalFor<A>;
  ctx: HubContext;
  requestId: string;
  req: Request;
  res: Response;
}

export interface RouteDefinition<
  P extends ObjectSchema | undefined,
  Q extends ObjectSchema | undefined,
  B extends z.ZodType | undefined,
  R extends SuccessResponses,
  A extends AuthRule,
> {
  method: HttpMethod;
  /**
   * Path below `/api/v1` in OpenAPI form: `/providers/{id}`. `{*name}` is a catch-all parameter that may contain
   * `/` (e.g. `/prices/{*model}`): OpenAPI shows `{name}`, Express matches `*name`, the handler gets one string.
   */
  path: string;
  auth: A;
  summary: string;
  description?: string;
  tags?: string[];
  /** Path parameters; when left out, each `{name}` is a non-empty string. */
  params?: P;
  query?: Q;
  body?: B;
  /** Body size limit for this route (default 1 MiB). */
  bodyLimit?: string | number;
  /**
   * A body the handler reads from `req` itself (several content types, e.g. a file upload); documentation only.
   * Leave `body` out when using it.
   */
  rawBody?: {
    description: string;
    content: Record<string, { schema: z.ZodType | { type: 'string'; format: 'binary' } }>;
  };
  responses: R;
  handler: Handler<RouteInput<P, Q, B, A>, R>;
}

interface PathParam {
  name: string;
  catchAll: boolean;
}

const PARAM = /\{(\*?)([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** `/prices/{*model}` → OpenAPI `/prices/{model}`, Express `/prices/*model`, and the parameter list. */
export function convertPath(path: string): { openapiPath: string; expressPath: string; params: PathParam[] } {
  if (!path.startsWith('/')) throw new Error(`route path must start with "/": ${path}`);
  const params: PathParam[] = [];
  const openapiPath = path.replace(PARAM, (_m, star: string, name: string) => {
    params.push({ name, catchAll: star === '*' });
    return `{${name}}`;
  });
  const expressPath = path.replace(PARAM, (_m, star: string, name: string) => (star === '*' ? `*${name}` : `:${name}`));
  if (/[{}]/.test(expressPath)) throw new Error(`malformed path parameter in ${path}`);
  return { openapiPath, expressPath, params };
}

function parseWith<S extends z.ZodType>(schema: S, value: unknown, location: InputLocation): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw fromZodError(result.error, location);
  return result.data;
}

/** True when the request announces a body (same test as body-parser's `type-is.hasBody`). */
function hasBody(req: Request): boolean {
  return req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
}

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: ApiErrorBody } },
});

/** Declares a route once: Express handler (auth → body parse → validation → handler) and the OpenAPI path. */
export function defineRoute<
  P extends ObjectSchema | undefined = undefined,
  Q extends ObjectSchema | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
  R extends SuccessResponses = SuccessResponses,
  A extends AuthRule = AuthRule,
>(api: AdminApi, def: RouteDefinition<P, Q, B, R, A>): void {
  const { openapiPath, expressPath, params } = convertPath(def.path);
  const absolutePath = API_PREFIX + openapiPath;
  if (api.registry.routes.some((r) => r.method === def.method && r.path === absolutePath)) {
    throw new Error(`route ${def.method.toUpperCase()} ${absolutePath} is declared twice`);
  }

  const declaredParams = def.params === undefined ? [] : Object.keys(def.params.shape);
  const pathNames = params.map((p) => p.name);
  if (
    def.params &&
    (declaredParams.length !== pathNames.length || pathNames.some((n) => !declaredParams.includes(n)))
  ) {
    throw new Error(`params schema of ${absolutePath} must declare exactly: ${pathNames.join(', ')}`);
  }
  const paramsSchema: ObjectSchema | undefined =
    def.params ??
    (params.length === 0
      ? undefined
      : z.strictObject(Object.fromEntries(params.map((p) => [p.name, z.string().min(1)] as const))));

  const [statusText, declared] = Object.entries(def.responses)[0] as [string, z.ZodType | StreamedResponse | null];
  const status = Number(statusText);
  const streamed = declared !== null && !(declared instanceof z.ZodType) ? declared : undefined;
  const responseSchema = streamed ? undefined : (declared as z.ZodType | null);

  const responses: RouteConfig['responses'] = {
    [status]: streamed
      ? {
          description: streamed.description ?? def.summary,
          content: { [streamed.stream]: { schema: { type: 'string' } } },
        }
      : responseSchema === null
        ? { description: 'No content' }
        : { description: def.summary, content: { 'application/json': { schema: responseSchema as z.ZodType } } },
  };
  if (paramsSchema || def.query || def.body || def.rawBody)
    responses[400] = errorResponse('Invalid input; `field` names it');
  if (def.auth !== 'public') responses[401] = errorResponse('Missing or invalid credentials');
  if (def.auth !== 'public')
    responses[403] = errorResponse(
      'Valid credentials without the right (or a cookie-authenticated write without its x-csrf-token)',
    );
  if (paramsSchema) responses[404] = errorResponse('No such object (or not yours)');

  api.registry.openapi.registerPath({
    method: def.method,
    path: absolutePath,
    summary: def.summary,
    ...(def.description === undefined ? {} : { description: def.description }),
    tags: def.tags ?? [openapiPath.split('/')[1] ?? 'api'],
    security: def.auth === 'public' ? [] : [{ [BEARER_SCHEME]: [] }, { [SESSION_SCHEME]: [] }],
    'x-cchub-auth': def.auth,
    request: {
      ...(paramsSchema ? { params: paramsSchema } : {}),
      ...(def.query ? { query: def.query } : {}),
      ...(def.body ? { body: { required: true, content: { 'application/json': { schema: def.body } } } } : {}),
      ...(def.rawBody
        ? { body: { required: true, description: def.rawBody.description, content: def.rawBody.content } }
        : {}),
    },
    responses,
  });
  api.registry.routes.push({
    method: def.method,
    path: absolutePath,
    expressPath,
    auth: def.auth,
    summary: def.summary,
    hasQuery: def.query !== undefined,
    hasBody: def.body !== undefined,
  });

  const authenticate: express.RequestHandler = (req, res, next) => {
    res.locals.principal = authorize(def.auth, resolvePrincipal(req, api.ctx, api.principalSources));
    next();
  };
  const parseJson = express.json({ limit: def.bodyLimit ?? '1mb' });
  const handle: express.RequestHandler = async (req, res) => {
    const rawParams: Record<string, string> = {};
    for (const p of params) {
      const value: unknown = req.params[p.name];
      rawParams[p.name] = Array.isArray(value) ? value.join('/') : String(value ?? '');
    }
    let body: unknown;
    if (def.body) {
      if (req.body === undefined && hasBody(req)) {
        throw new ApiError(415, 'unsupported_media_type', 'send the body as JSON with Content-Type: application/json');
      }
      body = parseWith(def.body, req.body ?? {}, 'body');
    }
    const input = {
      params: paramsSchema ? parseWith(paramsSchema, rawParams, 'path') : {},
      query: def.query ? parseWith(def.query, req.query, 'query') : {},
      body,
      principal: res.locals.principal as Principal | null,
      ctx: api.ctx,
      requestId: requestIdOf(res),
      req,
      res,
    } as RouteInput<P, Q, B, A>;
    const result: unknown = await (def.handler as (input: RouteInput<P, Q, B, A>) => unknown)(input);
    if (streamed) return;
    if (responseSchema === null) res.status(status).end();
    else res.status(status).json(result);
  };
  const handlers = def.body ? [authenticate, parseJson, handle] : [authenticate, handle];
  api.router[def.method](expressPath, ...handlers);
}
