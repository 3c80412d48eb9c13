// Starts a real hub (loopback port, temp SQLite dir) for integration tests, plus admin-API shortcuts.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Clock } from '../../main/core/clock';
import { loadConfig } from '../../main/core/config';
import { type Hub, type HubOptions, startHub } from '../../main/core/hub';

export const TEST_ADMIN_TOKEN = 'test-admin-token-0123456789';

export interface ApiResult<T = Record<string, unknown>> {
  status: number;
  json: T;
  headers: Headers;
}

export interface TestHub {
  hub: Hub;
  url: string;
  dataDir: string;
  api<T = Record<string, unknown>>(method: string, path: string, body?: unknown, token?: string): Promise<ApiResult<T>>;
  addProvider(baseUrl: string, over?: Record<string, unknown>): Promise<{ id: string; name: string }>;
  addUser(over?: Record<string, unknown>): Promise<{ id: string }>;
  addKey(userId: string, over?: Record<string, unknown>): Promise<{ id: string; key: string }>;
  /** A user with one key, ready to call the relay. */
  addUserWithKey(over?: Record<string, unknown>): Promise<{ userId: string; keyId: string; key: string }>;
  /** Folds the journal so `requests` rows are visible to queries now. */
  fold(): void;
  rows(sql: string, ...params: unknown[]): Record<string, unknown>[];
  stop(): Promise<void>;
}

let counter = 0;

export async function startTestHub(
  opts: HubOptions & { dataDir?: string; env?: Record<string, string> } = {},
): Promise<TestHub> {
  const ownsDataDir = opts.dataDir === undefined;
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'cchub-test-'));
  const config = loadConfig(
    { CCHUB_PORT: '0', CCHUB_DATA_DIR: dataDir, ADMIN_TOKEN: TEST_ADMIN_TOKEN, CCHUB_LOG_LEVEL: 'silent', ...opts.env },
    [],
  );
  const hub = await startHub(config, { drainTimeoutMs: 2000, ...opts });
  const api = async <T>(
    method: string,
    path: string,
    body?: unknown,
    token = TEST_ADMIN_TOKEN,
  ): Promise<ApiResult<T>> => {
    const res = await fetch(`${hub.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, json: (text ? JSON.parse(text) : {}) as T, headers: res.headers };
  };
  const expectCreated = <T>(r: ApiResult<T>, what: string): T => {
    if (r.status !== 201) throw new Error(`creating ${what} failed: ${r.status} ${JSON.stringify(r.json)}`);
    return r.json;
  };
  const self: TestHub = {
    hub,
    url: hub.url,
    dataDir,
    api,
    addProvider: async (baseUrl, over = {}) =>
      expectCreated(
        await api<{ id: string; name: string }>('POST', '/api/v1/providers', {
          name: `provider-${++counter}`,
          type: 'anthropic',
          baseUrl,
          apiKey: `sk-ant-provider-secret-${counter}`,
          ...over,
        }),
        'provider',
      ),
    addUser: async (over = {}) =>
      expectCreated(await api<{ id: string }>('POST', '/api/v1/users', { name: `user-${++counter}`, ...over }), 'user'),
    addKey: async (userId, over = {}) =>
      expectCreated(
        await api<{ id: string; key: string }>('POST', `/api/v1/users/${userId}/keys`, {
          name: `key-${++counter}`,
          ...over,
        }),
        'key',
      ),
    addUserWithKey: async (over = {}) => {
      const user = await self.addUser(over);
      const key = await self.addKey(user.id);
      return { userId: user.id, keyId: key.id, key: key.key };
    },
    fold: () => {
      hub.context.database.sqlite.exec('SELECT 1');
      flushAndFold(hub);
    },
    rows: (sql, ...params) => hub.context.database.sqlite.prepare(sql).all(...params) as Record<string, unknown>[],
    stop: async () => {
      await hub.stop();
      // A test that passes its own dataDir (restart tests) keeps it; a directory made here is removed.
      if (ownsDataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return self;
}

function flushAndFold(hub: Hub): void {
  hub.internals.log.flush();
  hub.internals.log.fold();
}

export type { Clock };
