import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryKeyring } from '../../../test/helpers/memory-keyring';
import { keychainContract } from '../../../test/keychain/contract';
import { runExportKey } from './export-key';
import { fileKeySource, KEY_FILE } from './file-key-source';
import { KeychainError, type Keyring, keychainKeySource } from './keychain-key-source';

keychainContract('in-memory keyring', () => memoryKeyring().keyring);

const tmp = () => mkdtempSync(join(tmpdir(), 'cchub-keychain-unit-'));

describe('keychain failures are errors, never a plaintext fallback', () => {
  it('a missing keychain: a clear error, and nothing written to the data dir', () => {
    const kr = memoryKeyring();
    kr.state = 'missing';
    const dataDir = tmp();
    const load = () => keychainKeySource({ keyring: kr.keyring, dataDir, hasSecrets: false }).load();
    expect(load).toThrow(KeychainError);
    expect(load).toThrow(/OS keychain is not available or is locked.*no session bus.*cchub --server/);
    expect(readdirSync(dataDir)).toEqual([]);
  });

  it('a locked keychain during a migration keeps the key file', () => {
    const kr = memoryKeyring();
    const dataDir = tmp();
    fileKeySource(dataDir).load();
    kr.state = 'locked';
    expect(() => keychainKeySource({ keyring: kr.keyring, dataDir, hasSecrets: true }).load()).toThrow(
      /unlock prompt was dismissed/,
    );
    expect(existsSync(join(dataDir, KEY_FILE))).toBe(true);
  });

  it('a keychain that does not keep what it was given: error, and the key file stays', () => {
    const forgetful: Keyring = () => ({ getPassword: () => null, setPassword: () => {}, deletePassword: () => false });
    const dataDir = tmp();
    fileKeySource(dataDir).load();
    expect(() => keychainKeySource({ keyring: forgetful, dataDir, hasSecrets: true }).load()).toThrow(
      /did not keep the data key/,
    );
    expect(existsSync(join(dataDir, KEY_FILE))).toBe(true);
  });

  it('a garbled keychain entry is refused rather than replaced', () => {
    const kr = memoryKeyring();
    kr.entries.set('cchub/data-key', 'garbage');
    expect(() => keychainKeySource({ keyring: kr.keyring, dataDir: tmp(), hasSecrets: false }).load()).toThrow(
      /data key in the OS keychain.*32 bytes/,
    );
    expect(kr.entries.get('cchub/data-key')).toBe('garbage');
  });
});

describe('cchub --export-key', () => {
  const run = async (keyring: Keyring) => {
    let out = '';
    let err = '';
    const code = await runExportKey({ keyring, stdout: (t) => (out += t), stderr: (t) => (err += t) });
    return { code, out, err };
  };

  it('prints the key alone on stdout, the advice on stderr', async () => {
    const kr = memoryKeyring();
    const key = keychainKeySource({ keyring: kr.keyring, dataDir: tmp(), hasSecrets: false }).load();
    const r = await run(kr.keyring);
    expect(r.code).toBe(0);
    expect(r.out).toBe(`${key.toString('base64')}\n`);
    expect(r.err).toMatch(/CCHUB_SECRET_KEY/);
  });

  it('exits 1 with the reason when there is no key or no keychain', async () => {
    const kr = memoryKeyring();
    expect(await run(kr.keyring)).toMatchObject({
      code: 1,
      out: '',
      err: expect.stringMatching(/holds no cchub data key/),
    });
    kr.state = 'missing';
    expect(await run(kr.keyring)).toMatchObject({ code: 1, out: '', err: expect.stringMatching(/not available/) });
  });
});
