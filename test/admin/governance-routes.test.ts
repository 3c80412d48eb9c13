// The routes over the hub's live governance state: breakers (inline, detail, reset), quotas with limits, sessions.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { AuditList, Breaker, CreatedKey, LiveSessionList, Provider, Quota, User } from '../../shared/api-schemas';
import { as, call, expectError, startTestHub, type TestHub } from './helpers';

let hub: TestHub;
let provider: Provider;
let user: { id: string; keyId: string; key: string };

beforeAll(async () => {
  hub = await startTestHub();
  provider = as(
    await call(hub, 'POST', '/providers', {
      body: {
        name: 'flaky',
        type: 'anthropic',
        baseUrl: 'https://x.example',
        apiKey: 'sk-ant-0123456789abcdef',
        breaker: { failureThreshold: 2, openMs: 60_000, halfOpenSuccesses: 1 },
        limits: { dailyUsd: 40 },
      },
    }),
    201,
    Provider,
  );
  const u = as(
    await call(hub, 'POST', '/users', { body: { name: 'quota', rpm: 30, limits: { dailyUsd: 5 } } }),
    201,
    User,
  );
  const k = as(
    await call(hub, 'POST', `/users/${u.id}/keys`, { body: { name: 'k', limits: { monthlyUsd: 20 } } }),
    201,
    CreatedKey,
  );
  user = { id: u.id, keyId: k.id, key: k.key };
});
afterAll(async () => {
  await hub.close();
});

describe('breaker', () => {
  test('state, failures and history follow the live breaker; an admin reset closes it and is audited', async () => {
    expect(as(await call(hub, 'GET', `/providers/${provider.id}/breaker`), 200, Breaker)).toEqual({
      state: 'closed',
      failures: 0,
      history: [],
    });
    const runtime = hub.ctx.registry.provider(provider.id);
    if (!runtime) throw new Error('provider not in the registry');
    for (let i = 0; i < 2; i++) hub.ctx.governance.breakers.recordFailure(runtime, { network: false }, hub.clock.now());

    const open = as(await call(hub, 'GET', `/providers/${provider.id}/breaker`), 200, Breaker);
    expect(open).toMatchObject({
      state: 'open',
      failures: 2,
      openedAt: new Date(hub.clock.now()).toISOString(),
      retryAt: new Date(hub.clock.now() + 60_000).toISOString(),
    });
    expect(open.history.at(-1)).toMatchObject({ state: 'open', from: 'closed' });
    expect(as(await call(hub, 'GET', `/providers/${provider.id}`), 200, Provider).breaker).toMatchObject({
      state: 'open',
      failures: 2,
      failureThreshold: 2,
    });

    hub.clock.advance(1000);
    const reset = as(await call(hub, 'POST', `/providers/${provider.id}/breaker/reset`), 200, Breaker);
    expect(reset).toMatchObject({ state: 'closed', failures: 0 });
    expect(reset.history.at(-1)).toMatchObject({ state: 'closed', reason: 'reset by an admin' });
    const audit = as(await call(hub, 'GET', '/audit?action=provider.breaker.reset'), 200, AuditList);
    expect(audit.items[0]).toMatchObject({
      target: provider.id,
      before: { state: 'open' },
      after: { state: 'closed' },
    });
  });

  test('unknown provider → 404; plain users → 403', async () => {
    expectError(await call(hub, 'GET', '/providers/prv_missing/breaker'), 404, 'not_found');
    expectError(await call(hub, 'POST', '/providers/prv_missing/breaker/reset'), 404, 'not_found');
    expectError(await call(hub, 'GET', `/providers/${provider.id}/breaker`, { token: user.key }), 403, 'forbidden');
  });
});

describe('quota', () => {
  test('configured limits show up per window, for users, keys and providers', async () => {
    const u = as(await call(hub, 'GET', `/users/${user.id}/quota`), 200, Quota);
    expect(u.items.find((i) => i.window === 'rpm')).toMatchObject({ limit: 30, used: 0, scope: 'user' });
    expect(u.items.find((i) => i.window === 'daily')).toMatchObject({ limit: 5, used: 0 });
    expect(u.items.find((i) => i.window === 'weekly')?.limit).toBeNull();
    const k = as(await call(hub, 'GET', `/keys/${user.keyId}/quota`, { token: user.key }), 200, Quota);
    expect(k.items.find((i) => i.window === 'monthly')).toMatchObject({ limit: 20, scope: 'key' });
    const p = as(await call(hub, 'GET', `/providers/${provider.id}/quota`), 200, Quota);
    expect(p.items.find((i) => i.window === 'daily')).toMatchObject({ limit: 40, scope: 'provider' });
    const mine = as(await call(hub, 'GET', '/me/quota', { token: user.key }), 200, Quota);
    expect(mine.items.filter((i) => i.scope === 'key').length).toBeGreaterThan(0);
    expect(mine.items.filter((i) => i.scope === 'user').length).toBeGreaterThan(0);
  });
});

describe('live sessions', () => {
  test('sessions of the table, most recent first; active=true keeps those in flight; admins only', async () => {
    const now = hub.clock.now();
    const s1 = hub.ctx.governance.sessions.begin('session-one', { userId: user.id, keyId: user.keyId }, now);
    hub.ctx.governance.sessions.end(s1, now);
    hub.clock.advance(1000);
    hub.ctx.governance.sessions.begin(
      'session-two',
      { userId: user.id, keyId: user.keyId, providerId: provider.id },
      hub.clock.now(),
    );

    const all = as(await call(hub, 'GET', '/sessions'), 200, LiveSessionList);
    expect(all.items.map((s) => s.sessionId)).toEqual(['session-two', 'session-one']);
    expect(all.items[0]).toMatchObject({ providerId: provider.id, inFlight: 1, requests: 1, userId: user.id });
    const active = as(await call(hub, 'GET', '/sessions?active=true'), 200, LiveSessionList);
    expect(active.items.map((s) => s.sessionId)).toEqual(['session-two']);
    expectError(await call(hub, 'GET', '/sessions?active=maybe'), 400, 'invalid_field', 'active');
    expectError(await call(hub, 'GET', '/sessions', { token: user.key }), 403, 'forbidden');
  });
});
