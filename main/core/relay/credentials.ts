// Reads the hub key a client presents: x-api-key, Authorization: Bearer, x-goog-api-key or ?key= (all must agree).
import type { IncomingHttpHeaders } from 'node:http';

export type CredentialResult =
  | { ok: true; key: string }
  | { ok: false; code: 'missing_api_key' | 'conflicting_api_keys' };

function bearer(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const m = /^\s*bearer\s+(\S+)\s*$/i.exec(value);
  return m ? m[1] : undefined;
}

function single(value: string | string[] | undefined): string | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  const t = v?.trim();
  return t ? t : undefined;
}

export function readCredential(headers: IncomingHttpHeaders, queryKey: string | undefined): CredentialResult {
  let found: string | undefined;
  for (const candidate of [
    single(headers['x-api-key']),
    bearer(single(headers.authorization)),
    single(headers['x-goog-api-key']),
    queryKey?.trim() || undefined,
  ]) {
    if (candidate === undefined) continue;
    if (found !== undefined && found !== candidate) return { ok: false, code: 'conflicting_api_keys' };
    found = candidate;
  }
  return found === undefined ? { ok: false, code: 'missing_api_key' } : { ok: true, key: found };
}
