// Settings (defaults, validation, live reload) and the audit log (every change, secrets redacted, stable pages).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { AuditList, CreatedKey, Me, Provider, Quota, RotatedKey, Settings, User } from '../../shared/api-schemas';
import { ADMIN_TOKEN, as, call, expectError, startTestHub, type TestHub } from './helpers';

let hub: TestHub;
let userKey: string;
let userId: string;
let keyId: string;

beforeAll(async () => {
  hub = await startTestHub({}, { config: { timezone: 'Europe/Berlin' } });
  const u = as(await call(hub, 'POST', '/users', { body: { name: 'someone' } }), 201, User);
  const k = as(await call(hub, 'POST', `/users/${u.id}/keys`, { body: { name: 'k' } }), 201, CreatedKey);
  userKey = k.key;
  userId = u.id;
  keyId = k.id;
});
afterAll(async () => {
  await hub.close();
});

describe('settings', () => {
  test('defaults, with the configured timezone', async () => {
    expect(as(await call(hub, 'GET', '/settings'), 200, Settings)).toEqual({
      currencySymbol: '$',
      timezone: 'Europe/Berlin',
      logRetentionDays: 30,
      captureBodies: false,
      captureMessageText: false,
      billingModel: 'requested',
      // notifications and self-service keys
      maxKeysPerUser: 5,
      notifySpendThreshold: 0.8,
      notifyKeyExpiringDays: 3,
      notifyLeaderboardTime: '09:00',
      notifyLeaderboardSize: 5,
      webhookDeliveryRetentionDays: 14,
      captureMaxBodyBytes: 4 * 1024 * 1024,
      captureBudgetBytes: 512 * 1024 * 1024,
      captureRetentionDays: 7,
      captureCompression: 'brotli',
      statusPage: {
        enabled: false,
        title: 'Service status',
        providers: [],
        windowHours: 24,
        bucketMinutes: 60,
        showLatency: false,
      },
      fixThinkingSignature: true,
      fixThinkingBudget: true,
      fixResponsesInput: true,
      answerWarmup: false,
      responsesWebSocket: true,
      openAiPassThrough: true,
    });
    expect(hub.ctx.settings().timezone).toBe('Europe/Berlin');
  });

  test('a patch is stored, validated, live in ctx.settings() and audited', async () => {
    const next = as(
      await call(hub, 'PATCH', '/settings', {
        body: { currencySymbol: '¥', timezone: 'Asia/Shanghai', logRetentionDays: 7 },
      }),
      200,
      Settings,
    );
    expect(next).toMatchObject({ currencySymbol: '¥', timezone: 'Asia/Shanghai', logRetentionDays: 7 });
    expect(hub.ctx.settings()).toEqual(next);
    expect(as(await call(hub, 'GET', '/settings'), 200, Settings)).toEqual(next);
    expect(as(await call(hub, 'GET', '/me', { token: userKey }), 200, Me)).toMatchObject({
      currencySymbol: '¥',
      timezone: 'Asia/Shanghai',
    });
    const audit = as(await call(hub, 'GET', '/audit?action=settings.update'), 200, AuditList);
    expect(audit.items[0]).toMatchObject({
      actor: 'admin-token',
      before: { timezone: 'Europe/Berlin' },
      after: { timezone: 'Asia/Shanghai' },
    });
  });

  test('invalid values are 400s naming the field, and change nothing', async () => {
    const before = as(await call(hub, 'GET', '/settings'), 200, Settings);
    expectError(
      await call(hub, 'PATCH', '/settings', { body: { timezone: 'Mars/Olympus' } }),
      400,
      'invalid_field',
      'timezone',
    );
    expectError(
      await call(hub, 'PATCH', '/settings', { body: { logRetentionDays: -1 } }),
      400,
      'invalid_field',
      'logRetentionDays',
    );
    expectError(
      await call(hub, 'PATCH', '/settings', { body: { billingModel: 'cheapest' } }),
      400,
      'invalid_field',
      'billingModel',
    );
    expectError(
      await call(hub, 'PATCH', '/settings', { body: { captureBodies: 'yes' } }),
      400,
      'invalid_field',
      'captureBodies',
    );
    expectError(
      await call(hub, 'PATCH', '/settings', { body: { currencySymbol: '' } }),
      400,
      'invalid_field',
      'currencySymbol',
    );
    expect(as(await call(hub, 'GET', '/settings'), 200, Settings)).toEqual(before);
  });

  test('admins only', async () => {
    expectError(await call(hub, 'GET', '/settings', { token: userKey }), 403, 'forbidden');
    expectError(
      await call(hub, 'PATCH', '/settings', { token: userKey, body: { currencySymbol: '€' } }),
      403,
      'forbidden',
    );
    expectError(await call(hub, 'GET', '/settings', { token: null }), 401, 'unauthorized');
  });
});

describe('audit log', () => {
  const PROVIDER_SECRET = 'sk-ant-supersecret-abcdefghijklmnopqrstuvwxyz';
  const NEW_SECRET = 'sk-ant-rotatedsecret-abcdefghijklmnopqrstuvwxyz';

  test('every admin change is recorded with who, what, before/after and from where — secrets never', async () => {
    hub.clock.advance(1000);
    const p = as(
      await call(hub, 'POST', '/providers', {
        body: {
          name: 'audited',
          type: 'anthropic',
          baseUrl: 'https://api.example.com',
          apiKey: PROVIDER_SECRET,
          headers: { 'x-custom-api-key': 'header-secret-value', 'anthropic-beta': 'some-beta' },
          proxyUrl: 'http://proxyuser:proxy-password-1@proxy.example:8080',
        },
      }),
      201,
      Provider,
    );
    hub.clock.advance(1000);
    await call(hub, 'PATCH', `/providers/${p.id}`, { body: { apiKey: NEW_SECRET, priority: 3 } });
    hub.clock.advance(1000);
    const created = as(await call(hub, 'POST', `/users/${userId}/keys`, { body: { name: 'second' } }), 201, CreatedKey);
    hub.clock.advance(1000);
    const rotated = as(
      await call(hub, 'POST', `/keys/${created.id}/rotate`, { body: { graceSeconds: 60 } }),
      201,
      RotatedKey,
    );
    hub.clock.advance(1000);
    await call(hub, 'DELETE', `/providers/${p.id}`);

    const log = as(await call(hub, 'GET', '/audit?limit=10'), 200, AuditList);
    expect(log.items.slice(0, 5).map((e) => e.action)).toEqual([
      'provider.delete',
      'key.rotate',
      'key.create',
      'provider.update',
      'provider.create',
    ]);
    const [del, rot, keyCreate, upd, create] = log.items;
    expect(create).toMatchObject({
      actor: 'admin-token',
      target: p.id,
      before: null,
      ip: expect.stringMatching(/127\.0\.0\.1/),
    });
    expect(create?.after).toMatchObject({
      name: 'audited',
      apiKey: p.apiKey,
      headers: { 'x-custom-api-key': '***', 'anthropic-beta': 'some-beta' },
      proxyUrl: 'http://proxyuser:***@proxy.example:8080',
    });
    expect(upd?.before).toMatchObject({ priority: 0, apiKey: p.apiKey });
    expect(upd?.after).toMatchObject({ priority: 3 });
    expect(keyCreate).toMatchObject({ target: created.id, after: { prefix: created.prefix } });
    expect(rot?.target).toBe(created.id);
    expect(del).toMatchObject({ target: p.id, after: null, before: { name: 'audited' } });

    const everything = JSON.stringify(log);
    for (const secret of [
      PROVIDER_SECRET,
      NEW_SECRET,
      'header-secret-value',
      'proxy-password-1',
      created.key,
      rotated.key,
      ADMIN_TOKEN,
    ]) {
      expect(everything).not.toContain(secret);
    }
    expect(everything).not.toContain('supersecret');
    expect(everything).not.toContain('rotatedsecret');
  });

  test('a key acting as an admin-role user is named as such', async () => {
    const root = as(await call(hub, 'POST', '/users', { body: { name: 'root', role: 'admin' } }), 201, User);
    const k = as(await call(hub, 'POST', `/users/${root.id}/keys`, { body: { name: 'root-key' } }), 201, CreatedKey);
    hub.clock.advance(1000);
    await call(hub, 'PATCH', `/users/${userId}`, { token: k.key, body: { note: 'by root' } });
    const [entry] = as(await call(hub, 'GET', '/audit?action=user.update'), 200, AuditList).items;
    expect(entry).toMatchObject({ actor: `user:${root.id} key:${k.id}`, target: userId, after: { note: 'by root' } });
  });

  test('pages newest first stay stable while entries are added', async () => {
    for (let i = 0; i < 30; i++) {
      await call(hub, 'PATCH', '/settings', { body: { currencySymbol: `c${i}` } });
      if (i % 3 === 0) hub.clock.advance(1); // several entries share a millisecond
    }
    const full = as(await call(hub, 'GET', '/audit?limit=500'), 200, AuditList).items.map((e) => e.id);
    const walked: string[] = [];
    let cursor: string | null = null;
    let round = 0;
    do {
      const page: AuditList = as(
        await call(hub, 'GET', `/audit?limit=7${cursor ? `&cursor=${cursor}` : ''}`),
        200,
        AuditList,
      );
      walked.push(...page.items.map((e) => e.id));
      cursor = page.nextCursor;
      // concurrent writers: new entries land at the top and must not shift the pages still to come
      await call(hub, 'PATCH', '/settings', { body: { currencySymbol: `n${round++}` } });
    } while (cursor);
    expect(walked).toEqual(full);
  });

  test('filters by action prefix and target; admins only', async () => {
    const keys = as(await call(hub, 'GET', '/audit?action=key.&limit=500'), 200, AuditList);
    expect(keys.items.length).toBeGreaterThan(0);
    expect(keys.items.every((e) => e.action.startsWith('key.'))).toBe(true);
    const one = as(await call(hub, 'GET', `/audit?target=${userId}`), 200, AuditList);
    expect(one.items.every((e) => e.target === userId)).toBe(true);
    expectError(await call(hub, 'GET', '/audit', { token: userKey }), 403, 'forbidden');
    expectError(await call(hub, 'GET', '/audit?cursor=bad!'), 400, 'invalid_field', 'cursor');
  });
});

describe('quota routes with no limits configured', () => {
  test('every window is reported with no limit', async () => {
    const mine = as(await call(hub, 'GET', '/me/quota', { token: userKey }), 200, Quota);
    expect(mine.items.map((i) => `${i.scope}:${i.window}`)).toEqual([
      'key:fiveHour',
      'key:daily',
      'key:weekly',
      'key:monthly',
      'key:total',
      'key:concurrentSessions',
      'user:rpm',
      'user:fiveHour',
      'user:daily',
      'user:weekly',
      'user:monthly',
      'user:total',
      'user:concurrentSessions',
    ]);
    expect(mine.items.every((i) => i.limit === null)).toBe(true);
    expect(as(await call(hub, 'GET', `/keys/${keyId}/quota`, { token: userKey }), 200, Quota).items).toHaveLength(6);
    expect(as(await call(hub, 'GET', `/users/${userId}/quota`), 200, Quota).items).toHaveLength(7);
    expect(as(await call(hub, 'GET', '/me/quota'), 200, Quota)).toEqual({ items: [] }); // the admin token
  });

  test("another user's quota is a 404 for a plain user", async () => {
    const other = as(await call(hub, 'POST', '/users', { body: { name: 'other' } }), 201, User);
    expectError(await call(hub, 'GET', `/users/${other.id}/quota`, { token: userKey }), 404, 'not_found');
  });
});
