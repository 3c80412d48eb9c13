// Every declared route against every kind of caller: none, wrong token, plain user key, read-only session; and every
// validated query and body against an unknown field. New routes are covered as soon as they are declared.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { DeclaredRoute } from '../../main/core/admin/api-registry';
import { ManualClock } from '../../main/core/clock';
import { Lockout } from '../../main/core/credential-lockout';
import { CreatedKey, LoginResult, Provider, User } from '../../shared/api-schemas';
import { ADMIN_TOKEN, as, call, expectError, startTestHub, type TestHub } from './helpers';

let hub: TestHub;
let ids: { provider: string; user: string; key: string };
let plainKey: string;
let session: { cookie: string; csrf: string };

/** A minimal valid body per route (auth must fail before the body matters; validation probes add `bogus`). */
const BODIES: Record<string, unknown> = {
  'post /api/v1/providers': { name: 'p', type: 'anthropic', baseUrl: 'https://x.example', apiKey: 'k' },
  'patch /api/v1/providers/{id}': { name: 'p2' },
  'post /api/v1/providers/{id}/test': {},
  'post /api/v1/providers/test': { name: 'p', type: 'anthropic', baseUrl: 'https://x.example', apiKey: 'k' },
  'post /api/v1/users': { name: 'u' },
  'patch /api/v1/users/{id}': { name: 'u2' },
  'post /api/v1/users/{id}/keys': { name: 'k' },
  'patch /api/v1/keys/{id}': { name: 'k2' },
  'post /api/v1/keys/{id}/rotate': {},
  'put /api/v1/prices/{model}': { priceData: { input_cost_per_token: 1e-6 } },
  'patch /api/v1/settings': { currencySymbol: '€' },
  'post /api/v1/auth/login': { token: 'nope' },
  // backup and configuration transfer
  'post /api/v1/config/import': { version: 1 },
  // operator rules: content rules
  'post /api/v1/content-rules': { match: 'contains', pattern: 'x' },
  'patch /api/v1/content-rules/{id}': { note: 'n' },
  'post /api/v1/content-rules/test': { text: 'x' },
  // notifications, self-service keys and quota resets
  'post /api/v1/webhooks': { kind: 'slack', url: 'https://hooks.example/x', events: ['breaker.opened'] },
  'patch /api/v1/webhooks/{id}': { enabled: false },
  'post /api/v1/me/keys': { name: 'mine' },
  'patch /api/v1/me/keys/{id}': { name: 'mine2' },
  'post /api/v1/users/{id}/quota/reset': { window: 'daily' },
  'post /api/v1/keys/{id}/quota/reset': { window: 'daily' },
  'post /api/v1/providers/{id}/quota/reset': { window: 'daily' },
  // error rules
  'post /api/v1/error-rules': { pattern: '', action: 'return' },
  'patch /api/v1/error-rules/{id}': { priority: 5 },
  'post /api/v1/error-rules/test': { status: 400, body: '' },
};

function pathOf(route: DeclaredRoute): string {
  const id = route.path.startsWith('/api/v1/providers')
    ? ids.provider
    : route.path.startsWith('/api/v1/users')
      ? ids.user
      : route.path.startsWith('/api/v1/keys')
        ? ids.key
        : 'req_missing';
  return route.path.slice('/api/v1'.length).replace('{id}', id).replace('{model}', 'claude-sonnet-4-5');
}

const label = (r: DeclaredRoute) => `${r.method.toUpperCase()} ${r.path}`;
const routes = () => hub.router.registry.routes;

beforeAll(async () => {
  // The matrix sends a wrong token to every route from one address: a lockout that never locks keeps each answer
  // the route's own (the throttle is tested in console-auth and api/lockouts).
  const clock = new ManualClock();
  const neverLocks = new Lockout(clock, { maxFailures: Number.POSITIVE_INFINITY, windowMs: 60_000, lockMs: 60_000 });
  hub = await startTestHub({ credentialLockout: neverLocks }, { clock });
  ids = {
    provider: as(await call(hub, 'POST', '/providers', { body: BODIES['post /api/v1/providers'] }), 201, Provider).id,
    user: '',
    key: '',
  };
  const user = as(await call(hub, 'POST', '/users', { body: { name: 'plain' } }), 201, User);
  const key = as(await call(hub, 'POST', `/users/${user.id}/keys`, { body: { name: 'k' } }), 201, CreatedKey);
  ids.user = user.id;
  ids.key = key.id;
  plainKey = key.key;
  const res = await fetch(`${hub.api}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token: plainKey }),
  });
  const login = LoginResult.parse(await res.json());
  expect(login.canLogin).toBe(false);
  session = { cookie: (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '', csrf: login.csrfToken };
});
afterAll(async () => {
  await hub.close();
});

describe('authentication and authorization on every route', () => {
  test('the matrix covers a meaningful number of routes', () => {
    expect(routes().length).toBeGreaterThanOrEqual(40);
  });

  test('no credentials: 401 everywhere but the public routes', async () => {
    for (const r of routes()) {
      const res = await call(hub, r.method.toUpperCase(), pathOf(r), {
        token: null,
        body: BODIES[`${r.method} ${r.path}`],
      });
      if (r.auth === 'public')
        expect((res.body as { error?: { code: string } } | undefined)?.error?.code).not.toBe('unauthorized');
      else expectError(res, 401, 'unauthorized');
    }
  });

  test('a wrong bearer token: 401 on every protected route', async () => {
    for (const r of routes()) {
      if (r.auth === 'public') continue;
      const res = await call(hub, r.method.toUpperCase(), pathOf(r), {
        token: `${ADMIN_TOKEN}-wrong`,
        body: BODIES[`${r.method} ${r.path}`],
      });
      expect(res.status, `${label(r)} ${res.text}`).toBe(401);
    }
  });

  test('a plain user key: 403 on every admin route', async () => {
    for (const r of routes()) {
      if (r.auth !== 'admin') continue;
      const res = await call(hub, r.method.toUpperCase(), pathOf(r), {
        token: plainKey,
        body: BODIES[`${r.method} ${r.path}`],
      });
      expect(res.status, `${label(r)} ${res.text}`).toBe(403);
    }
  });

  test('a read-only "my usage" session: only the me routes (and the public ones) answer', async () => {
    for (const r of routes()) {
      if (r.auth === 'public') continue; // logout would end the session
      const res = await call(hub, r.method.toUpperCase(), pathOf(r), {
        token: null,
        headers: { cookie: session.cookie, 'x-csrf-token': session.csrf },
        body: BODIES[`${r.method} ${r.path}`],
      });
      if (r.auth === 'user' || r.auth === 'admin') {
        expect(res.status, label(r)).toBe(403);
        expect((res.body as { error: { code: string } }).error.code).toBe('forbidden');
      } else if (r.auth === 'me') expect(res.status, `${label(r)} ${res.text}`).toBe(200);
    }
  });
});

describe('validation on every route', () => {
  test('an unknown query parameter is a 400 naming it', async () => {
    for (const r of routes()) {
      if (!r.hasQuery) continue;
      const res = await call(hub, r.method.toUpperCase(), `${pathOf(r)}?bogus=1`, {
        body: BODIES[`${r.method} ${r.path}`],
      });
      const err = expectError(res, 400, 'unknown_field', 'bogus');
      expect(err.message, label(r)).toContain('bogus');
    }
  });

  test('an unknown body field is a 400 naming it, and nothing changes', async () => {
    const before = hub.database.sqlite.prepare('SELECT count(*) AS n FROM audit_log').get();
    for (const r of routes()) {
      if (!r.hasBody) continue;
      const body = { ...(BODIES[`${r.method} ${r.path}`] as object), bogus: 1 };
      expectError(await call(hub, r.method.toUpperCase(), pathOf(r), { body }), 400, 'unknown_field', 'bogus');
    }
    expect(hub.database.sqlite.prepare('SELECT count(*) AS n FROM audit_log').get()).toEqual(before);
  });
});
