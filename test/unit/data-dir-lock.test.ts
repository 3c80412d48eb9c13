import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../main/core/config';
import { LOCK_FILE, lockDataDir } from '../../main/core/db/data-dir-lock';
import { startHub } from '../../main/core/hub';

describe('one hub per data directory', () => {
  it('refuses a second holder until the first releases', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cchub-lock-'));
    const first = lockDataDir(dir);
    expect(readdirSync(dir)).toEqual([LOCK_FILE]); // no rollback journal beside it while held
    expect(() => lockDataDir(dir)).toThrow(`the data directory ${dir} is in use by another cchub process`);
    first.release();
    first.release(); // idempotent
    lockDataDir(dir).release();
  });

  it('a hub holds its directory from start to stop, and a failed start lets go of it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cchub-lock-'));
    const config = loadConfig({
      CCHUB_DATA_DIR: dir,
      CCHUB_PORT: '0',
      CCHUB_HOST: '127.0.0.1',
      ADMIN_TOKEN: 'x'.repeat(32),
    });
    const hub = await startHub(config);
    await expect(startHub(config)).rejects.toThrow(/in use by another cchub process/);
    // A start that fails after taking the lock (here: the port is taken) releases it.
    const other = mkdtempSync(join(tmpdir(), 'cchub-lock-'));
    await expect(startHub({ ...config, dataDir: other, port: hub.port })).rejects.toThrow(/EADDRINUSE/);
    lockDataDir(other).release();
    await hub.stop();
    const again = await startHub(config);
    await again.stop();
  });
});
