// The OpenAPI document: 3.1, absolute paths, bearer security, and exactly the routes the Express router serves.
import express, { type Router } from 'express';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { z } from 'zod';
import { createAdminRegistry } from '../../main/core/admin/api-registry';
import { defaultPrincipalSources } from '../../main/core/admin/auth';
import { type AdminApi, convertPath, defineRoute } from '../../main/core/admin/openapi';
import { call, startTestHub, type TestHub } from './helpers';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(async () => {
  await hub.close();
});

const OpenApiDoc = z.object({
  openapi: z.string(),
  servers: z.array(z.object({ url: z.string() })),
  components: z.object({
    securitySchemes: z.record(
      z.string(),
      z.object({
        type: z.string(),
        scheme: z.string().optional(),
        in: z.string().optional(),
        name: z.string().optional(),
      }),
    ),
  }),
  paths: z.record(
    z.string(),
    z.record(
      z.string(),
      z.object({
        security: z.array(z.record(z.string(), z.array(z.string()))),
        responses: z.record(z.string(), z.unknown()),
      }),
    ),
  ),
});

/** `METHOD path` of every route the Express router actually serves (its own stack, not the registry). */
function servedRoutes(router: Router): string[] {
  const out: string[] = [];
  for (const layer of router.stack) {
    const route = layer.route as { path: string; methods: Record<string, boolean> } | undefined;
    if (!route) continue;
    for (const [method, on] of Object.entries(route.methods))
      if (on && method !== '_all') out.push(`${method} ${route.path}`);
  }
  return out.sort();
}

async function fetchDoc() {
  const res = await call(hub, 'GET', '/openapi.json', { token: null });
  expect(res.status).toBe(200);
  return OpenApiDoc.parse(res.body);
}

describe('the document', () => {
  test('is OpenAPI 3.1 with servers [{ url: "/" }], a bearer scheme and the session cookie', async () => {
    const doc = await fetchDoc();
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.servers).toEqual([{ url: '/' }]);
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.components.securitySchemes.session).toMatchObject({
      type: 'apiKey',
      in: 'cookie',
      name: 'cchub_session',
    });
  });

  test('lists every registered route at its absolute path, and nothing else', async () => {
    const doc = await fetchDoc();
    const documented = Object.entries(doc.paths)
      .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m} ${path}`))
      .sort();
    const registered = hub.router.registry.routes.map((r) => `${r.method} ${r.path}`).sort();
    expect(documented).toEqual(registered);
    for (const path of Object.keys(doc.paths)) expect(path.startsWith('/api/v1/')).toBe(true);
    for (const expected of [
      'post /api/v1/providers',
      'get /api/v1/providers',
      'get /api/v1/providers/{id}',
      'patch /api/v1/providers/{id}',
      'delete /api/v1/providers/{id}',
      'post /api/v1/users',
      'get /api/v1/users',
      'get /api/v1/users/{id}',
      'patch /api/v1/users/{id}',
      'delete /api/v1/users/{id}',
      'post /api/v1/users/{id}/keys',
      'get /api/v1/keys',
      'get /api/v1/keys/{id}',
      'patch /api/v1/keys/{id}',
      'delete /api/v1/keys/{id}',
      'get /api/v1/requests',
      'get /api/v1/requests/{id}',
      'get /api/v1/prices/{model}',
      'get /api/v1/openapi.json',
      'post /api/v1/providers/{id}/test',
      'get /api/v1/providers/{id}/breaker',
      'post /api/v1/providers/{id}/breaker/reset',
      'get /api/v1/providers/{id}/quota',
      'get /api/v1/users/{id}/quota',
      'get /api/v1/keys/{id}/quota',
      'post /api/v1/keys/{id}/rotate',
      'get /api/v1/sessions',
      'get /api/v1/requests/export.csv',
      'get /api/v1/stats/overview',
      'get /api/v1/stats/timeseries',
      'get /api/v1/leaderboard',
      'get /api/v1/leaderboard/export.csv',
      'get /api/v1/prices',
      'put /api/v1/prices/{model}',
      'post /api/v1/prices/import',
      'get /api/v1/settings',
      'patch /api/v1/settings',
      'get /api/v1/audit',
      'post /api/v1/auth/login',
      'post /api/v1/auth/logout',
      'get /api/v1/auth/session',
      'get /api/v1/me',
      'get /api/v1/me/quota',
      'get /api/v1/me/usage',
      'get /api/v1/me/requests',
      'get /api/v1/usage-doc',
    ]) {
      expect(documented).toContain(expected);
    }
  });

  test('every route the Express router serves is declared in the registry (an undeclared one would show here)', () => {
    const declared = hub.router.registry.routes.map((r) => `${r.method} ${r.expressPath}`).sort();
    expect(servedRoutes(hub.router)).toEqual(declared);
  });

  test('protected operations take bearer or the session cookie; public ones declare no security', async () => {
    const doc = await fetchDoc();
    for (const route of hub.router.registry.routes) {
      const op = doc.paths[route.path]?.[route.method];
      expect(op, `${route.method} ${route.path}`).toBeDefined();
      expect(op?.security).toEqual(route.auth === 'public' ? [] : [{ bearer: [] }, { session: [] }]);
      if (route.auth !== 'public')
        expect(Object.keys(op?.responses ?? {})).toEqual(expect.arrayContaining(['401', '403']));
    }
  });

  test('the public routes are exactly these six', () => {
    const open = hub.router.registry.routes.filter((r) => r.auth === 'public').map((r) => `${r.method} ${r.path}`);
    expect(open.sort()).toEqual(
      [
        'get /api/v1/openapi.json',
        'get /api/v1/usage-doc',
        'post /api/v1/auth/login',
        'post /api/v1/auth/logout',
        'get /api/v1/auth/session',
        // the public status page: 404 unless an admin enabled it
        'get /api/v1/status',
      ].sort(),
    );
  });
});

describe('the declare-once helper', () => {
  function freshApi(): AdminApi {
    return {
      router: express.Router(),
      registry: createAdminRegistry(),
      ctx: hub.ctx,
      principalSources: defaultPrincipalSources,
    };
  }

  test('converts OpenAPI paths to Express paths, catch-all included', () => {
    expect(convertPath('/users/{id}/keys')).toMatchObject({
      openapiPath: '/users/{id}/keys',
      expressPath: '/users/:id/keys',
    });
    expect(convertPath('/prices/{*model}')).toMatchObject({
      openapiPath: '/prices/{model}',
      expressPath: '/prices/*model',
    });
    expect(() => convertPath('users')).toThrow();
  });

  test('a route declared once shows in both the router and the registry; a second declaration throws', () => {
    const api = freshApi();
    const def = {
      method: 'get' as const,
      path: '/things/{id}',
      auth: 'admin' as const,
      summary: 'a thing',
      responses: { 200: z.object({ id: z.string() }) },
      handler: ({ params }: { params: Record<string, string> }) => ({ id: params.id ?? '' }),
    };
    defineRoute(api, def);
    expect(servedRoutes(api.router)).toEqual(['get /things/:id']);
    expect(api.registry.routes).toEqual([
      expect.objectContaining({ path: '/api/v1/things/{id}', expressPath: '/things/:id' }),
    ]);
    expect(() => defineRoute(api, def)).toThrow(/declared twice/);
  });

  test('the served-vs-declared comparison catches a route added behind the registry’s back', () => {
    const api = freshApi();
    defineRoute(api, {
      method: 'get',
      path: '/a',
      auth: 'public',
      summary: 'a',
      responses: { 204: null },
      handler: () => {},
    });
    api.router.get('/sneaky', (_req, res) => res.end());
    const declared = api.registry.routes.map((r) => `${r.method} ${r.expressPath}`).sort();
    expect(servedRoutes(api.router)).not.toEqual(declared);
  });

  test('a params schema must name exactly the path parameters', () => {
    const api = freshApi();
    expect(() =>
      defineRoute(api, {
        method: 'get',
        path: '/x/{id}',
        auth: 'admin',
        summary: 'x',
        params: z.strictObject({ other: z.string() }),
        responses: { 204: null },
        handler: () => {},
      }),
    ).toThrow(/params schema/);
  });
});
