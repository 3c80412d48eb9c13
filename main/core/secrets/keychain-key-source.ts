// Desktop data key: one OS-keychain entry; imports a headless key file (then deletes it) or env key; never plaintext.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { decodeDataKey, KEY_FILE } from './file-key-source';
import { type DataKeySource, SecretStoreError } from './secret-store';

/** The few calls of an @napi-rs/keyring `Entry` this module uses (injected, so tests can supply their own). */
export interface KeyringEntry {
  getPassword(): string | null;
  setPassword(password: string): void;
  deletePassword(): boolean;
}

/** Opens the keychain entry for (service, account). */
export type Keyring = (service: string, account: string) => KeyringEntry;

export const KEYCHAIN_SERVICE = 'cchub';
export const KEYCHAIN_ACCOUNT = 'data-key';

/** The keychain is missing, locked, refused, or holds no key where one is needed. */
export class KeychainError extends SecretStoreError {
  override name = 'KeychainError';
}

export interface KeychainLocation {
  service?: string;
  account?: string;
}

export interface KeychainKeySourceOptions extends KeychainLocation {
  keyring: Keyring;
  /** The hub's data directory: a `secret.key` found there is moved into the keychain. */
  dataDir: string;
  /** Whether provider secrets already exist: then a missing key is an error, never a fresh key. */
  hasSecrets: boolean;
  /** CCHUB_SECRET_KEY, when set on the desktop: imported into the keychain like a key file. */
  envKey?: string | undefined;
  /** Told what happened to the key (imported, replaced); never the key itself. */
  log?: (message: string) => void;
}

function unavailable(action: string, cause: unknown): KeychainError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new KeychainError(
    `the OS keychain is not available or is locked (${action}: ${reason}). The desktop app keeps the data key of ` +
      'provider secrets only in the keychain: unlock it (on Linux: run a Secret Service such as gnome-keyring or ' +
      'KWallet) and start again, or run the hub headless (`cchub --server`) with a key file or CCHUB_SECRET_KEY',
  );
}

/** A keychain entry whose failures all become KeychainError with the reason. */
class KeyEntry {
  private readonly entry: KeyringEntry;

  constructor(
    keyring: Keyring,
    readonly service: string,
    readonly account: string,
  ) {
    try {
      this.entry = keyring(service, account);
    } catch (err) {
      throw unavailable('opening the entry', err);
    }
  }

  read(): Buffer | undefined {
    let text: string | null;
    try {
      text = this.entry.getPassword();
    } catch (err) {
      throw unavailable('reading the data key', err);
    }
    if (text === null) return undefined;
    return decodeDataKey(text, `the data key in the OS keychain (service ${this.service}, account ${this.account})`);
  }

  /** Writes the key and reads it back: a key is only relied on once the keychain demonstrably holds it. */
  write(key: Buffer): void {
    try {
      this.entry.setPassword(key.toString('base64'));
    } catch (err) {
      throw unavailable('storing the data key', err);
    }
    if (!this.read()?.equals(key)) {
      throw new KeychainError('the OS keychain did not keep the data key (read-back differs); nothing was changed');
    }
  }

  delete(): boolean {
    try {
      return this.entry.deletePassword();
    } catch (err) {
      throw unavailable('deleting the data key', err);
    }
  }
}

function locate(opts: KeychainLocation): { service: string; account: string } {
  return { service: opts.service ?? KEYCHAIN_SERVICE, account: opts.account ?? KEYCHAIN_ACCOUNT };
}

/**
 * The desktop's data key, in this order:
 * 1. a key to import — CCHUB_SECRET_KEY, else `secret.key` in the data dir (a data dir moved from a headless hub):
 *    stored in the keychain (a different key already there is kept under `<account>.replaced`), read back, and only
 *    then the key file is deleted;
 * 2. the key already in the keychain;
 * 3. no key anywhere: a fresh one when there are no secrets yet, else an error saying how to bring the key.
 * A missing or locked keychain is always an error: there is no plaintext fallback.
 */
export function keychainKeySource(opts: KeychainKeySourceOptions): DataKeySource {
  const { service, account } = locate(opts);
  const log = opts.log ?? (() => {});
  return {
    description: `the OS keychain (service ${service}, account ${account})`,
    load: () => {
      const entry = new KeyEntry(opts.keyring, service, account);
      const stored = entry.read();
      const keyFile = join(opts.dataDir, KEY_FILE);
      const incoming = opts.envKey
        ? { key: decodeDataKey(opts.envKey, 'CCHUB_SECRET_KEY'), origin: 'CCHUB_SECRET_KEY', file: undefined }
        : existsSync(keyFile)
          ? { key: decodeDataKey(readFileSync(keyFile, 'utf8'), `key file ${keyFile}`), origin: keyFile, file: keyFile }
          : undefined;
      if (incoming) {
        if (!stored?.equals(incoming.key)) {
          if (stored) {
            new KeyEntry(opts.keyring, service, `${account}.replaced`).write(stored);
            log(`the keychain's previous data key is kept under account ${account}.replaced`);
          }
          entry.write(incoming.key);
          log(`imported the data key from ${incoming.origin} into ${service}/${account} in the OS keychain`);
        }
        if (incoming.file) {
          rmSync(incoming.file, { force: true });
          log(`deleted ${incoming.file}: the data key now lives in the OS keychain`);
        }
        return incoming.key;
      }
      if (stored) return stored;
      if (opts.hasSecrets) {
        throw new KeychainError(
          `provider secrets exist in ${opts.dataDir} but the OS keychain holds no data key for them ` +
            `(service ${service}, account ${account}). If this data directory comes from a headless hub, copy its ` +
            `key file ${KEY_FILE} into ${opts.dataDir} (or set CCHUB_SECRET_KEY) and start again: the desktop app ` +
            'moves the key into the keychain',
        );
      }
      const key = randomBytes(32);
      entry.write(key);
      return key;
    },
  };
}

/** `cchub --export-key`: the keychain's data key as base64, ready for CCHUB_SECRET_KEY on a headless hub. */
export function exportKeychainDataKey(keyring: Keyring, location: KeychainLocation = {}): string {
  const { service, account } = locate(location);
  const key = new KeyEntry(keyring, service, account).read();
  if (!key) {
    throw new KeychainError(
      `the OS keychain holds no cchub data key (service ${service}, account ${account}): the desktop app creates ` +
        'it on its first start; a hub started headless keeps its key in secret.key in its data directory or in ' +
        'CCHUB_SECRET_KEY',
    );
  }
  return key.toString('base64');
}

/** Removes the keychain entry (tests and uninstall); true when there was one. */
export function deleteKeychainDataKey(keyring: Keyring, location: KeychainLocation = {}): boolean {
  const { service, account } = locate(location);
  return new KeyEntry(keyring, service, account).delete();
}
