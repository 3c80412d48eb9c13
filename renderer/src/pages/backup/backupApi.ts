// The backup page's calls: the database file, the configuration export, and the import's dry run and apply.
import type { ConfigImportResult } from '../../../../shared/config-document';
import { PASSPHRASE_HEADER } from '../../../../shared/config-passphrase';
import { rawCall } from '../../api/client';

const passphraseHeader = (passphrase: string): Record<string, string> =>
  passphrase === '' ? {} : { [PASSPHRASE_HEADER]: passphrase };

/** The file name the server gave in Content-Disposition, else `fallback`. */
function fileNameOf(response: Response, fallback: string): string {
  const match = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '');
  return match?.[1] ?? fallback;
}

/** Hands a blob to the browser as a download. */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export async function downloadBackup(): Promise<{ name: string; bytes: number }> {
  const response = await rawCall('POST', '/backup');
  const blob = await response.blob();
  const name = fileNameOf(response, 'cchub-backup.sqlite');
  saveBlob(blob, name);
  return { name, bytes: blob.size };
}

export async function downloadExport(passphrase: string, now: Date): Promise<{ name: string }> {
  const response = await rawCall('GET', '/config/export', { headers: passphraseHeader(passphrase) });
  const name = `cchub-config-${now.toISOString().slice(0, 10)}.json`;
  saveBlob(new Blob([await response.text()], { type: 'application/json' }), name);
  return { name };
}

export async function importConfig(
  documentText: string,
  passphrase: string,
  dryRun: boolean,
): Promise<ConfigImportResult> {
  const response = await rawCall('POST', '/config/import', {
    headers: passphraseHeader(passphrase),
    body: documentText,
    query: { dryRun },
  });
  return (await response.json()) as ConfigImportResult;
}
