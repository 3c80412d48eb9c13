// Provider secrets at rest: AES-256-GCM ciphertexts under one data key; only where the key lives differs by mode.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** Supplies the 32-byte data key: env/key file in headless mode, the OS keychain on desktop. */
export interface DataKeySource {
  /** Human-readable origin for messages, never the key itself. */
  readonly description: string;
  load(): Buffer;
}

export class SecretStoreError extends Error {
  override name = 'SecretStoreError';
}

const VERSION = 'v1';

export class SecretStore {
  private readonly key: Buffer;

  constructor(source: DataKeySource) {
    const key = source.load();
    if (key.length !== 32) throw new SecretStoreError(`data key from ${source.description} is not 32 bytes`);
    this.key = key;
  }

  encrypt(plaintext: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return `${VERSION}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
  }

  decrypt(ciphertext: string): string {
    if (!ciphertext.startsWith(`${VERSION}:`)) throw new SecretStoreError('unknown secret format');
    const raw = Buffer.from(ciphertext.slice(VERSION.length + 1), 'base64');
    if (raw.length < 28) throw new SecretStoreError('secret ciphertext is truncated');
    const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    try {
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    } catch {
      throw new SecretStoreError(
        'cannot decrypt a provider secret: the data key does not match the one it was stored with',
      );
    }
  }
}

/** The masked form of a secret the API and console show: first 5 and last 4 characters. */
export function maskSecret(secret: string): string {
  if (secret.length <= 12) return `${secret.slice(0, 2)}…`;
  return `${secret.slice(0, 5)}…${secret.slice(-4)}`;
}
