// `cchub --export-key`: prints the OS keychain's data key (base64) for CCHUB_SECRET_KEY on a headless hub.
import { exportKeychainDataKey, type Keyring } from './keychain-key-source';
import { loadOsKeyring } from './os-keyring';

export interface ExportKeyIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  keyring?: Keyring;
}

/** Writes the key alone on stdout (so `CCHUB_SECRET_KEY=$(cchub --export-key)` works); returns the exit code. */
export async function runExportKey(io: ExportKeyIo): Promise<number> {
  try {
    const key = exportKeychainDataKey(io.keyring ?? (await loadOsKeyring()));
    io.stdout(`${key}\n`);
    io.stderr(
      "cchub: that is the data key of the desktop app's provider secrets: give it to the headless hub as " +
        'CCHUB_SECRET_KEY (environment only, never a flag) and keep it as secret as the provider keys themselves\n',
    );
    return 0;
  } catch (err) {
    io.stderr(`cchub: ${(err as Error).message}\n`);
    return 1;
  }
}
