// Test harness for the admin API: a real SQLite file in a temp dir, the real router on a loopback port, fetch.
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import { expect } from 'vitest';
import type { z } from 'zod';
import { type AdminRouter, type AdminRouterOptions, createAdminRouter } from '../../main/core/admin/routes';
import { PriceTable } from '../../main/core/billing/price-table';
import { NO_TRUSTED_PROXIES } from '../../main/core/client-address';
import { ManualClock } from '../../main/core/clock';
import type { Config } from '../../main/core/config';
import { ContentRuleBook } from '../../main/core/content-rules/rule-book';
import type { HubContext } from '../../main/core/context';
import { type Database_, openDatabase } from '../../main/core/db/connection';
import { Governance } from '../../main/core/governance';
import { createLogger } from '../../main/core/logger';
import { RoutingRegistry } from '../../main/core/routing/registry';
import { SecretStore } from '../../main/core/secrets/secret-store';
import { loadStoredPrices } from '../../main/core/store/prices';
import { defaultSettings, SettingsCache } from '../../main/core/store/settings';
import { SqliteStore } from '../../main/core/store/sqlite-store';
import { ApiErrorBody } from '../../shared/api-schemas';

export const ADMIN_TOKEN = 'test-admin-token-0123456789abcdef';

export interface TestHub {
  url: string;
  /** `${url}/api/v1` */
  api: string;
  ctx: HubContext;
  clock: ManualClock;
  database: Database_;
  router: AdminRouter;
  /** Every notifyChanged call, in order. */
  changes: string[];
  /** Every line the hub logged. */
  logLines: string[];
  close(): Promise<void>;
}

export async function startTestHub(
  options: AdminRouterOptions = {},
  over: { config?: Partial<Config>; clock?: ManualClock } = {},
): Promise<TestHub> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cchub-admin-'));
  const database = openDatabase(dataDir);
  const clock = over.clock ?? new ManualClock();
  const prices = new PriceTable();
  prices.set('bundled', 'claude-sonnet-4-5', {
    litellm_provider: 'anthropic',
    mode: 'chat',
    input_cost_per_token: 3e-6,
  });
  const changes: string[] = [];
  const logLines: string[] = [];
  const config: Config = {
    host: '127.0.0.1',
    port: 0,
    dataDir,
    adminToken: ADMIN_TOKEN,
    secretKey: undefined,
    insecureCookies: undefined,
    logLevel: 'debug',
    timezone: 'UTC',
    maxBodyBytes: 32 * 1024 * 1024,
    trustedProxies: NO_TRUSTED_PROXIES,
    maxInFlightBodyBytes: 256 * 1024 * 1024,
    maxSessions: 10_000,
    headersTimeoutMs: 30_000,
    requestTimeoutMs: 300_000,
    idleTimeoutMs: 30_000,
    ...over.config,
  };
  const secrets = new SecretStore({ description: 'test', load: () => Buffer.alloc(32, 7) });
  const logger = createLogger('debug', (line) => logLines.push(line));
  const settings = new SettingsCache(database.db, defaultSettings(config.timezone));
  const store = new SqliteStore(database, secrets);
  const registry = new RoutingRegistry(store, secrets);
  const governance = new Governance(store, clock, () => settings.get().timezone, logger);
  const contentRules = new ContentRuleBook(store.contentRules);
  const ctx: HubContext = {
    config,
    clock,
    database,
    store,
    secrets,
    adminToken: ADMIN_TOKEN,
    prices,
    logger,
    governance,
    notifyChanged: (what) => {
      changes.push(what);
      if (what === 'providers') registry.reloadProviders();
      if (what === 'users' || what === 'keys') registry.reloadKeys();
      if (what === 'prices') loadStoredPrices(database.db, prices);
      if (what === 'settings') settings.reload();
      if (what === 'content-rules') contentRules.reload();
    },
    baseUrl: () => url,
    settings: () => settings.get(),
    contentRules,
    registry,
  };
  const router = createAdminRouter(ctx, options);
  const app = express();
  app.use('/api/v1', router);
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    api: `${url}/api/v1`,
    ctx,
    clock,
    database,
    router,
    changes,
    logLines,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      governance.close();
      await registry.close();
      database.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface CallResult {
  status: number;
  /** Parsed JSON body (undefined when empty); read it through a shared schema with `as()`. */
  body: unknown;
  text: string;
  headers: Headers;
}

/** A JSON call: `token` becomes `Authorization: Bearer <token>`; `body` is sent as JSON unless it is a string. */
export async function call(
  hub: TestHub,
  method: string,
  path: string,
  opts: { token?: string | null; body?: unknown; headers?: Record<string, string> } = {},
): Promise<CallResult> {
  const headers: Record<string, string> = { ...opts.headers };
  const token = opts.token === undefined ? ADMIN_TOKEN : opts.token;
  if (token !== null) headers.authorization = `Bearer ${token}`;
  let payload: string | undefined;
  if (opts.body !== undefined) {
    payload = typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
    headers['content-type'] ??= 'application/json';
  }
  const res = await fetch(hub.api + path, { method, headers, body: payload });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined, text, headers: res.headers };
}

/** Asserts the status and parses the body with a contract schema (so every happy path also checks the shape). */
export function as<S extends z.ZodType>(res: CallResult, status: number, schema: S): z.output<S> {
  expect(res.status, res.text).toBe(status);
  return schema.parse(res.body);
}

/** Asserts an error answer: status, code, optionally the field, and the request id matching the header. */
export function expectError(res: CallResult, status: number, code: string, field?: string): ApiErrorBody['error'] {
  const { error } = as(res, status, ApiErrorBody);
  expect(error.code, res.text).toBe(code);
  if (field !== undefined) expect(error.field, res.text).toBe(field);
  expect(error.requestId).toMatch(/^req_/);
  expect(res.headers.get('x-cchub-request-id')).toBe(error.requestId);
  return error;
}
