// Request log routes: keyset pages with createdAt ties, filters, a plain user's own rows only, and the index plans.
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import * as schema from '../../main/core/db/schema';
import { listRequestsPage, type RequestFilter } from '../../main/core/store/requests';
import { CreatedKey, RequestList, RequestRecord, User } from '../../shared/api-schemas';
import { as, call, expectError, startTestHub, type TestHub } from './helpers';

let hub: TestHub;
let alice: { userId: string; keyId: string; key: string };
let bob: { userId: string; keyId: string; key: string };

const T0 = Date.UTC(2026, 0, 1);

interface Row {
  id: string;
  createdAt: number;
  userId: string | null;
  keyId: string | null;
  providerId: string | null;
  model: string;
  status: number;
  sessionId: string | null;
  decisionChain?: string;
}
const rows: Row[] = [];

function insert(row: Row): void {
  hub.database.sqlite
    .prepare(
      `INSERT INTO requests (id, created_at, user_id, key_id, provider_id, format, endpoint, model, upstream_model,
        stream, status, duration_ms, input_tokens, output_tokens, cost_usd, session_id, decision_chain, client_ip)
       VALUES (?, ?, ?, ?, ?, 'anthropic', '/v1/messages', ?, ?, 1, ?, 120, 10, 20, 0.001, ?, ?, '10.0.0.1')`,
    )
    .run(
      row.id,
      row.createdAt,
      row.userId,
      row.keyId,
      row.providerId,
      row.model,
      row.model,
      row.status,
      row.sessionId,
      row.decisionChain ?? '[]',
    );
  rows.push(row);
}

/** Expected order: createdAt desc, then id desc. */
const newestFirst = (list: Row[]) =>
  [...list].sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0)).map((r) => r.id);

async function userWithKey(name: string) {
  const user = as(await call(hub, 'POST', '/users', { body: { name } }), 201, User);
  const key = as(await call(hub, 'POST', `/users/${user.id}/keys`, { body: { name: `${name}-key` } }), 201, CreatedKey);
  return { userId: user.id, keyId: key.id, key: key.key };
}

async function collect(query: string, token?: string): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const sep = query ? '&' : '';
    const path = `/requests?${query}${cursor ? `${sep}cursor=${cursor}` : ''}`;
    const page: RequestList = as(await call(hub, 'GET', path, token === undefined ? {} : { token }), 200, RequestList);
    if (page.nextCursor) expect(page.nextCursor).toMatch(/^[A-Za-z0-9_-]+$/);
    ids.push(...page.items.map((r) => r.id));
    cursor = page.nextCursor;
    pages++;
  } while (cursor && pages < 1000);
  return ids;
}

beforeAll(async () => {
  hub = await startTestHub();
  alice = await userWithKey('alice');
  bob = await userWithKey('bob');
  const provider = as(
    await call(hub, 'POST', '/providers', {
      body: { name: 'up', type: 'anthropic', baseUrl: 'https://up.example', apiKey: 'sk-ant-xxxxxxxxxxxxxxxx' },
    }),
    201,
    RequestRecord.pick({ id: true }),
  );
  // 40 rows: groups of four share one createdAt (ties), ids deliberately not in time order
  for (let i = 0; i < 40; i++) {
    const owner = i % 3 === 0 ? bob : alice;
    insert({
      id: `req_${String((i * 7919) % 1000).padStart(4, '0')}_${i}`,
      createdAt: T0 + Math.floor(i / 4) * 1000,
      userId: owner.userId,
      keyId: owner.keyId,
      providerId: i % 2 === 0 ? provider.id : 'prv_deleted',
      model: i % 5 === 0 ? 'claude-opus-4-1' : 'claude-sonnet-4-5',
      status: i % 10 === 0 ? 529 : 200,
      sessionId: i < 8 ? 'sess-1' : null,
    });
  }
  insert({
    id: 'req_detail',
    createdAt: T0 - 60_000,
    userId: alice.userId,
    keyId: alice.keyId,
    providerId: provider.id,
    model: 'claude-sonnet-4-5',
    status: 200,
    sessionId: null,
    decisionChain: JSON.stringify([
      { at: 0, kind: 'candidates', reason: '1 candidate' },
      { at: 3, kind: 'attempt', providerId: provider.id, providerName: 'up', status: 200, latencyMs: 240, attempt: 1 },
      { at: 250, kind: 'result', status: 200 },
    ]),
  });
});
afterAll(async () => {
  await hub.close();
});

describe('keyset pagination', () => {
  test('pages of 3 across createdAt ties return every row exactly once, newest first', async () => {
    const ids = await collect('limit=3');
    expect(ids).toEqual(newestFirst(rows));
    expect(new Set(ids).size).toBe(rows.length);
  });

  test('the default page is 50 and the maximum 500', async () => {
    for (let i = 0; i < 20; i++) {
      insert({
        id: `req_bulk_${i}`,
        createdAt: T0 - 120_000,
        userId: null,
        keyId: null,
        providerId: null,
        model: 'm',
        status: 200,
        sessionId: null,
      });
    }
    const first = as(await call(hub, 'GET', '/requests'), 200, RequestList);
    expect(first.items).toHaveLength(50);
    expect(first.nextCursor).not.toBeNull();
    const all = as(await call(hub, 'GET', '/requests?limit=500'), 200, RequestList);
    expect(all.items).toHaveLength(rows.length);
    expect(all.nextCursor).toBeNull();
  });

  test('a filtered walk (per-user index) also returns each row once, in order', async () => {
    const ids = await collect(`limit=4&userId=${alice.userId}`);
    expect(ids).toEqual(newestFirst(rows.filter((r) => r.userId === alice.userId)));
  });
});

describe('filters', () => {
  test.each([
    ['keyId', () => bob.keyId, (r: Row) => r.keyId === bob.keyId],
    ['providerId', () => 'prv_deleted', (r: Row) => r.providerId === 'prv_deleted'],
    ['model', () => 'claude-opus-4-1', (r: Row) => r.model === 'claude-opus-4-1'],
    ['status', () => '529', (r: Row) => r.status === 529],
    ['sessionId', () => 'sess-1', (r: Row) => r.sessionId === 'sess-1'],
  ])('%s', async (name, value, keep) => {
    const ids = await collect(`limit=5&${name}=${encodeURIComponent(value())}`);
    const expected = newestFirst(rows.filter(keep));
    expect(expected.length).toBeGreaterThan(0);
    expect(ids).toEqual(expected);
  });

  test('from is inclusive and to exclusive', async () => {
    const from = new Date(T0 + 2000).toISOString();
    const to = new Date(T0 + 5000).toISOString();
    const ids = await collect(`limit=5&from=${from}&to=${to}`);
    expect(ids).toEqual(newestFirst(rows.filter((r) => r.createdAt >= T0 + 2000 && r.createdAt < T0 + 5000)));
    expect(ids).toHaveLength(12);
  });

  test('filters combine', async () => {
    const ids = await collect(`userId=${alice.userId}&status=529`);
    expect(ids).toEqual(newestFirst(rows.filter((r) => r.userId === alice.userId && r.status === 529)));
  });
});

describe('one request', () => {
  test('has the SPEC shape, joined names, and its decision chain parsed', async () => {
    const r = as(await call(hub, 'GET', '/requests/req_detail'), 200, RequestRecord);
    expect(r).toMatchObject({
      id: 'req_detail',
      createdAt: new Date(T0 - 60_000).toISOString(),
      userId: alice.userId,
      userName: 'alice',
      keyName: 'alice-key',
      providerName: 'up',
      format: 'anthropic',
      endpoint: '/v1/messages',
      model: 'claude-sonnet-4-5',
      upstreamModel: 'claude-sonnet-4-5',
      stream: true,
      status: 200,
      errorClass: null,
      ttfbMs: null,
      durationMs: 120,
      inputTokens: 10,
      outputTokens: 20,
      cacheReadTokens: 0,
      costUsd: 0.001,
      clientIp: '10.0.0.1',
    });
    expect(r.decisionChain.map((s) => s.kind)).toEqual(['candidates', 'attempt', 'result']);
    expect(r.decisionChain[1]).toMatchObject({ providerName: 'up', latencyMs: 240, attempt: 1 });
  });

  test('a deleted provider leaves its id with a null name', async () => {
    const id = rows.find((r) => r.providerId === 'prv_deleted')?.id ?? '';
    const r = as(await call(hub, 'GET', `/requests/${id}`), 200, RequestRecord);
    expect(r).toMatchObject({ providerId: 'prv_deleted', providerName: null });
  });

  test('an unknown id is a 404', async () => {
    expectError(await call(hub, 'GET', '/requests/req_nope'), 404, 'not_found');
  });
});

describe('a plain user', () => {
  test('sees only their own rows, whatever they filter by', async () => {
    const ids = await collect('limit=7', alice.key);
    expect(ids).toEqual(newestFirst(rows.filter((r) => r.userId === alice.userId)));
    expect(await collect(`userId=${bob.userId}`, alice.key)).toEqual([]);
    expect(await collect(`keyId=${bob.keyId}`, alice.key)).toEqual([]);
  });

  test("gets 404 for another user's request and 200 for their own", async () => {
    const bobs = rows.find((r) => r.userId === bob.userId)?.id ?? '';
    expectError(await call(hub, 'GET', `/requests/${bobs}`, { token: alice.key }), 404, 'not_found');
    expect((await call(hub, 'GET', '/requests/req_detail', { token: alice.key })).status).toBe(200);
    expectError(await call(hub, 'GET', '/requests/req_bulk_0', { token: alice.key }), 404, 'not_found');
  });
});

describe('query plans (what keeps a million rows fast)', () => {
  function planFor(filter: RequestFilter, withCursor: boolean): string {
    const statements: string[] = [];
    const db = drizzle(hub.database.sqlite, { schema, logger: { logQuery: (q) => statements.push(q) } });
    listRequestsPage(db, filter, { limit: 50, ...(withCursor ? { after: { createdAt: T0, id: 'req_x' } } : {}) });
    const sql = statements[0] ?? '';
    const params = Array.from({ length: sql.split('?').length - 1 }, () => 1);
    const plan = hub.database.sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[];
    return plan.map((p) => p.detail).join('\n');
  }

  test('unfiltered pages walk requests_created_idx with no sort step, the cursor as an index bound', () => {
    for (const withCursor of [false, true]) {
      const plan = planFor({}, withCursor);
      expect(plan).toMatch(/requests USING (COVERING )?INDEX requests_created_idx/);
      expect(plan).not.toMatch(/TEMP B-TREE/);
    }
    expect(planFor({}, true)).toMatch(/requests_created_idx \(\(created_at,id\)<\(\?,\?\)\)/);
  });

  test('per-user, per-key and per-provider filters use their own index', () => {
    expect(planFor({ userId: 'u' }, true)).toMatch(/INDEX requests_user_created_idx \(user_id=\? AND created_at<\?\)/);
    expect(planFor({ keyId: 'k' }, false)).toMatch(/INDEX requests_key_created_idx/);
    expect(planFor({ providerId: 'p' }, false)).toMatch(/INDEX requests_provider_created_idx/);
    // only the ties inside one createdAt are sorted, never the whole range
    expect(planFor({ userId: 'u' }, false)).not.toMatch(/USE TEMP B-TREE FOR ORDER BY/);
  });

  test('the joins for names are primary-key lookups', () => {
    const plan = planFor({}, false);
    for (const table of ['users', 'keys', 'providers']) expect(plan).toMatch(new RegExp(`SEARCH ${table} USING INDEX`));
  });
});
