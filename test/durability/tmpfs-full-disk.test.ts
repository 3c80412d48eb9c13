// A spawned hub on a real tmpfs that fills up: it refuses new requests, resumes when space is freed, and killed while
// the disk is full it has lost no answered request. Skipped, with the reason, where this machine cannot mount one.
import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmdirSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Anthropic from '@anthropic-ai/sdk';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeUpstream, startFakeUpstream } from '../fake-upstream';
import { answeredRequest } from '../helpers/answered-request';
import { type SpawnedHub, spawnHub, waitForExit } from '../helpers/spawn-hub';

const ADMIN = 'tmpfs-admin-token-abcdef';

/** Mounts a small tmpfs, or says why this machine cannot (not Linux, not root, no CAP_SYS_ADMIN in a container). */
function tryMount(): { dir: string } | { reason: string } {
  if (process.platform !== 'linux') return { reason: 'tmpfs mounts need Linux' };
  const dir = mkdtempSync(join(tmpdir(), 'cchub-tmpfs-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=24m,mode=0700', 'tmpfs', dir], { stdio: 'pipe' });
    return { dir };
  } catch (err) {
    rmdirSync(dir);
    const stderr = String((err as { stderr?: Buffer }).stderr ?? err).trim();
    return { reason: `mounting a tmpfs is not permitted here (${stderr || 'mount failed'})` };
  }
}

const mount = tryMount();
const mountDir = 'dir' in mount ? mount.dir : '';
if ('reason' in mount) console.warn(`tmpfs full-disk test skipped: ${mount.reason}`);

let fake: FakeUpstream;
/** Hubs this file started: stopped before the unmount, which a process holding files there would make fail. */
const hubs: SpawnedHub[] = [];
const startHub = async () => {
  const hub = await spawnHub({ CCHUB_DATA_DIR: join(mountDir, 'data'), ADMIN_TOKEN: ADMIN });
  hubs.push(hub);
  return hub;
};
beforeAll(async () => {
  fake = await startFakeUpstream();
});
afterAll(async () => {
  for (const hub of hubs) {
    if (hub.child.exitCode === null && hub.child.signalCode === null) hub.child.kill('SIGKILL');
    await waitForExit(hub.child);
  }
  await fake?.close();
  if (mountDir) {
    execFileSync('umount', [mountDir]);
    rmdirSync(mountDir);
  }
});

async function api(url: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return (await res.json()) as Record<string, unknown>;
}

/** Fills the file system: writes until it refuses even a byte. */
function fill(path: string): void {
  const fd = openSync(path, 'w');
  try {
    for (const chunk of [1 << 20, 1 << 16, 1 << 12, 1 << 8, 1]) {
      const bytes = Buffer.alloc(chunk, 0x78);
      for (;;) {
        try {
          if (writeSync(fd, bytes) < chunk) break;
        } catch (err) {
          if ((err as { code?: string }).code !== 'ENOSPC') throw err;
          break;
        }
      }
    }
  } finally {
    closeSync(fd);
  }
}

/** `n` requests, every other one a stream; the ids of those whose client saw a success, and the failures' statuses. */
async function burst(client: Anthropic, n: number): Promise<{ ok: string[]; failed: (number | undefined)[] }> {
  const settled = await Promise.allSettled(Array.from({ length: n }, (_, i) => answeredRequest(client, i)));
  const ok: string[] = [];
  const failed: (number | undefined)[] = [];
  for (const r of settled) {
    if (r.status === 'fulfilled') ok.push(r.value);
    else failed.push((r.reason as { status?: number }).status);
  }
  return { ok, failed };
}

const readyz = async (hub: SpawnedHub) => {
  const res = await fetch(`${hub.url}/readyz`);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};
async function waitUntil(what: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await what())) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe.skipIf(!mountDir)('a hub on a real tmpfs that fills up', () => {
  it('refuses, resumes, and killed while full has lost no answered request', async () => {
    const dataDir = join(mountDir, 'data');
    const filler = join(mountDir, 'filler');
    let hub = await startHub();
    await api(hub.url, 'POST', '/api/v1/providers', {
      name: 'fake',
      type: 'anthropic',
      baseUrl: fake.url,
      apiKey: 'sk-ant-x-provider-key',
    });
    const user = await api(hub.url, 'POST', '/api/v1/users', { name: 'alice' });
    const { key } = await api(hub.url, 'POST', `/api/v1/users/${user.id}/keys`, { name: 'laptop' });
    const client = new Anthropic({ apiKey: key as string, baseURL: hub.url, maxRetries: 0 });
    const answered: string[] = [];

    const before = await burst(client, 20);
    expect(before.failed).toEqual([]);
    answered.push(...before.ok);

    // Full: the journal's next write is refused; the hub stops taking requests and says so.
    fill(filler);
    const full = await burst(client, 40);
    answered.push(...full.ok);
    expect(full.failed.length).toBeGreaterThan(0);
    expect(full.failed.every((s) => s === 503 || s === undefined)).toBe(true); // 503s, or a stream's error event
    expect(await readyz(hub)).toMatchObject({ status: 503, body: { journal: 'unwritable', journalError: 'ENOSPC' } });
    expect((await burst(client, 4)).failed).toEqual([503, 503, 503, 503]);
    expect(hub.stderr()).toMatch(/request journal write failed \(Error: ENOSPC/);

    // Space freed: the hub resumes by itself.
    rmSync(filler);
    await waitUntil(async () => (await readyz(hub)).status === 200);
    const resumed = await burst(client, 10);
    expect(resumed.failed).toEqual([]);
    answered.push(...resumed.ok);

    // Full again while traffic runs, and killed in that state: answers whose rows are still in the journal then.
    let running = true;
    const workers = Array.from({ length: 8 }, async () => {
      while (running) answered.push(...(await burst(client, 2)).ok);
    });
    await new Promise((r) => setTimeout(r, 300));
    fill(filler);
    await waitUntil(async () => (await readyz(hub)).status === 503);
    hub.child.kill('SIGKILL');
    await waitForExit(hub.child);
    running = false;
    await Promise.all(workers);

    rmSync(filler);
    hub = await startHub();
    // Start-up names the full disk; any torn line it found is put down to the failed write, not a power loss.
    await waitUntil(async () => /could not be written \(ENOSPC since/.test(hub.stderr()), 2000);
    expect(hub.stderr()).not.toMatch(/\(torn by a power loss\)/);
    hub.child.kill('SIGTERM');
    await waitForExit(hub.child);

    const db = new Database(join(dataDir, 'cchub.sqlite'), { readonly: true });
    const rows = new Map(
      (db.prepare('SELECT id, status, error_class FROM requests').all() as { id: string }[]).map((r) => [r.id, r]),
    );
    db.close();
    expect(answered.length).toBeGreaterThan(30); // some answered while the traffic ran into the full disk
    for (const id of answered) expect(rows.get(id)).toEqual({ id, status: 200, error_class: null });
  });
});
