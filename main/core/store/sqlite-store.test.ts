// The SQLite store's repositories that took over SQL from elsewhere, each against a real database file.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { logRecords, record } from '../../../test/api/records';
import { type Database_, openDatabase } from '../db/connection';
import { SqliteStore } from './sqlite-store';

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 2, 1, 0);
let dir: string;
let database: Database_;
let store: SqliteStore;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cchub-store-'));
  database = openDatabase(dir);
  store = new SqliteStore(database, { encrypt: (plain) => `enc:${plain}` });
});
afterEach(() => {
  try {
    database.close();
  } catch {
    // closed by the test
  }
  rmSync(dir, { recursive: true, force: true });
});

function seedUserKeyProvider() {
  const user = store.users.create({ name: 'Ada' }, T0);
  const { row: key } = store.keys.create(user.id, { name: 'laptop' }, T0);
  const provider = store.providers.create(
    { name: 'Main', type: 'anthropic', baseUrl: 'https://api.example.test', apiKey: 'sk-secret-123456' },
    T0,
  );
  return { user, key, provider };
}

describe('SqliteStore', () => {
  it('lists keys with their users, counts providers, names every subject', () => {
    expect(store.providers.count()).toBe(0);
    const { user, key, provider } = seedUserKeyProvider();
    expect(store.providers.count()).toBe(1);
    expect(store.providers.list()[0]?.secretCiphertext).toBe('enc:sk-secret-123456');
    expect(store.keys.listWithUsers()).toEqual([{ key, user }]);
    expect(store.users.names()).toEqual(new Map([[user.id, 'Ada']]));
    expect(store.keys.names()).toEqual(new Map([[key.id, 'laptop']]));
    expect(store.providers.names()).toEqual(new Map([[provider.id, 'Main']]));
    store.users.delete(user.id);
    expect(store.keys.listWithUsers()).toEqual([]);
  });

  it('keeps internal values beside the settings without turning them into settings', () => {
    expect(store.settings.readInternal('totalSpendResets')).toBeUndefined();
    store.settings.writeInternal('totalSpendResets', { 'user:u1': 5 }, T0);
    store.settings.writeInternal('totalSpendResets', { 'user:u1': 7, 'key:k1': 8 }, T0 + 1);
    expect(store.settings.readInternal('totalSpendResets')).toEqual({ 'user:u1': 7, 'key:k1': 8 });
    const defaults = store.settings.read({
      currencySymbol: '$',
      timezone: 'UTC',
      logRetentionDays: 30,
      captureBodies: false,
      captureMessageText: false,
      billingModel: 'requested',
      responsesWebSocket: true,
      openAiPassThrough: true,
    });
    expect(defaults).not.toHaveProperty('totalSpendResets');
  });

  it('writes captured bodies only once their request row exists, and reads them back', () => {
    const bodies = { request: '{"a":1}', response: 'data: x', truncated: true };
    expect(store.bodies.write('req_1', bodies)).toBe(false);
    expect(store.bodies.read('req_1')).toBeUndefined();
    logRecords(database.sqlite, [record({ id: 'req_1', createdAt: T0 })]);
    expect(store.bodies.write('req_1', bodies)).toBe(true);
    expect(store.bodies.read('req_1')).toEqual(bodies);
  });

  it('deletes request rows older than a cutoff, oldest first, at most `limit` at a time', () => {
    logRecords(
      database.sqlite,
      [3, 0, 2, 1, 4].map((h) => record({ id: `req_${h}`, createdAt: T0 + h * HOUR })),
    );
    expect(store.requests.deleteOlderThan(T0 + 3 * HOUR, 2)).toBe(2);
    expect(store.requests.get('req_0')).toBeUndefined();
    expect(store.requests.get('req_1')).toBeUndefined();
    expect(store.requests.get('req_2')).toBeDefined();
    expect(store.requests.deleteOlderThan(T0 + 3 * HOUR, 2)).toBe(1);
    expect(store.requests.deleteOlderThan(T0 + 3 * HOUR, 2)).toBe(0);
    expect(store.requests.get('req_3')).toBeDefined();
  });

  it('sums usage since an hour and reads the ledger in order', () => {
    logRecords(database.sqlite, [
      record({ id: 'a', createdAt: T0 + 10, userId: 'u1', costUsd: 0.5, inputTokens: 10, outputTokens: 5 }),
      record({ id: 'b', createdAt: T0 + HOUR + 10, userId: 'u1', costUsd: 0.25, inputTokens: 1, outputTokens: 2 }),
      record({
        id: 'c',
        createdAt: T0 + HOUR + 20,
        userId: 'u2',
        status: 500,
        costUsd: null,
        inputTokens: 0,
        outputTokens: 0,
      }),
    ]);
    const since = store.usage.totalsSince(T0 + HOUR);
    expect(since.requests).toBe(2);
    expect(since.errors).toBe(1);
    expect(since.costUsd).toBeCloseTo(0.25);
    expect(since.tokens).toBe(3);
    expect(store.usage.totalsSince(T0 + 5 * HOUR)).toEqual({ requests: 0, errors: 0, costUsd: 0, tokens: 0 });
    expect([...store.usage.ledger()].map((e) => [e.userId, e.costUsd])).toEqual([
      ['u1', 0.5],
      ['u1', 0.25],
    ]);
  });

  it('reports the database ready, then unreachable once closed', () => {
    expect(store.health.probe()).toEqual({ database: 'ok', migrations: 'applied' });
    database.close();
    expect(store.health.probe()).toEqual({ database: 'unreachable', migrations: 'missing' });
  });
});
