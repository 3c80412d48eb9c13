// Headless data key: CCHUB_SECRET_KEY from the environment, else a generated key file (mode 0600) in the data dir.
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KEY_FILE } from '../db/data-dir-files';
import { type DataKeySource, SecretStoreError } from './secret-store';

export { KEY_FILE };

/** Decodes a 32-byte key given as 64 hex characters or base64. */
export function decodeDataKey(text: string, origin: string): Buffer {
  const trimmed = text.trim();
  const key = /^[0-9a-f]{64}$/i.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64');
  if (key.length !== 32) {
    throw new SecretStoreError(`${origin} must be 32 bytes as 64 hex characters or base64`);
  }
  return key;
}

export function envKeySource(value: string): DataKeySource {
  return { description: 'CCHUB_SECRET_KEY', load: () => decodeDataKey(value, 'CCHUB_SECRET_KEY') };
}

export interface FileKeySourceOptions {
  /** When false, a missing key file is an error instead of being generated (existing secrets would be lost). */
  create: boolean;
}

export function fileKeySource(dataDir: string, opts: FileKeySourceOptions = { create: true }): DataKeySource {
  const path = join(dataDir, KEY_FILE);
  return {
    description: `key file ${path}`,
    load: () => {
      if (existsSync(path)) return decodeDataKey(readFileSync(path, 'utf8'), `key file ${path}`);
      if (!opts.create) {
        throw new SecretStoreError(
          `provider secrets exist in ${dataDir} but their data key is missing: set CCHUB_SECRET_KEY, or run ` +
            '`cchub --export-key` on the desktop app that created them and put the key in the environment',
        );
      }
      mkdirSync(dataDir, { recursive: true });
      const key = randomBytes(32);
      writeFileSync(path, `${key.toString('base64')}\n`, { mode: 0o600 });
      chmodSync(path, 0o600);
      return key;
    },
  };
}
