// The real OS keychain (Linux Secret Service: gnome-keyring under dbus-run-session). Run by `npm test`'s keychain
// step, which sets CCHUB_KEYCHAIN_TESTS=1; the default vitest run leaves this file out (vitest.config.ts).
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  deleteKeychainDataKey,
  KEYCHAIN_ACCOUNT,
  KEYCHAIN_SERVICE,
  KeychainError,
  type Keyring,
  keychainKeySource,
} from '../../main/core/secrets/keychain-key-source';
import { loadOsKeyring } from '../../main/core/secrets/os-keyring';
import { assertBuilt, REPO_ROOT, SERVER_JS } from '../helpers/spawn-hub';
import { keychainContract } from './contract';

let keyring: Keyring;

beforeAll(async () => {
  if (!process.env.DBUS_SESSION_BUS_ADDRESS) {
    throw new Error('no D-Bus session: run these tests through `npm test` (dbus-run-session + gnome-keyring)');
  }
  keyring = await loadOsKeyring();
});

// The contract against the real keychain: `keyring` is resolved by the time each test calls the factory.
keychainContract('OS keychain (Secret Service)', () => keyring);

describe('the real keychain, end to end', () => {
  it('`node out/main/server.js --export-key` prints what the desktop stored', () => {
    assertBuilt();
    // This one uses the app's real entry: refuse to touch one that exists (a developer's own desktop key).
    const before = spawnSync(process.execPath, [SERVER_JS, '--export-key'], { encoding: 'utf8' });
    expect(before.status, `an existing ${KEYCHAIN_SERVICE} key is in this keychain: not touching it`).toBe(1);
    expect(before.stderr).toMatch(/holds no cchub data key/);
    const key = keychainKeySource({ keyring, dataDir: join(REPO_ROOT, 'no-such-dir'), hasSecrets: false }).load();
    try {
      const r = spawnSync(process.execPath, [SERVER_JS, '--export-key'], { encoding: 'utf8' });
      expect(r.status).toBe(0);
      expect(r.stdout).toBe(`${key.toString('base64')}\n`);
    } finally {
      deleteKeychainDataKey(keyring, { service: KEYCHAIN_SERVICE, account: KEYCHAIN_ACCOUNT });
    }
  });

  it('no D-Bus session: a clear KeychainError from a child process, no fallback', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', join(__dirname, 'fixtures', 'load-key.ts')], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/cchub-test-bus' },
    });
    expect(r.stdout).toBe('');
    expect(r.status).toBe(3);
    expect(r.stderr).toMatch(/KeychainError: the OS keychain is not available or is locked \(opening the entry/);
  });

  describe('a locked keychain', () => {
    const service = `cchub-test-${randomUUID()}`;
    afterAll(() => {
      // Best effort: the collection stays locked for the rest of this D-Bus session (this file runs it last).
      try {
        deleteKeychainDataKey(keyring, { service });
      } catch {}
    });
    it('is an error naming the lock, not a new key', () => {
      keychainKeySource({ keyring, dataDir: join(REPO_ROOT, 'no-such-dir'), hasSecrets: false, service }).load();
      const lock = spawnSync(
        'dbus-send',
        [
          '--session',
          '--print-reply',
          '--dest=org.freedesktop.secrets',
          '/org/freedesktop/secrets',
          'org.freedesktop.Secret.Service.Lock',
          'array:objpath:/org/freedesktop/secrets/collection/login',
        ],
        { encoding: 'utf8' },
      );
      expect(lock.status, lock.stderr).toBe(0);
      const load = () => keychainKeySource({ keyring, dataDir: '/nonexistent', hasSecrets: true, service }).load();
      expect(load).toThrow(KeychainError);
      expect(load).toThrow(/not available or is locked \(reading the data key/);
    });
  });
});
