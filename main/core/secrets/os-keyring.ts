// The real OS keychain through @napi-rs/keyring, loaded on demand so a headless start never touches the native module.
import type { Keyring } from './keychain-key-source';

/**
 * Opens entries in the OS keychain: macOS Keychain, Windows Credential Manager, the Secret Service on Linux. On Linux
 * the entry is pinned to the Secret Service: the library's default would fall back to the kernel keyring, which
 * forgets the key at logout — a silent loss of every provider secret.
 */
export async function loadOsKeyring(): Promise<Keyring> {
  const { Entry } = await import('@napi-rs/keyring');
  return (service, account) => new Entry(service, account, { linux: { store: 'secret-service' } });
}
