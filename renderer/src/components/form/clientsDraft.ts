// A user's or key's client restrictions as form state (minimum versions as `client=version` tags) and back.
import type { ClientRestrictions } from '../../../../shared/api-schemas';
import { DraftError } from './fieldErrors';

export interface ClientsDraft {
  allow: string[];
  block: string[];
  /** `claude-code=2.1.0` */
  minVersion: string[];
}

export function clientsToDraft(c: ClientRestrictions | null | undefined): ClientsDraft {
  return {
    allow: [...(c?.allow ?? [])],
    block: [...(c?.block ?? [])],
    minVersion: Object.entries(c?.minVersion ?? {}).map(([client, version]) => `${client}=${version}`),
  };
}

/** null when nothing is restricted; throws DraftError for a minimum version not written `client=version`. */
export function draftToClients(d: ClientsDraft): ClientRestrictions | null {
  const minVersion: Record<string, string> = {};
  for (const entry of d.minVersion) {
    const [client, version, ...rest] = entry.split('=').map((s) => s.trim());
    if (!client || !version || rest.length > 0) throw new DraftError('clients.minVersion', 'clients.minVersionFormat');
    minVersion[client] = version;
  }
  if (d.allow.length === 0 && d.block.length === 0 && d.minVersion.length === 0) return null;
  return {
    ...(d.allow.length > 0 ? { allow: d.allow } : {}),
    ...(d.block.length > 0 ? { block: d.block } : {}),
    ...(d.minVersion.length > 0 ? { minVersion: minVersion as ClientRestrictions['minVersion'] } : {}),
  };
}
