// User and key routes: CRUD, limits merging, cascade on delete, and a key shown exactly once (only its hash kept).
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { CreatedKey, Key, KeyList, User, UserList } from '../../shared/api-schemas';
import { as, call, expectError, startTestHub, type TestHub } from './helpers';

let hub: TestHub;
beforeEach(async () => {
  hub = await startTestHub();
});
afterEach(async () => {
  await hub.close();
});

const createUser = async (body: Record<string, unknown>) => as(await call(hub, 'POST', '/users', { body }), 201, User);

describe('users', () => {
  test('create with defaults, list newest first, read', async () => {
    const a = await createUser({ name: 'alice' });
    expect(a).toMatchObject({
      name: 'alice',
      note: '',
      role: 'user',
      enabled: true,
      expiresAt: null,
      groups: [],
      allowedModels: [],
      rpm: null,
      limits: {},
      createdAt: '2026-01-05T12:00:00.000Z',
    });
    expect(a.id).toMatch(/^usr_/);
    hub.clock.advance(1);
    const b = await createUser({
      name: 'bob',
      note: 'ops',
      role: 'admin',
      expiresAt: '2026-02-01T00:00:00+08:00',
      groups: ['g'],
      allowedModels: ['claude-sonnet-4-5'],
      rpm: 60,
      limits: { dailyUsd: 3, fiveHourMode: 'fixed' },
    });
    expect(b).toMatchObject({ role: 'admin', expiresAt: '2026-01-31T16:00:00.000Z', rpm: 60 });
    const list = as(await call(hub, 'GET', '/users'), 200, UserList);
    expect(list.items.map((u) => u.name)).toEqual(['bob', 'alice']);
    expect(as(await call(hub, 'GET', `/users/${b.id}`), 200, User)).toEqual(b);
    expect(hub.changes).toEqual(['users', 'users']);
  });

  test('PATCH replaces given fields and merges limits (null clears one)', async () => {
    const u = await createUser({ name: 'u', rpm: 10, limits: { dailyUsd: 1, totalUsd: 100 } });
    const p = as(
      await call(hub, 'PATCH', `/users/${u.id}`, {
        body: { rpm: null, note: 'n', limits: { dailyUsd: null, weeklyUsd: 7 } },
      }),
      200,
      User,
    );
    expect(p).toMatchObject({ name: 'u', note: 'n', rpm: null, limits: { totalUsd: 100, weeklyUsd: 7 } });
    expect(p.limits).not.toHaveProperty('dailyUsd');
  });

  test('DELETE removes the user and cascades to its keys', async () => {
    const u = await createUser({ name: 'gone' });
    const k = as(await call(hub, 'POST', `/users/${u.id}/keys`, { body: { name: 'k' } }), 201, CreatedKey);
    hub.changes.length = 0;
    expect((await call(hub, 'DELETE', `/users/${u.id}`)).status).toBe(204);
    expectError(await call(hub, 'GET', `/users/${u.id}`), 404, 'not_found');
    expectError(await call(hub, 'GET', `/keys/${k.id}`), 404, 'not_found');
    const n = hub.database.sqlite.prepare('SELECT count(*) AS n FROM keys WHERE user_id = ?').get(u.id) as {
      n: number;
    };
    expect(n.n).toBe(0);
    expect(hub.changes).toEqual(['users', 'keys']);
  });
});

describe('keys', () => {
  test('the key is shown once at creation; the database holds only its hash and prefix', async () => {
    const u = await createUser({ name: 'k' });
    const created = as(
      await call(hub, 'POST', `/users/${u.id}/keys`, {
        body: { name: 'laptop', canLogin: true, groups: ['a'], limits: { dailyUsd: 1 } },
      }),
      201,
      CreatedKey,
    );
    expect(created.key).toMatch(/^sk-cchub-[0-9A-Za-z]{32}$/);
    expect(created).toMatchObject({
      userId: u.id,
      name: 'laptop',
      prefix: created.key.slice(0, 13),
      enabled: true,
      canLogin: true,
      groups: ['a'],
      limits: { dailyUsd: 1 },
      expiresAt: null,
      retiresAt: null,
      lastUsedAt: null,
    });
    expect(created.id).toMatch(/^key_/);
    expect(hub.changes).toContain('keys');

    const secretPart = created.key.slice(13);
    for (const path of [`/keys/${created.id}`, '/keys', `/keys?userId=${u.id}`]) {
      const res = await call(hub, 'GET', path);
      expect(res.status).toBe(200);
      expect(res.text).not.toContain(secretPart);
    }
    const read = as(await call(hub, 'GET', `/keys/${created.id}`), 200, Key);
    expect(read).not.toHaveProperty('key');
    const { key: _key, ...withoutKey } = created;
    expect(read).toEqual(withoutKey);

    const row = hub.database.sqlite.prepare('SELECT * FROM keys WHERE id = ?').get(created.id) as Record<
      string,
      unknown
    >;
    expect(row.key_hash).toBe(createHash('sha256').update(created.key).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(secretPart);
  });

  test('each creation issues a different key', async () => {
    const u = await createUser({ name: 'k' });
    const a = as(await call(hub, 'POST', `/users/${u.id}/keys`, { body: { name: 'a' } }), 201, CreatedKey);
    const b = as(await call(hub, 'POST', `/users/${u.id}/keys`, { body: { name: 'b' } }), 201, CreatedKey);
    expect(a.key).not.toBe(b.key);
  });

  test('issuing a key for a missing user is a 404', async () => {
    expectError(await call(hub, 'POST', '/users/usr_nobody/keys', { body: { name: 'x' } }), 404, 'not_found');
  });

  test('GET /keys lists all for an admin and filters by userId, with keyset pages', async () => {
    const u1 = await createUser({ name: 'one' });
    const u2 = await createUser({ name: 'two' });
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const owner = i % 2 === 0 ? u1 : u2;
      ids.push(as(await call(hub, 'POST', `/users/${owner.id}/keys`, { body: { name: `k${i}` } }), 201, CreatedKey).id);
    }
    const all = as(await call(hub, 'GET', '/keys'), 200, KeyList);
    expect(all.items).toHaveLength(5);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: KeyList = as(
        await call(hub, 'GET', `/keys?limit=2${cursor ? `&cursor=${cursor}` : ''}`),
        200,
        KeyList,
      );
      seen.push(...page.items.map((k) => k.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.items.map((k) => k.id));
    expect(new Set(seen)).toEqual(new Set(ids));
    const mine = as(await call(hub, 'GET', `/keys?userId=${u2.id}`), 200, KeyList);
    expect(mine.items.map((k) => k.name).sort()).toEqual(['k1', 'k3']);
  });

  test('PATCH and DELETE', async () => {
    const u = await createUser({ name: 'p' });
    const k = as(
      await call(hub, 'POST', `/users/${u.id}/keys`, { body: { name: 'old', groups: ['x'] } }),
      201,
      CreatedKey,
    );
    const p = as(
      await call(hub, 'PATCH', `/keys/${k.id}`, {
        body: { name: 'new', groups: null, expiresAt: '2027-01-01T00:00:00Z' },
      }),
      200,
      Key,
    );
    expect(p).toMatchObject({ name: 'new', groups: null, expiresAt: '2027-01-01T00:00:00.000Z', prefix: k.prefix });
    // the key still authenticates after a PATCH (its hash is untouched)
    expect((await call(hub, 'GET', `/keys/${k.id}`, { token: k.key })).status).toBe(200);
    // limits: an omitted field is kept (so {} changes nothing), a null field clears one, null clears them all
    const limited = as(
      await call(hub, 'PATCH', `/keys/${k.id}`, { body: { limits: { dailyUsd: 3, monthlyUsd: 9 } } }),
      200,
      Key,
    );
    expect(limited.limits).toEqual({ dailyUsd: 3, monthlyUsd: 9 });
    expect(as(await call(hub, 'PATCH', `/keys/${k.id}`, { body: { limits: {} } }), 200, Key).limits).toEqual({
      dailyUsd: 3,
      monthlyUsd: 9,
    });
    expect(as(await call(hub, 'PATCH', `/keys/${k.id}`, { body: { limits: null } }), 200, Key).limits).toEqual({});
    const user = as(await call(hub, 'PATCH', `/users/${u.id}`, { body: { limits: { weeklyUsd: 4 } } }), 200, User);
    expect(user.limits).toEqual({ weeklyUsd: 4 });
    expect(as(await call(hub, 'PATCH', `/users/${u.id}`, { body: { limits: null } }), 200, User).limits).toEqual({});
    expect((await call(hub, 'DELETE', `/keys/${k.id}`)).status).toBe(204);
    expectError(await call(hub, 'GET', `/keys/${k.id}`), 404, 'not_found');
  });
});
