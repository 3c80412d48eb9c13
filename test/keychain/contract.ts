// The data-key contract every keychain must keep (an in-memory one always; the real Secret Service in the keychain step).
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { envKeySource, fileKeySource, KEY_FILE } from '../../main/core/secrets/file-key-source';
import {
  deleteKeychainDataKey,
  exportKeychainDataKey,
  KeychainError,
  type Keyring,
  keychainKeySource,
} from '../../main/core/secrets/keychain-key-source';
import { SecretStore } from '../../main/core/secrets/secret-store';

export function keychainContract(name: string, makeKeyring: () => Keyring): void {
  describe(`keychain data key contract: ${name}`, () => {
    let keyring: Keyring;
    let location: { service: string; account: string };
    let dataDir: string;
    const source = (hasSecrets: boolean, envKey?: string) =>
      keychainKeySource({ keyring, dataDir, hasSecrets, envKey, ...location });

    beforeEach(() => {
      keyring = makeKeyring();
      // A service of its own per test: never the real app's entry, never another test's.
      location = { service: `cchub-test-${randomUUID()}`, account: 'data-key' };
      dataDir = mkdtempSync(join(tmpdir(), 'cchub-keychain-'));
    });
    afterEach(() => {
      deleteKeychainDataKey(keyring, location);
      deleteKeychainDataKey(keyring, { ...location, account: `${location.account}.replaced` });
    });

    it('set, get, delete: a first start creates the key in the keychain and writes nothing to the data dir', () => {
      const key = source(false).load();
      expect(key).toHaveLength(32);
      expect(existsSync(join(dataDir, KEY_FILE))).toBe(false);
      expect(exportKeychainDataKey(keyring, location)).toBe(key.toString('base64'));
      expect(source(true).load().equals(key)).toBe(true);
      expect(deleteKeychainDataKey(keyring, location)).toBe(true);
      expect(deleteKeychainDataKey(keyring, location)).toBe(false);
      expect(() => exportKeychainDataKey(keyring, location)).toThrow(/holds no cchub data key/);
    });

    it('migrate: a key file moves into the keychain, the file is deleted, the secrets still decrypt', () => {
      const headlessKey = fileKeySource(dataDir).load();
      const ciphertext = new SecretStore(fileKeySource(dataDir)).encrypt('sk-ant-moved-with-its-key');
      expect(existsSync(join(dataDir, KEY_FILE))).toBe(true);

      const desktop = new SecretStore(source(true));
      expect(desktop.decrypt(ciphertext)).toBe('sk-ant-moved-with-its-key');
      expect(existsSync(join(dataDir, KEY_FILE))).toBe(false);
      expect(exportKeychainDataKey(keyring, location)).toBe(headlessKey.toString('base64'));
      // The next desktop start finds it in the keychain alone.
      expect(new SecretStore(source(true)).decrypt(ciphertext)).toBe('sk-ant-moved-with-its-key');
    });

    it('a key file next to the database wins over a different keychain key, which is kept under .replaced', () => {
      const oldKey = source(false).load();
      const ciphertext = new SecretStore(fileKeySource(dataDir)).encrypt('sk-from-headless');
      const fileKey = Buffer.from(readFileSync(join(dataDir, KEY_FILE), 'utf8').trim(), 'base64');
      expect(fileKey.equals(oldKey)).toBe(false);

      expect(new SecretStore(source(true)).decrypt(ciphertext)).toBe('sk-from-headless');
      expect(exportKeychainDataKey(keyring, location)).toBe(fileKey.toString('base64'));
      expect(exportKeychainDataKey(keyring, { ...location, account: 'data-key.replaced' })).toBe(
        oldKey.toString('base64'),
      );
    });

    it('export-key output is a working CCHUB_SECRET_KEY for a headless hub', () => {
      const ciphertext = new SecretStore(source(false)).encrypt('sk-desktop-secret');
      const exported = exportKeychainDataKey(keyring, location);
      expect(new SecretStore(envKeySource(exported)).decrypt(ciphertext)).toBe('sk-desktop-secret');
    });

    it('CCHUB_SECRET_KEY set on the desktop is imported into the keychain', () => {
      const envKey = Buffer.alloc(32, 7).toString('base64');
      expect(source(true, envKey).load()).toEqual(Buffer.alloc(32, 7));
      expect(exportKeychainDataKey(keyring, location)).toBe(envKey);
    });

    it('secrets but no key anywhere: a clear error naming the key file, and no new key invented', () => {
      expect(() => source(true).load()).toThrow(KeychainError);
      expect(() => source(true).load()).toThrow(/holds no data key for them.*secret\.key/);
      expect(() => exportKeychainDataKey(keyring, location)).toThrow(/holds no cchub data key/);
    });

    it('a malformed key file is refused and left in place', () => {
      writeFileSync(join(dataDir, KEY_FILE), 'not-a-key\n');
      expect(() => source(true).load()).toThrow(/32 bytes/);
      expect(existsSync(join(dataDir, KEY_FILE))).toBe(true);
    });
  });
}
