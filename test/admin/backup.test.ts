// POST /api/v1/backup against a real hub: a self-contained SQLite file that holds the requests still in the journal,
// streamed as a download, audited, admin only, and nothing left behind in the data directory.
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Anthropic from '@anthropic-ai/sdk';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitUntil } from '../e2e/helpers/wait';
import { type FakeUpstream, startFakeUpstream } from '../fake-upstream';
import { answeredRequest } from '../helpers/answered-request';
import { startTestHub, TEST_ADMIN_TOKEN, type TestHub } from '../helpers/test-hub';

let fake: FakeUpstream;
let hub: TestHub;
let key = '';

beforeAll(async () => {
  fake = await startFakeUpstream();
  // The fold never runs on its own here: every answered request stays in the journal until the backup.
  hub = await startTestHub({ foldIntervalMs: 3_600_000 });
  await hub.addProvider(fake.url);
  key = (await hub.addUserWithKey()).key;
});
afterAll(async () => {
  await hub?.stop();
  await fake?.close();
});

const backup = (token = TEST_ADMIN_TOKEN) =>
  fetch(`${hub.url}/api/v1/backup`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });

describe('POST /api/v1/backup', () => {
  it('is a consistent database file holding the answered requests the journal has not folded yet', async () => {
    const client = new Anthropic({ apiKey: key, baseURL: hub.url, maxRetries: 0 });
    const ids = await Promise.all(Array.from({ length: 6 }, (_, i) => answeredRequest(client, i)));
    expect(hub.hub.context.database.sqlite.prepare('SELECT count(*) AS n FROM requests').get()).toEqual({ n: 0 });

    const res = await backup();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.sqlite3');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="cchub-backup-[\dT-]+Z\.sqlite"$/);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(Number(res.headers.get('content-length'))).toBe(bytes.length);
    const file = join(mkdtempSync(join(tmpdir(), 'cchub-backup-')), 'copy.sqlite');
    writeFileSync(file, bytes);

    const copy = new Database(file, { readonly: true });
    try {
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
      const rows = copy.prepare('SELECT id FROM requests').all() as { id: string }[];
      expect(rows.map((r) => r.id).sort()).toEqual([...ids].sort());
      expect(copy.prepare('SELECT sum(requests) AS n FROM usage_hourly').get()).toEqual({ n: 6 });
      expect(copy.prepare('SELECT count(*) AS n FROM keys WHERE last_used_at IS NOT NULL').get()).toEqual({ n: 1 });
    } finally {
      copy.close();
    }
    // The copy is deleted once the response has been written (the client may read its end a moment before).
    await waitUntil(
      async () => readdirSync(hub.dataDir).every((n) => !n.startsWith('.backup-')),
      'the backup copy to be removed',
    );
  });

  it('is audited, and refused to a non-admin key', async () => {
    expect((await backup(key)).status).toBe(403);
    const audit = await hub.api<{ items: { action: string; after: { bytes: number } }[] }>(
      'GET',
      '/api/v1/audit?action=backup.create',
    );
    expect(audit.json.items[0]?.after.bytes).toBeGreaterThan(0);
  });
});
