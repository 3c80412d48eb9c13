// The headless server as a user runs it: start line, admin token, run-time files from any working directory,
// graceful shutdown, and no answered request lost to a SIGKILL.

import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Anthropic from '@anthropic-ai/sdk';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOURNAL_FILE } from '../../main/core/store/journal-file';
import { type FakeUpstream, startFakeUpstream } from '../fake-upstream';
import { answeredRequest } from '../helpers/answered-request';
import { spawnHub, waitForExit } from '../helpers/spawn-hub';

let fake: FakeUpstream;
beforeAll(async () => {
  fake = await startFakeUpstream();
});
afterAll(() => fake.close());

const ADMIN = 'headless-admin-token-abcdef';

async function api(url: string, method: string, path: string, body?: unknown, token = ADMIN) {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

async function setUp(url: string): Promise<string> {
  const p = await api(url, 'POST', '/api/v1/providers', {
    name: 'fake',
    type: 'anthropic',
    baseUrl: fake.url,
    apiKey: 'sk-ant-x-provider-key',
  });
  expect(p.status).toBe(201);
  const u = await api(url, 'POST', '/api/v1/users', { name: 'alice' });
  const k = await api(url, 'POST', `/api/v1/users/${u.json.id}/keys`, { name: 'laptop' });
  return k.json.key as string;
}

describe('headless server', () => {
  it('first start generates and prints the admin token (0600 file); the next start does not print it', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cchub-headless-'));
    const first = await spawnHub({ CCHUB_DATA_DIR: dataDir });
    const token = /admin token \(shown once[^\n]*\n\s+(\S+)/.exec(first.stdout())?.[1];
    expect(token).toMatch(/^cchub-admin-/);
    expect(readFileSync(join(dataDir, 'admin-token'), 'utf8').trim()).toBe(token);
    expect(statSync(join(dataDir, 'admin-token')).mode & 0o777).toBe(0o600);
    expect((await api(first.url, 'GET', '/api/v1/users', undefined, token)).status).toBe(200);
    first.child.kill('SIGTERM');
    expect(await waitForExit(first.child)).toBe(0);
    const second = await spawnHub({ CCHUB_DATA_DIR: dataDir });
    expect(second.stdout()).not.toContain(token);
    second.child.kill('SIGTERM');
    expect(await waitForExit(second.child)).toBe(0);
  });

  it('finds migrations, prices and the console from another working directory; --port/--host flags work', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cchub-cwd-'));
    const hub = await spawnHub(
      { CCHUB_DATA_DIR: dataDir, ADMIN_TOKEN: ADMIN },
      { cwd: tmpdir(), args: ['--port', '0', '--host', '127.0.0.1'] },
    );
    expect(hub.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const price = await api(hub.url, 'GET', '/api/v1/prices/claude-sonnet-4-6');
    expect(price.status).toBe(200);
    expect(price.json.source).toBe('bundled');
    const page = await fetch(`${hub.url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
    hub.child.kill('SIGTERM');
    expect(await waitForExit(hub.child)).toBe(0);
  });

  it('SIGTERM lets a stream in flight finish, then exits 0', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cchub-term-'));
    const hub = await spawnHub({ CCHUB_DATA_DIR: dataDir, ADMIN_TOKEN: ADMIN });
    const key = await setUp(hub.url);
    fake.enqueue({ kind: 'ok', text: 'a b c d e f g h', deltaDelayMs: 100 });
    const client = new Anthropic({ apiKey: key, baseURL: hub.url, maxRetries: 0 });
    const stream = client.messages.stream({
      model: 'claude-sonnet-4-6',
      max_tokens: 10,
      messages: [{ role: 'user', content: 'x' }],
    });
    const firstText = new Promise<void>((r) => stream.once('text', () => r()));
    await firstText;
    hub.child.kill('SIGTERM');
    const final = await stream.finalMessage();
    expect(final.content[0]).toMatchObject({ text: 'a b c d e f g h' });
    expect(await waitForExit(hub.child)).toBe(0);
    const db = new Database(join(dataDir, 'cchub.sqlite'), { readonly: true });
    const journal = readFileSync(join(dataDir, JOURNAL_FILE), 'utf8');
    const all = db.prepare('SELECT status, error_class FROM requests').all();
    expect({ journal, all }).toEqual({ journal: '', all: [{ status: 200, error_class: null }] });
    db.close();
  });

  it('a hub killed with SIGKILL right after a burst of answered requests keeps every one of their rows', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cchub-kill-'));
    const hub = await spawnHub({ CCHUB_DATA_DIR: dataDir, ADMIN_TOKEN: ADMIN });
    const key = await setUp(hub.url);
    const client = new Anthropic({ apiKey: key, baseURL: hub.url, maxRetries: 0 });
    const ids = await Promise.all(Array.from({ length: 40 }, (_, i) => answeredRequest(client, i)));
    // A second hub on the same data directory is refused before it touches anything (the journal has one owner).
    const second = spawnHub({ CCHUB_DATA_DIR: dataDir, ADMIN_TOKEN: ADMIN });
    await expect(second).rejects.toThrow(/exited with 1 before listening[\s\S]*in use by another cchub process/);
    hub.child.kill('SIGKILL');
    await waitForExit(hub.child);
    // Restart: the killed hub left no lock behind, and start-up replays the journal before the API answers.
    const again = await spawnHub({ CCHUB_DATA_DIR: dataDir, ADMIN_TOKEN: ADMIN });
    const seen = new Set<string>();
    let cursor: string | null = null;
    do {
      const page = await api(again.url, 'GET', `/api/v1/requests?limit=500${cursor ? `&cursor=${cursor}` : ''}`);
      for (const item of page.json.items as { id: string; status: number }[])
        if (item.status === 200) seen.add(item.id);
      cursor = page.json.nextCursor as string | null;
    } while (cursor);
    for (const id of ids) expect(seen.has(id)).toBe(true);
    const db = new Database(join(dataDir, 'cchub.sqlite'), { readonly: true });
    expect((db.prepare('SELECT count(*) AS n FROM usage_ledger').get() as { n: number }).n).toBeGreaterThanOrEqual(40);
    db.close();
    again.child.kill('SIGTERM');
    await waitForExit(again.child);
  });
});
