// Provider routes: SPEC §2 defaults, partial PATCH, delete, change notifications, and the API key never in clear.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { DB_FILE } from '../../main/core/db/connection';
import { Provider, ProviderList } from '../../shared/api-schemas';
import { as, call, expectError, startTestHub, type TestHub } from './helpers';

const SECRET = 'sk-ant-api03-PLAINTEXTsecretValue-0123456789';

let hub: TestHub;
let openId = '';
beforeEach(async () => {
  hub = await startTestHub({
    breakerState: (id) => (id === openId ? { state: 'open', failures: 5 } : { state: 'closed' }),
  });
});
afterEach(async () => {
  await hub.close();
});

const minimal = { name: 'main', type: 'anthropic', baseUrl: 'https://api.anthropic.com', apiKey: SECRET };

function providerRow(id: string): Record<string, unknown> {
  return hub.database.sqlite.prepare('SELECT * FROM providers WHERE id = ?').get(id) as Record<string, unknown>;
}

describe('create', () => {
  test('fills every SPEC §2 default and answers 201 with the key masked', async () => {
    const p = as(await call(hub, 'POST', '/providers', { body: minimal }), 201, Provider);
    expect(p).toMatchObject({
      name: 'main',
      type: 'anthropic',
      baseUrl: 'https://api.anthropic.com',
      apiKey: 'sk-an…6789',
      enabled: true,
      priority: 0,
      weight: 1,
      costMultiplier: 1,
      groups: [],
      allowedModels: [],
      modelRedirects: [],
      schedule: null,
      limits: {},
      attempts: 2,
      sticky: true,
      breaker: {
        state: 'closed',
        failureThreshold: 5,
        openMs: 1_800_000,
        halfOpenSuccesses: 2,
        countNetworkErrors: false,
      },
      timeouts: { connectMs: 10_000, firstByteMs: 30_000, idleMs: 300_000, totalMs: 300_000 },
      headers: {},
      proxyUrl: null,
      anthropicAuth: 'both',
      forwardClientIp: false,
      serves: [],
      createdAt: '2026-01-05T12:00:00.000Z',
      updatedAt: '2026-01-05T12:00:00.000Z',
    });
    expect(p.id).toMatch(/^prv_/);
    expect(hub.changes).toEqual(['providers']);
  });

  test('keeps every field it is given', async () => {
    const full = {
      ...minimal,
      type: 'openai-responses',
      enabled: false,
      priority: 3,
      weight: 7,
      costMultiplier: 0.5,
      groups: ['team-a'],
      allowedModels: [{ match: 'prefix', pattern: 'gpt-5' }],
      modelRedirects: [{ match: 'exact', pattern: 'gpt-5', target: 'gpt-5-codex' }],
      schedule: { start: '09:00', end: '18:30' },
      limits: { dailyUsd: 10, concurrentSessions: 3, dailyResetTime: '04:00' },
      attempts: 3,
      sticky: false,
      breaker: { failureThreshold: 0, openMs: 60_000, halfOpenSuccesses: 1 },
      timeouts: { connectMs: 1000, firstByteMs: 2000, idleMs: 3000, totalMs: 4000 },
      headers: { 'x-team': 'a' },
      proxyUrl: 'socks5://127.0.0.1:1080',
      anthropicAuth: 'bearer',
      forwardClientIp: true,
      serves: ['anthropic', 'gemini'],
    };
    const p = as(await call(hub, 'POST', '/providers', { body: full }), 201, Provider);
    const { apiKey: _apiKey, breaker, ...rest } = full;
    expect(p).toMatchObject(rest);
    expect(p.breaker).toEqual({ ...breaker, countNetworkErrors: false, state: 'closed' });
  });
});

describe('serves (format translation opt-in)', () => {
  test("is kept without the provider's own type or repeats, in the formats' order; a PATCH replaces it", async () => {
    const body = { ...minimal, type: 'openai-chat', serves: ['gemini', 'openai-chat', 'anthropic', 'gemini'] };
    const p = as(await call(hub, 'POST', '/providers', { body }), 201, Provider);
    expect(p.serves).toEqual(['anthropic', 'gemini']);
    const patched = await call(hub, 'PATCH', `/providers/${p.id}`, { body: { serves: ['openai-responses'] } });
    expect((patched.body as { serves: string[] }).serves).toEqual(['openai-responses']);
    const bad = await call(hub, 'PATCH', `/providers/${p.id}`, { body: { serves: ['cohere'] } });
    expect(bad.status).toBe(400);
  });
});

describe('the API key', () => {
  test('is stored only as ciphertext and never returned in clear', async () => {
    const created = await call(hub, 'POST', '/providers', { body: minimal });
    expect(created.text).not.toContain(SECRET);
    const id = (created.body as { id: string }).id;
    for (const path of ['/providers', `/providers/${id}`]) {
      const res = await call(hub, 'GET', path);
      expect(res.status).toBe(200);
      expect(res.text).not.toContain(SECRET);
      expect(res.text).not.toContain(SECRET.slice(5, -4));
    }
    const patched = await call(hub, 'PATCH', `/providers/${id}`, { body: { name: 'renamed' } });
    expect(patched.text).not.toContain(SECRET);

    const row = providerRow(id);
    expect(JSON.stringify(row)).not.toContain(SECRET);
    expect(hub.ctx.secrets.decrypt(String(row.secret_ciphertext))).toBe(SECRET);
    // and not in the database files either (the WAL holds the recent pages)
    hub.database.checkpoint();
    for (const file of [DB_FILE, `${DB_FILE}-wal`]) {
      let bytes: Buffer;
      try {
        bytes = readFileSync(join(hub.ctx.config.dataDir, file));
      } catch {
        continue;
      }
      expect(bytes.includes(SECRET)).toBe(false);
    }
  });

  test('is replaced only when a PATCH gives it', async () => {
    const { id } = as(await call(hub, 'POST', '/providers', { body: minimal }), 201, Provider);
    const before = providerRow(id).secret_ciphertext;
    await call(hub, 'PATCH', `/providers/${id}`, { body: { priority: 1 } });
    expect(providerRow(id).secret_ciphertext).toBe(before);

    const next = 'sk-ant-api03-SECONDsecret-abcdefghijkl';
    const p = as(await call(hub, 'PATCH', `/providers/${id}`, { body: { apiKey: next } }), 200, Provider);
    expect(p.apiKey).toBe('sk-an…ijkl');
    expect(hub.ctx.secrets.decrypt(String(providerRow(id).secret_ciphertext))).toBe(next);
  });
});

describe('read, patch, delete', () => {
  test('lists newest first and reads one', async () => {
    const a = as(await call(hub, 'POST', '/providers', { body: { ...minimal, name: 'a' } }), 201, Provider);
    hub.clock.advance(1000);
    const b = as(await call(hub, 'POST', '/providers', { body: { ...minimal, name: 'b' } }), 201, Provider);
    const list = as(await call(hub, 'GET', '/providers'), 200, ProviderList);
    expect(list.items.map((p) => p.name)).toEqual(['b', 'a']);
    expect(list.nextCursor).toBeNull();
    const page = as(await call(hub, 'GET', '/providers?limit=1'), 200, ProviderList);
    expect(page.items.map((p) => p.id)).toEqual([b.id]);
    const rest = as(await call(hub, 'GET', `/providers?limit=1&cursor=${page.nextCursor}`), 200, ProviderList);
    expect(rest).toEqual({ items: [expect.objectContaining({ id: a.id })], nextCursor: null });
    expect(as(await call(hub, 'GET', `/providers/${a.id}`), 200, Provider)).toEqual(a);
  });

  test('PATCH changes only what it names; breaker, timeouts and limits merge field by field', async () => {
    const created = as(
      await call(hub, 'POST', '/providers', {
        body: { ...minimal, limits: { dailyUsd: 5, weeklyUsd: 20 }, groups: ['x'] },
      }),
      201,
      Provider,
    );
    hub.clock.advance(5000);
    const p = as(
      await call(hub, 'PATCH', `/providers/${created.id}`, {
        body: {
          name: 'renamed',
          breaker: { openMs: 1000 },
          timeouts: { firstByteMs: 15_000 },
          limits: { dailyUsd: null, monthlyUsd: 50 },
          schedule: { start: '22:00', end: '06:00' },
        },
      }),
      200,
      Provider,
    );
    expect(p).toEqual({
      ...created,
      name: 'renamed',
      breaker: { ...created.breaker, openMs: 1000 },
      timeouts: { ...created.timeouts, firstByteMs: 15_000 },
      limits: { weeklyUsd: 20, monthlyUsd: 50 },
      schedule: { start: '22:00', end: '06:00' },
      updatedAt: '2026-01-05T12:00:05.000Z',
    });
    const cleared = as(
      await call(hub, 'PATCH', `/providers/${created.id}`, { body: { schedule: null } }),
      200,
      Provider,
    );
    expect(cleared.schedule).toBeNull();
    expect(as(await call(hub, 'GET', `/providers/${created.id}`), 200, Provider)).toEqual(cleared);
    expect(hub.changes).toEqual(['providers', 'providers', 'providers']);
    // an omitted limit is kept, so `limits: {}` changes nothing; `limits: null` clears them all
    const kept = as(await call(hub, 'PATCH', `/providers/${created.id}`, { body: { limits: {} } }), 200, Provider);
    expect(kept.limits).toEqual({ weeklyUsd: 20, monthlyUsd: 50 });
    const none = as(await call(hub, 'PATCH', `/providers/${created.id}`, { body: { limits: null } }), 200, Provider);
    expect(none.limits).toEqual({});
  });

  test('DELETE answers 204, then the provider is gone', async () => {
    const { id } = as(await call(hub, 'POST', '/providers', { body: minimal }), 201, Provider);
    const res = await call(hub, 'DELETE', `/providers/${id}`);
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    expectError(await call(hub, 'GET', `/providers/${id}`), 404, 'not_found');
    expectError(await call(hub, 'DELETE', `/providers/${id}`), 404, 'not_found');
    expect(hub.changes).toEqual(['providers', 'providers']);
  });

  test('the breaker state comes from the plugged-in reader', async () => {
    const p = as(await call(hub, 'POST', '/providers', { body: minimal }), 201, Provider);
    openId = p.id;
    const read = as(await call(hub, 'GET', `/providers/${p.id}`), 200, Provider);
    expect(read.breaker).toMatchObject({ state: 'open', failures: 5, failureThreshold: 5 });
    openId = '';
  });
});
