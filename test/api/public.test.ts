// The public surface of a real hub: health checks, the OpenAPI document (valid 3.1), the usage page's data.

import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validate } from '@scalar/openapi-parser';
import express from 'express';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createHealthRoutes } from '../../main/core/admin/health';
import { openDatabase } from '../../main/core/db/connection';
import { SqliteHealth } from '../../main/core/store/health';
import { JournalHealth } from '../../main/core/store/journal-health';
import { UsageDoc } from '../../shared/api-schemas';
import { startTestHub, type TestHub } from '../helpers/test-hub';

let t: TestHub;
beforeAll(async () => {
  t = await startTestHub();
});
afterAll(async () => {
  await t.stop();
});

/** GET with a chosen Host header (fetch does not let a caller set it). */
function getWithHost(
  path: string,
  host: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: t.hub.port, path, headers: { host, ...headers } }, (res) => {
      let body = '';
      res.on('data', (d) => {
        body += d;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('health', () => {
  test('/healthz and /readyz answer without credentials', async () => {
    const live = await fetch(`${t.url}/healthz`);
    expect(live.status).toBe(200);
    expect(await live.json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${t.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', database: 'ok', migrations: 'applied', journal: 'ok' });
  });

  test('/readyz is a 503 when the database is gone', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cchub-ready-'));
    const db = openDatabase(dir);
    const app = express().use(createHealthRoutes(new SqliteHealth(db.sqlite), new JournalHealth()));
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      expect((await fetch(`${url}/readyz`)).status).toBe(200);
      db.sqlite.exec('DROP TABLE __drizzle_migrations');
      expect(await (await fetch(`${url}/readyz`)).json()).toMatchObject({ status: 'not_ready', migrations: 'missing' });
      db.close();
      const down = await fetch(`${url}/readyz`);
      expect(down.status).toBe(503);
      expect(await down.json()).toMatchObject({ database: 'unreachable' });
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
    } finally {
      server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the OpenAPI document', () => {
  test('is a valid OpenAPI 3.1 document', async () => {
    const doc = (await (await fetch(`${t.url}/api/v1/openapi.json`)).json()) as Record<string, unknown>;
    const result = await validate(doc);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(result.version).toBe('3.1');
  });
});

describe('usage doc', () => {
  test('public, with the address the caller used and every client', async () => {
    const res = await getWithHost('/api/v1/usage-doc', '192.168.1.50:23000');
    expect(res.status).toBe(200);
    const doc = UsageDoc.parse(JSON.parse(res.body));
    expect(doc).toMatchObject({
      baseUrl: 'http://192.168.1.50:23000',
      openaiBaseUrl: 'http://192.168.1.50:23000/v1',
    });
    expect(doc.clients.map((c) => c.id)).toEqual(['claude-code', 'codex-cli', 'gemini-cli', 'sdk']);
    const all = doc.clients.flatMap((c) => c.snippets.map((s) => s.code)).join('\n');
    expect(all).toContain('export ANTHROPIC_BASE_URL="http://192.168.1.50:23000"');
    expect(all).toContain('ANTHROPIC_AUTH_TOKEN');
    expect(all).toContain('[model_providers.cchub]');
    expect(all).toContain('base_url = "http://192.168.1.50:23000/v1"');
    expect(all).toContain('wire_api = "responses"');
    expect(all).toContain('env_key = "CCHUB_API_KEY"');
    expect(all).toContain('export GOOGLE_GEMINI_BASE_URL="http://192.168.1.50:23000"');
    expect(all).toContain('GEMINI_API_KEY');
    expect(all).toContain('anthropic.Anthropic(base_url="http://192.168.1.50:23000"');
    expect(all).toContain('OpenAI(base_url="http://192.168.1.50:23000/v1"');
    expect(all).not.toMatch(/sk-cchub-[A-Za-z0-9]{32}/);
  });

  test('https behind a trusted proxy; a malformed Host falls back to the listening address', async () => {
    const tls = UsageDoc.parse(
      JSON.parse((await getWithHost('/api/v1/usage-doc', 'hub.example.com', { 'x-forwarded-proto': 'https' })).body),
    );
    expect(tls.baseUrl).toBe('https://hub.example.com');
    const odd = UsageDoc.parse(JSON.parse((await getWithHost('/api/v1/usage-doc', 'evil.example/"><script>')).body));
    expect(odd.baseUrl).toBe(t.url);
  });
});
