// A data directory the released hub wrote, killed with unfolded journal lines, opens and replays in today's hub.
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { JOURNAL_FILE } from '../../main/core/store/journal-file';
import { spawnHub, waitForExit } from '../helpers/spawn-hub';

const FIXTURE = join(__dirname, '..', 'fixtures', 'main-data-dir');
const ADMIN = 'fixture-admin-token-0123456789';
/** The data key the fixture's provider secrets were encrypted with (a test value, see the fixture's README). */
const SECRET_KEY = 'f1'.repeat(32);

const folded = ['req_0mxdzyhzpzkQw00005', 'req_0mxdzyi2izkQw00006'];
const journaled = ['req_0mxdzyiedzkQw00007', 'req_0mxdzyieizkQw00008', 'req_0mxdzyiemzkQw00009'];

async function api(url: string, path: string) {
  const res = await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${ADMIN}` } });
  expect(res.status).toBe(200);
  return (await res.json()) as Record<string, unknown>;
}

describe('a data directory the released hub wrote', () => {
  it('opens, replays the journal it left, and reads back its users, keys, providers and requests', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cchub-main-dir-'));
    cpSync(FIXTURE, dataDir, { recursive: true });
    const lines = readFileSync(join(dataDir, JOURNAL_FILE), 'utf8').split('\n').filter(Boolean);
    expect(lines.map((l) => JSON.parse(l.slice(0, l.indexOf('\t')))[0])).toEqual(journaled);

    const hub = await spawnHub({ CCHUB_DATA_DIR: dataDir, ADMIN_TOKEN: ADMIN, CCHUB_SECRET_KEY: SECRET_KEY });
    try {
      const requests = (await api(hub.url, '/api/v1/requests?limit=50')).items as {
        id: string;
        status: number;
        provider: { name: string } | null;
        decisionChain: { kind: string }[];
      }[];
      expect(requests.map((r) => r.id).sort()).toEqual([...folded, ...journaled].sort());
      for (const r of requests) {
        expect(r.status).toBe(200);
        expect(r.decisionChain.at(-1)?.kind).toBe('result');
      }
      const detail = await api(hub.url, `/api/v1/requests/${journaled[1]}`);
      expect(detail).toMatchObject({
        id: journaled[1],
        stream: true,
        userName: 'alice',
        providerName: 'fake-anthropic',
      });

      const providers = (await api(hub.url, '/api/v1/providers')).items as { name: string; type: string }[];
      expect(providers.map((p) => [p.name, p.type]).sort()).toEqual([
        ['fake-anthropic', 'anthropic'],
        ['fake-openai', 'openai-chat'],
      ]);
      const users = (await api(hub.url, '/api/v1/users')).items as { id: string; name: string }[];
      expect(users.map((u) => u.name)).toContain('alice');
      const alice = users.find((u) => u.name === 'alice') as { id: string };
      const keys = (await api(hub.url, `/api/v1/keys?userId=${alice.id}`)).items as { name: string }[];
      expect(keys.map((k) => k.name)).toEqual(['laptop']);
    } finally {
      hub.child.kill('SIGTERM');
      await waitForExit(hub.child);
    }
    expect(readFileSync(join(dataDir, JOURNAL_FILE), 'utf8')).toBe('');
    const db = new Database(join(dataDir, 'cchub.sqlite'), { readonly: true });
    const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    expect(count('SELECT count(*) AS n FROM requests')).toBe(5);
    expect(count('SELECT count(*) AS n FROM usage_ledger')).toBe(5);
    expect(count('SELECT sum(requests) AS n FROM usage_hourly')).toBe(5);
    expect(count("SELECT count(*) AS n FROM sqlite_master WHERE name = 'request_journal'")).toBe(0);
    db.close();
  });
});
