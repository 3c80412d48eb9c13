import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveAdminToken } from '../../main/core/admin-token';
import { envKeySource, fileKeySource, KEY_FILE } from '../../main/core/secrets/file-key-source';
import { maskSecret, SecretStore, SecretStoreError } from '../../main/core/secrets/secret-store';

const tmp = () => mkdtempSync(join(tmpdir(), 'cchub-secrets-'));

describe('SecretStore', () => {
  it('round-trips, never stores plaintext, and uses a fresh IV each time', () => {
    const store = new SecretStore({ description: 't', load: () => Buffer.alloc(32, 1) });
    const a = store.encrypt('sk-ant-secret-value');
    const b = store.encrypt('sk-ant-secret-value');
    expect(a).not.toBe(b);
    expect(a).not.toContain('secret');
    expect(store.decrypt(a)).toBe('sk-ant-secret-value');
  });
  it('a different key cannot decrypt, and says so without the secret', () => {
    const a = new SecretStore({ description: 't', load: () => Buffer.alloc(32, 1) }).encrypt('sk-x');
    const other = new SecretStore({ description: 't', load: () => Buffer.alloc(32, 2) });
    expect(() => other.decrypt(a)).toThrow(/data key does not match/);
  });
  it('tampered ciphertext is rejected', () => {
    const store = new SecretStore({ description: 't', load: () => Buffer.alloc(32, 1) });
    const c = store.encrypt('sk-x');
    const raw = Buffer.from(c.slice(3), 'base64');
    raw[raw.length - 1] = (raw[raw.length - 1] as number) ^ 1;
    expect(() => store.decrypt(`v1:${raw.toString('base64')}`)).toThrow(SecretStoreError);
  });
  it('masks secrets', () => {
    expect(maskSecret('sk-abcdefghijklmnopwxyz')).toBe('sk-ab…wxyz');
    expect(maskSecret('short')).toBe('sh…');
  });
});

describe('data key sources', () => {
  it('generates a 0600 key file once and reuses it', () => {
    const dir = tmp();
    const k1 = fileKeySource(dir).load();
    const k2 = fileKeySource(dir).load();
    expect(k1.equals(k2)).toBe(true);
    expect(statSync(join(dir, KEY_FILE)).mode & 0o777).toBe(0o600);
  });
  it('refuses to invent a key when secrets exist without one', () => {
    expect(() => fileKeySource(tmp(), { create: false }).load()).toThrow(/cchub --export-key/);
  });
  it('accepts hex and base64 env keys and rejects other lengths', () => {
    expect(envKeySource('ab'.repeat(32)).load()).toEqual(Buffer.alloc(32, 0xab));
    expect(envKeySource(Buffer.alloc(32, 3).toString('base64')).load()).toEqual(Buffer.alloc(32, 3));
    expect(() => envKeySource('tooshort').load()).toThrow(/32 bytes/);
  });
});

describe('admin token', () => {
  it('from the environment it is never written', () => {
    const dir = tmp();
    expect(resolveAdminToken(dir, 'x'.repeat(20))).toEqual({ token: 'x'.repeat(20), generated: false, source: 'env' });
    expect(() => readFileSync(join(dir, 'admin-token'))).toThrow();
  });
  it('generated once with mode 0600, then loaded', () => {
    const dir = tmp();
    const first = resolveAdminToken(dir, undefined);
    expect(first.generated).toBe(true);
    expect(statSync(join(dir, 'admin-token')).mode & 0o777).toBe(0o600);
    const second = resolveAdminToken(dir, undefined);
    expect(second).toEqual({ token: first.token, generated: false, source: 'file' });
    writeFileSync(join(dir, 'admin-token'), 'edited-token-value-123\n');
    expect(resolveAdminToken(dir, undefined).token).toBe('edited-token-value-123');
  });
});
