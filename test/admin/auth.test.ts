// Admin API authentication and authorization: admin token, hub keys as users, 401 vs 403 vs 404, no secret leaks.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CreatedKey, Key, KeyList, User, UserList } from '../../shared/api-schemas';
import { ADMIN_TOKEN, as, call, expectError, startTestHub, type TestHub } from './helpers';

let hub: TestHub;
let alice: { userId: string; keyId: string; key: string };
let bob: { userId: string; keyId: string; key: string };
let root: { userId: string; key: string };

async function userWithKey(name: string, role: 'admin' | 'user' = 'user') {
  const user = as(await call(hub, 'POST', '/users', { body: { name, role } }), 201, User);
  const key = as(await call(hub, 'POST', `/users/${user.id}/keys`, { body: { name: `${name}-key` } }), 201, CreatedKey);
  return { userId: user.id, keyId: key.id, key: key.key };
}

beforeAll(async () => {
  hub = await startTestHub();
  alice = await userWithKey('alice');
  bob = await userWithKey('bob');
  root = await userWithKey('root', 'admin');
});
afterAll(async () => {
  await hub.close();
});

describe('credentials', () => {
  test('no credentials → 401 on admin and user routes; the docs stay public', async () => {
    expectError(await call(hub, 'GET', '/providers', { token: null }), 401, 'unauthorized');
    expectError(await call(hub, 'GET', '/keys', { token: null }), 401, 'unauthorized');
    expect((await call(hub, 'GET', '/openapi.json', { token: null })).status).toBe(200);
  });

  test('a wrong token → 401, and the answer does not echo it', async () => {
    const wrong = `${ADMIN_TOKEN}x`;
    const res = await call(hub, 'GET', '/providers', { token: wrong });
    expectError(res, 401, 'unauthorized');
    expect(res.text).not.toContain(wrong);
    expectError(
      await call(hub, 'GET', '/providers', { token: 'sk-cchub-00000000000000000000000000000000' }),
      401,
      'unauthorized',
    );
  });

  test('a non-Bearer Authorization header → 401', async () => {
    const res = await call(hub, 'GET', '/providers', {
      token: null,
      headers: { authorization: `Basic ${Buffer.from(`admin:${ADMIN_TOKEN}`).toString('base64')}` },
    });
    expectError(res, 401, 'unauthorized');
  });

  test('the admin token is accepted case-insensitively on the scheme', async () => {
    const res = await call(hub, 'GET', '/users', { token: null, headers: { authorization: `bearer ${ADMIN_TOKEN}` } });
    as(res, 200, UserList);
  });

  test('a hub key of an admin-role user acts as admin', async () => {
    as(await call(hub, 'GET', '/users', { token: root.key }), 200, UserList);
    expect((await call(hub, 'POST', '/users', { token: root.key, body: { name: 'made-by-root' } })).status).toBe(201);
  });

  test('a disabled key, a disabled user, an expired key or user, a deleted key → 401', async () => {
    const carol = await userWithKey('carol');
    as(await call(hub, 'GET', '/keys', { token: carol.key }), 200, KeyList);

    await call(hub, 'PATCH', `/keys/${carol.keyId}`, { body: { enabled: false } });
    expectError(await call(hub, 'GET', '/keys', { token: carol.key }), 401, 'unauthorized');
    await call(hub, 'PATCH', `/keys/${carol.keyId}`, { body: { enabled: true } });

    await call(hub, 'PATCH', `/users/${carol.userId}`, { body: { enabled: false } });
    expectError(await call(hub, 'GET', '/keys', { token: carol.key }), 401, 'unauthorized');
    await call(hub, 'PATCH', `/users/${carol.userId}`, { body: { enabled: true } });

    const soon = new Date(hub.clock.now() + 60_000).toISOString();
    await call(hub, 'PATCH', `/keys/${carol.keyId}`, { body: { expiresAt: soon } });
    as(await call(hub, 'GET', '/keys', { token: carol.key }), 200, KeyList);
    hub.clock.advance(60_000);
    expectError(await call(hub, 'GET', '/keys', { token: carol.key }), 401, 'unauthorized');
    await call(hub, 'PATCH', `/keys/${carol.keyId}`, { body: { expiresAt: null } });
    as(await call(hub, 'GET', '/keys', { token: carol.key }), 200, KeyList);

    const userSoon = new Date(hub.clock.now() + 1000).toISOString();
    await call(hub, 'PATCH', `/users/${carol.userId}`, { body: { expiresAt: userSoon } });
    hub.clock.advance(1000);
    expectError(await call(hub, 'GET', '/keys', { token: carol.key }), 401, 'unauthorized');
    await call(hub, 'PATCH', `/users/${carol.userId}`, { body: { expiresAt: null } });

    await call(hub, 'DELETE', `/keys/${carol.keyId}`);
    expectError(await call(hub, 'GET', '/keys', { token: carol.key }), 401, 'unauthorized');
  });

  test('failed authentication logs nothing that contains the presented secret', async () => {
    await call(hub, 'GET', '/providers', { token: 'sk-cchub-LeakCheck0000000000000000000000' });
    expect(hub.logLines.join('')).not.toContain('LeakCheck');
    expect(hub.logLines.join('')).not.toContain(ADMIN_TOKEN);
  });
});

describe('a plain user key', () => {
  test('is refused with 403 on admin-only routes', async () => {
    const routes: [string, string, unknown?][] = [
      ['GET', '/providers'],
      ['POST', '/providers', { name: 'x', type: 'gemini', baseUrl: 'https://x.example', apiKey: 'k' }],
      ['GET', '/users'],
      ['POST', '/users', { name: 'x' }],
      ['PATCH', `/users/${alice.userId}`, { name: 'x' }],
      ['DELETE', `/users/${alice.userId}`],
      ['POST', `/users/${alice.userId}/keys`, { name: 'x' }],
      ['PATCH', `/keys/${alice.keyId}`, { name: 'x' }],
      ['DELETE', `/keys/${alice.keyId}`],
    ];
    for (const [method, path, body] of routes) {
      expectError(await call(hub, method, path, { token: alice.key, body }), 403, 'forbidden');
    }
    // nothing changed
    expect(as(await call(hub, 'GET', `/keys/${alice.keyId}`), 200, Key).name).toBe('alice-key');
  });

  test('authenticates before the body is parsed: a plain user sending bad JSON gets 403, a stranger 401', async () => {
    expectError(await call(hub, 'POST', '/users', { token: alice.key, body: '{' }), 403, 'forbidden');
    expectError(await call(hub, 'POST', '/users', { token: null, body: '{' }), 401, 'unauthorized');
  });

  test('lists only its own keys, whatever userId filter it sends', async () => {
    const own = as(await call(hub, 'GET', '/keys', { token: alice.key }), 200, KeyList);
    expect(own.items.map((k) => k.id)).toEqual([alice.keyId]);
    const others = as(await call(hub, 'GET', `/keys?userId=${bob.userId}`, { token: alice.key }), 200, KeyList);
    expect(others.items).toEqual([]);
  });

  test('reads its own key and user; another user’s are 404, not 403', async () => {
    expect(as(await call(hub, 'GET', `/keys/${alice.keyId}`, { token: alice.key }), 200, Key).userId).toBe(
      alice.userId,
    );
    expect(as(await call(hub, 'GET', `/users/${alice.userId}`, { token: alice.key }), 200, User).name).toBe('alice');
    expectError(await call(hub, 'GET', `/keys/${bob.keyId}`, { token: alice.key }), 404, 'not_found');
    expectError(await call(hub, 'GET', `/users/${bob.userId}`, { token: alice.key }), 404, 'not_found');
  });
});
