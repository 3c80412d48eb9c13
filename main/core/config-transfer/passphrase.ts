// Secrets in a configuration export: sealed with AES-256-GCM under a key scrypt derives from the operator's passphrase.
import { createCipheriv, createDecipheriv, randomBytes, scrypt } from 'node:crypto';
import type { SealedSecrets } from '../../../shared/config-document';

/** scrypt cost: 2^15 × 8 × 128 B = 32 MiB and about 0.1 s per derivation, once per export or import. */
const COST = { N: 32_768, r: 8, p: 1 } as const;
const CHECK_TEXT = 'cchub-config-export';
export const MIN_PASSPHRASE_LENGTH = 8;

export class PassphraseError extends Error {
  override name = 'PassphraseError';
}

function derive(passphrase: string, salt: Buffer, cost: { N: number; r: number; p: number }): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // maxmem above 128·N·r (Node's default cap is exactly 32 MiB, which this cost would hit).
    scrypt(passphrase, salt, 32, { ...cost, maxmem: 256 * cost.N * cost.r }, (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });
}

function sealWith(key: Buffer, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

function openWith(key: Buffer, sealed: string): string {
  const raw = Buffer.from(sealed, 'base64');
  if (raw.length < 28) throw new PassphraseError('a sealed secret is truncated');
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  try {
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  } catch {
    throw new PassphraseError('the passphrase does not open this export (or the export was altered)');
  }
}

export interface Sealer {
  header: SealedSecrets;
  seal(plain: string): string;
}

/** A fresh salt and key for one export. */
export async function newSealer(passphrase: string): Promise<Sealer> {
  if (passphrase.length < MIN_PASSPHRASE_LENGTH) {
    throw new PassphraseError(`the passphrase needs at least ${MIN_PASSPHRASE_LENGTH} characters`);
  }
  const salt = randomBytes(16);
  const key = await derive(passphrase, salt, COST);
  return {
    header: { kdf: 'scrypt', ...COST, salt: salt.toString('base64'), check: sealWith(key, CHECK_TEXT) },
    seal: (plain) => sealWith(key, plain),
  };
}

/** Opens an export's sealed values; throws PassphraseError at once when the passphrase is not the export's. */
export async function opener(passphrase: string, header: SealedSecrets): Promise<(sealed: string) => string> {
  const key = await derive(passphrase, Buffer.from(header.salt, 'base64'), header);
  if (openWith(key, header.check) !== CHECK_TEXT) throw new PassphraseError('the export check does not match');
  return (sealed) => openWith(key, sealed);
}
