// The body store against a real SQLite file: compressed writes, and a failed write that does not stop later flushes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { logRecords, record } from '../../../test/api/records';
import { type Database_, openDatabase } from '../db/connection';
import { SecretRedactor } from '../secrets/redactor';
import type { StoredBodies } from '../store/records';
import { SqliteStore } from '../store/sqlite-store';
import { BodyStore, type CaptureLimits } from './body-store';
import { readableBodies } from './compression';

const T0 = Date.UTC(2026, 2, 1);
const limits: CaptureLimits = {
  maxBodyBytes: 1024 * 1024,
  budgetBytes: 64 * 1024 * 1024,
  retentionDays: 7,
  codec: 'br',
};
let dir: string;
let database: Database_;
let store: SqliteStore;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cchub-bodies-'));
  database = openDatabase(dir);
  store = new SqliteStore(database, { encrypt: (plain) => plain });
});
afterEach(() => {
  database.close();
  rmSync(dir, { recursive: true, force: true });
});

const entry = (requestId: string) => ({
  requestId,
  requestBody: Buffer.from(
    JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'hello '.repeat(5000) }] }),
  ),
  response: Buffer.from('{"content":[{"type":"text","text":"hi"}]}'),
  responseTruncated: false,
  keepMessageText: true,
});

describe('BodyStore', () => {
  it('keeps flushing after a failed write, and writes the entry the failure held back', async () => {
    let failures = 1;
    const table = {
      write: (id: string, b: StoredBodies) => {
        if (failures-- > 0) throw new Error('disk I/O error');
        return store.bodies.write(id, b);
      },
      totalBytes: () => store.bodies.totalBytes(),
      dropOldest: (n: number) => store.bodies.dropOldest(n),
      dropOlderThan: (at: number) => store.bodies.dropOlderThan(at),
    };
    const bodies = new BodyStore(table, new SecretRedactor([]), () => limits);
    logRecords(database.sqlite, [record({ id: 'req_a', createdAt: T0 })]);
    bodies.add(entry('req_a'), T0);
    await expect(bodies.flush(T0)).rejects.toThrow('disk I/O error');
    await bodies.flush(T0 + 100);
    const stored = store.bodies.read('req_a');
    expect(stored?.codec).toBe('br');
    expect(stored?.storedBytes).toBeLessThan(stored?.originalBytes ?? 0);
    expect(readableBodies(stored as StoredBodies).request).toContain('hello hello');
    expect(bodies.usedBytes()).toBe(stored?.storedBytes);
  });
});
