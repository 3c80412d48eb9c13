// Self-service keys (POST/PATCH/DELETE /me/keys) and admin resets of any quota window, through the real admin API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditList, CreatedKey, Key, KeyList, Me, Quota, Settings } from '../../shared/api-schemas';
import { as, call, expectError, startTestHub, type TestHub } from '../admin/helpers';

let hub: TestHub;
let member: { userId: string; keyId: string; key: string };
let viewerKey: string;
const DAY = 86_400_000;

beforeAll(async () => {
  hub = await startTestHub();
  const now = hub.clock.now();
  const user = hub.ctx.store.users.create(
    { name: 'ann', limits: { dailyUsd: 10, monthlyUsd: 100 }, expiresAt: new Date(now + 30 * DAY).toISOString() },
    now,
  );
  const k = hub.ctx.store.keys.create(user.id, { name: 'login', canLogin: true }, now);
  const v = hub.ctx.store.keys.create(user.id, { name: 'viewer', canLogin: false }, now);
  hub.ctx.notifyChanged('keys');
  member = { userId: user.id, keyId: k.row.id, key: k.key };
  viewerKey = v.key;
});
afterAll(async () => {
  await hub.close();
});

const mine = (path: string, method = 'POST', body?: unknown) =>
  call(hub, method, path, { token: member.key, ...(body === undefined ? {} : { body }) });

describe('a member manages their own keys', () => {
  it('creates a key (shown once, cannot log in), renames it, disables it, and deletes it; each audited', async () => {
    const created = as(await mine('/me/keys', 'POST', { name: 'laptop', limits: { dailyUsd: 2 } }), 201, CreatedKey);
    expect(created.key).toMatch(/^sk-cchub-[A-Za-z0-9]{32}$/);
    expect(created).toMatchObject({ userId: member.userId, canLogin: false, limits: { dailyUsd: 2 } });
    // usable at once as a credential of the same user
    expect(as(await call(hub, 'GET', '/me', { token: created.key }), 200, Me).user?.id).toBe(member.userId);

    const renamed = as(await mine(`/me/keys/${created.id}`, 'PATCH', { name: 'old laptop' }), 200, Key);
    expect(renamed.name).toBe('old laptop');
    const disabled = as(await mine(`/me/keys/${created.id}`, 'PATCH', { enabled: false }), 200, Key);
    expect(disabled.enabled).toBe(false);
    expectError(await call(hub, 'GET', '/me', { token: created.key }), 401, 'unauthorized');

    const quota = as(await call(hub, 'GET', `/keys/${created.id}/quota`, { token: member.key }), 200, Quota);
    expect(quota.items.find((i) => i.window === 'daily')).toMatchObject({ limit: 2, used: 0 });

    expect((await mine(`/me/keys/${created.id}`, 'DELETE')).status).toBe(204);
    const own = as(await call(hub, 'GET', '/keys', { token: member.key }), 200, KeyList);
    expect(own.items.map((k) => k.id)).not.toContain(created.id);
    const audit = as(await call(hub, 'GET', `/audit?target=${created.id}`), 200, AuditList);
    expect(audit.items.map((a) => a.action).sort()).toEqual(['key.create', 'key.delete', 'key.update', 'key.update']);
    expect(audit.items.every((a) => a.actor === `user:${member.userId} key:${member.keyId}`)).toBe(true);
  });

  it('never with looser limits or a later expiry than the user’s', async () => {
    expectError(
      await mine('/me/keys', 'POST', { name: 'x', limits: { dailyUsd: 11 } }),
      400,
      'limit_too_loose',
      'limits.dailyUsd',
    );
    expectError(
      await mine('/me/keys', 'POST', { name: 'x', limits: { monthlyUsd: 500 } }),
      400,
      'limit_too_loose',
      'limits.monthlyUsd',
    );
    const later = new Date(hub.clock.now() + 60 * DAY).toISOString();
    expectError(await mine('/me/keys', 'POST', { name: 'x', expiresAt: later }), 400, 'expiry_too_late', 'expiresAt');
    // no expiry given: the user's expiry still bounds it, so it is accepted with none of its own
    const ok = as(await mine('/me/keys', 'POST', { name: 'inherits', limits: { dailyUsd: 10 } }), 201, CreatedKey);
    expectError(await mine(`/me/keys/${ok.id}`, 'PATCH', { limits: { dailyUsd: 20 } }), 400, 'limit_too_loose');
    expect((await mine(`/me/keys/${ok.id}`, 'DELETE')).status).toBe(204);
  });

  it('holds at most settings.maxKeysPerUser live keys', async () => {
    as(await call(hub, 'PATCH', '/settings', { body: { maxKeysPerUser: 3 } }), 200, Settings);
    // the member holds 2 (login, viewer): one more fits
    const third = as(await mine('/me/keys', 'POST', { name: 'third' }), 201, CreatedKey);
    expectError(await mine('/me/keys', 'POST', { name: 'fourth' }), 409, 'key_limit_reached');
    expect((await mine(`/me/keys/${third.id}`, 'DELETE')).status).toBe(204);
    as(await mine('/me/keys', 'POST', { name: 'fits again' }), 201, CreatedKey);
    as(await call(hub, 'PATCH', '/settings', { body: { maxKeysPerUser: 5 } }), 200, Settings);
  });

  it('only their own keys, not the one they are using, and only with a key that may log in', async () => {
    const other = hub.ctx.store.users.create({ name: 'bob' }, hub.clock.now());
    const bobKey = hub.ctx.store.keys.create(other.id, { name: 'bob' }, hub.clock.now());
    hub.ctx.notifyChanged('keys');
    expectError(await mine(`/me/keys/${bobKey.row.id}`, 'PATCH', { name: 'mine now' }), 404, 'not_found');
    expectError(await mine(`/me/keys/${bobKey.row.id}`, 'DELETE'), 404, 'not_found');
    expectError(await mine(`/me/keys/${member.keyId}`, 'DELETE'), 409, 'current_key');
    expectError(await mine(`/me/keys/${member.keyId}`, 'PATCH', { enabled: false }), 409, 'current_key');
    expectError(await call(hub, 'POST', '/me/keys', { token: viewerKey, body: { name: 'x' } }), 403, 'forbidden');
    expectError(await call(hub, 'POST', '/me/keys', { body: { name: 'x' } }), 403, 'forbidden'); // the admin token
    expectError(await mine('/me/keys', 'POST', { name: 'x', canLogin: true }), 400, 'unknown_field', 'canLogin');
  });
});

describe('admin resets of quota windows', () => {
  it('resets one window of a user, key or provider; the others run on; the reset survives a rebuild; audited', async () => {
    const now = hub.clock.now();
    const user = hub.ctx.store.users.create(
      { name: 'spender', rpm: 100, limits: { dailyUsd: 50, weeklyUsd: 50, totalUsd: 100 } },
      now,
    );
    const spend = hub.ctx.governance.spend;
    spend.chargeRow({ at: now - 60_000, userId: user.id, keyId: null, providerId: null, costUsd: 4 });
    hub.ctx.governance.rpm.hit(user.id, now);
    const windows = async () =>
      Object.fromEntries(
        as(await call(hub, 'GET', `/users/${user.id}/quota`), 200, Quota).items.map((i) => [i.window, i.used]),
      );
    expect(await windows()).toMatchObject({ rpm: 1, daily: 4, weekly: 4, total: 4 });

    const after = as(
      await call(hub, 'POST', `/users/${user.id}/quota/reset`, { body: { window: 'daily' } }),
      200,
      Quota,
    );
    expect(Object.fromEntries(after.items.map((i) => [i.window, i.used]))).toMatchObject({ daily: 0, weekly: 4 });
    as(await call(hub, 'POST', `/users/${user.id}/quota/reset`, { body: { window: 'rpm' } }), 200, Quota);
    expect(await windows()).toMatchObject({ rpm: 0, daily: 0, weekly: 4, total: 4 });

    // spend after the reset counts again
    hub.clock.advance(1000);
    spend.chargeRow({ at: hub.clock.now(), userId: user.id, keyId: null, providerId: null, costUsd: 1.5 });
    expect(await windows()).toMatchObject({ daily: 1.5, weekly: 5.5 });

    // the ledger rebuild (a restart) applies the stored reset exactly
    hub.ctx.database.sqlite
      .prepare('INSERT INTO usage_ledger (at, user_id, key_id, provider_id, cost_usd) VALUES (?, ?, NULL, NULL, ?)')
      .run(now - 60_000, user.id, 4);
    hub.ctx.database.sqlite
      .prepare('INSERT INTO usage_ledger (at, user_id, key_id, provider_id, cost_usd) VALUES (?, ?, NULL, NULL, ?)')
      .run(hub.clock.now(), user.id, 1.5);
    hub.ctx.governance.rebuildFromLedger();
    expect(await windows()).toMatchObject({ daily: 1.5, weekly: 5.5, total: 5.5 });

    hub.clock.advance(1000);
    as(await call(hub, 'POST', `/users/${user.id}/quota/reset`, { body: { window: 'total' } }), 200, Quota);
    expect(await windows()).toMatchObject({ daily: 1.5, weekly: 5.5, total: 0 });

    const audit = as(await call(hub, 'GET', `/audit?action=user.quota.reset`), 200, AuditList);
    // The daily and rpm resets may share one instant of the test's clock, so their order in the list is not defined.
    expect(audit.items.map((a) => (a.before as { window: string }).window).sort()).toEqual(['daily', 'rpm', 'total']);
  });

  it('keys and providers too; rpm only for users; the old reset-total route still works', async () => {
    const now = hub.clock.now();
    const user = hub.ctx.store.users.create({ name: 'k-owner' }, now);
    const { row } = hub.ctx.store.keys.create(user.id, { name: 'k', limits: { monthlyUsd: 9 } }, now);
    hub.ctx.governance.spend.chargeRow({ at: now, userId: user.id, keyId: row.id, providerId: null, costUsd: 3 });
    const reset = as(
      await call(hub, 'POST', `/keys/${row.id}/quota/reset`, { body: { window: 'monthly' } }),
      200,
      Quota,
    );
    expect(reset.items.find((i) => i.window === 'monthly')?.used).toBe(0);
    expectError(
      await call(hub, 'POST', `/keys/${row.id}/quota/reset`, { body: { window: 'rpm' } }),
      400,
      'invalid_window',
      'window',
    );
    expectError(
      await call(hub, 'POST', `/keys/${row.id}/quota/reset`, { body: { window: 'hourly' } }),
      400,
      'invalid_field',
      'window',
    );
    expectError(
      await call(hub, 'POST', '/providers/prv_none/quota/reset', { body: { window: 'daily' } }),
      404,
      'not_found',
    );
    hub.clock.advance(1000);
    const total = as(await call(hub, 'POST', `/keys/${row.id}/quota/reset-total`), 200, Quota);
    expect(total.items.find((i) => i.window === 'total')?.used).toBe(0);
    expectError(
      await call(hub, 'POST', `/keys/${row.id}/quota/reset`, { token: member.key, body: { window: 'daily' } }),
      403,
      'forbidden',
    );
  });
});
