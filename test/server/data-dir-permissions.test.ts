// The data directory is the user's alone: 0700, and every file the hub keeps there 0600, also when an older hub made them.
import { chmodSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../main/core/config';
import { openDatabase } from '../../main/core/db/connection';
import { startHub } from '../../main/core/hub';

const mode = (path: string) => statSync(path).mode & 0o777;

/** Every entry in the directory with its mode, as octal text. */
const modes = (dir: string) =>
  Object.fromEntries(readdirSync(dir).map((name) => [name, mode(join(dir, name)).toString(8)]));

/** The hub's own files, all of them the user's alone. */
const HUB_FILES = {
  'admin-token': '600',
  'cchub.lock': '600',
  'cchub.sqlite': '600',
  'cchub.sqlite-shm': '600',
  'cchub.sqlite-wal': '600',
  'request-journal.failed': '600',
  'request-journal.ndjson': '600',
  'secret.key': '600',
};

/** Runs a hub on the directory; returns the modes there while it runs (with its WAL and shared-memory files). */
async function runHub(dataDir: string): Promise<Record<string, string>> {
  const hub = await startHub(loadConfig({ CCHUB_PORT: '0', CCHUB_DATA_DIR: dataDir, CCHUB_LOG_LEVEL: 'silent' }, []));
  // A provider makes the hub generate its data key file.
  const res = await fetch(`${hub.url}/api/v1/providers`, {
    method: 'POST',
    headers: { authorization: `Bearer ${hub.adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'p', type: 'anthropic', baseUrl: 'http://127.0.0.1:9', apiKey: 'sk-ant-x' }),
  });
  expect(res.status).toBe(201);
  const running = modes(dataDir);
  await hub.stop();
  return running;
}

describe.skipIf(process.platform === 'win32')('data directory permissions', () => {
  it('a new data directory is 0700 and every file the hub creates in it 0600', async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'cchub-perm-')), 'data');
    expect(await runHub(dataDir)).toEqual(HUB_FILES);
    expect(mode(dataDir)).toBe(0o700);
  });

  it('an existing world-readable data directory is made private at start; files that are not the hub’s stay as they are', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cchub-perm-old-'));
    openDatabase(dataDir).close(); // as an older hub left it
    writeFileSync(join(dataDir, 'admin-token'), 'cchub-admin-old-token\n');
    writeFileSync(join(dataDir, 'notes.txt'), 'the user’s own file\n');
    chmodSync(dataDir, 0o755);
    for (const name of readdirSync(dataDir)) chmodSync(join(dataDir, name), 0o644);
    expect(await runHub(dataDir)).toEqual({ ...HUB_FILES, 'notes.txt': '644' });
    expect(mode(dataDir)).toBe(0o700);
  });
});
