// Backup and restore as an operator does it: while the headless hub serves SDK requests, a backup through the API and
// one with `cchub backup FILE` on its data directory; each, put in a fresh data directory with the same data key,
// starts a hub that holds every request answered before the backup was asked for and serves the same keys.
import { execFile } from 'node:child_process';
import { copyFileSync, cpSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Anthropic from '@anthropic-ai/sdk';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeUpstream, startFakeUpstream } from '../fake-upstream';
import { answeredRequest } from '../helpers/answered-request';
import { SERVER_JS, type SpawnedHub, spawnHub, waitForExit } from '../helpers/spawn-hub';

const ADMIN = 'backup-admin-token-abcdef';
const run = promisify(execFile);

let fake: FakeUpstream;
const hubs: SpawnedHub[] = [];
beforeAll(async () => {
  fake = await startFakeUpstream();
  // Streams take a while, so requests are in flight whenever the backups are taken.
  fake.setDefault({ kind: 'ok', text: 'one two three four', deltaDelayMs: 15 });
});
afterAll(async () => {
  for (const h of hubs) {
    h.child.kill('SIGTERM');
    await waitForExit(h.child);
  }
  await fake.close();
});

async function api(url: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

async function start(dataDir: string): Promise<SpawnedHub> {
  const hub = await spawnHub({ CCHUB_DATA_DIR: dataDir, ADMIN_TOKEN: ADMIN });
  hubs.push(hub);
  return hub;
}

/** Every request id the hub's log holds. */
async function loggedIds(url: string): Promise<Set<string>> {
  const seen = new Set<string>();
  let cursor: string | null = null;
  do {
    const page = await api(url, 'GET', `/api/v1/requests?limit=500${cursor ? `&cursor=${cursor}` : ''}`);
    for (const item of page.json.items as { id: string }[]) seen.add(item.id);
    cursor = page.json.nextCursor as string | null;
  } while (cursor);
  return seen;
}

/** A data directory restored from a backup file: the database and the data key its provider secrets need. */
function restore(backupFile: string, fromDataDir: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'cchub-restored-'));
  copyFileSync(backupFile, join(dir, 'cchub.sqlite'));
  copyFileSync(join(fromDataDir, 'secret.key'), join(dir, 'secret.key'));
  return dir;
}

describe('backup under load, then restore', () => {
  it('holds every request answered before the backup, through the API and the CLI', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cchub-live-'));
    const hub = await start(dataDir);
    const p = await api(hub.url, 'POST', '/api/v1/providers', {
      name: 'fake',
      type: 'anthropic',
      baseUrl: fake.url,
      apiKey: 'sk-ant-x-provider-key',
    });
    expect(p.status).toBe(201);
    const u = await api(hub.url, 'POST', '/api/v1/users', { name: 'alice' });
    const key = (await api(hub.url, 'POST', `/api/v1/users/${u.json.id}/keys`, { name: 'laptop' })).json.key as string;
    const client = new Anthropic({ apiKey: key, baseURL: hub.url, maxRetries: 0 });

    const answered: string[] = [];
    let inFlight = 0;
    let stop = false;
    let n = 0;
    const worker = async () => {
      while (!stop) {
        inFlight++;
        answered.push(await answeredRequest(client, n++));
        inFlight--;
      }
    };
    const workers = Array.from({ length: 6 }, worker);
    while (answered.length < 30) await new Promise((r) => setTimeout(r, 20));

    const beforeApi = [...answered];
    const inFlightAtApi = inFlight;
    const res = await fetch(`${hub.url}/api/v1/backup`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN}` },
    });
    expect(res.status).toBe(200);
    const apiFile = join(mkdtempSync(join(tmpdir(), 'cchub-bk-')), 'api.sqlite');
    writeFileSync(apiFile, Buffer.from(await res.arrayBuffer()));

    const beforeCli = [...answered];
    const inFlightAtCli = inFlight;
    const cliFile = join(mkdtempSync(join(tmpdir(), 'cchub-bk-')), 'cli.sqlite');
    const cli = await run(process.execPath, [SERVER_JS, 'backup', cliFile, '--data-dir', dataDir]);
    expect(cli.stdout).toMatch(/backup of .* written to .*cli\.sqlite/);
    expect(statSync(cliFile).mode & 0o777).toBe(0o600);

    stop = true;
    await Promise.all(workers);
    expect(inFlightAtApi + inFlightAtCli).toBeGreaterThan(0);

    for (const [file, before] of [
      [apiFile, beforeApi],
      [cliFile, beforeCli],
    ] as const) {
      const restored = await start(restore(file, dataDir));
      const ids = await loggedIds(restored.url);
      const missing = before.filter((id) => !ids.has(id));
      expect(missing).toEqual([]);
      // The restored hub serves the same key through the same provider (its secret opens with the copied data key).
      const again = new Anthropic({ apiKey: key, baseURL: restored.url, maxRetries: 0 });
      expect(
        (
          await again.messages.create({
            model: 'claude-sonnet-4-6',
            max_tokens: 8,
            messages: [{ role: 'user', content: 'x' }],
          })
        ).type,
      ).toBe('message');
    }
  });

  it('the CLI copies a stopped hub that was killed with requests still in its journal, and leaves it as it was', async () => {
    // The released hub's data directory (test/fixtures/main-data-dir): two rows folded, three only in the journal.
    const dataDir = mkdtempSync(join(tmpdir(), 'cchub-killed-'));
    cpSync(join(__dirname, '..', 'fixtures', 'main-data-dir'), dataDir, { recursive: true });
    const journal = readFileSync(join(dataDir, 'request-journal.ndjson'), 'utf8');
    const file = join(mkdtempSync(join(tmpdir(), 'cchub-bk-')), 'killed.sqlite');
    const cli = await run(process.execPath, [SERVER_JS, 'backup', file, '--data-dir', dataDir]);
    expect(cli.stdout).toMatch(/3 request\(s\) from the journal/);
    const copy = new Database(file, { readonly: true });
    const ids = (copy.prepare('SELECT id FROM requests ORDER BY id').all() as { id: string }[]).map((r) => r.id);
    copy.close();
    expect(ids).toEqual([
      'req_0mxdzyhzpzkQw00005',
      'req_0mxdzyi2izkQw00006',
      'req_0mxdzyiedzkQw00007',
      'req_0mxdzyieizkQw00008',
      'req_0mxdzyiemzkQw00009',
    ]);
    // The journal is the next hub start's to replay: the backup does not consume it.
    expect(readFileSync(join(dataDir, 'request-journal.ndjson'), 'utf8')).toBe(journal);
  });

  it('the CLI explains what it needs', async () => {
    const noFile = await run(process.execPath, [SERVER_JS, 'backup']).catch((e: { code: number; stderr: string }) => e);
    expect(noFile).toMatchObject({ code: 2, stderr: expect.stringMatching(/name the backup FILE/) });
    const empty = mkdtempSync(join(tmpdir(), 'cchub-empty-'));
    const noDb = await run(process.execPath, [SERVER_JS, 'backup', join(empty, 'x.sqlite'), '--data-dir', empty]).catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect(noDb).toMatchObject({ code: 1, stderr: expect.stringMatching(/no cchub database/) });
  });
});
