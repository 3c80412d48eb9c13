// The keys section: hub keys as their SHA-256 hashes (the keys themselves are never kept), so the same keys work.
import { KeyExport } from '../../../../shared/config-document';
import { fromIsoOrNull, toIsoOrNull } from '../../store/iso';
import { limitsFromApi } from '../../store/json-limits';
import type { KeyRecord } from '../../store/repositories';
import { defineSection, type Problem } from './section';

function toItem(row: KeyRecord): KeyExport {
  return {
    id: row.id,
    userId: row.userId,
    name: row.name,
    keyHash: row.keyHash,
    prefix: row.prefix,
    enabled: row.enabled,
    expiresAt: toIsoOrNull(row.expiresAt),
    canLogin: row.canLogin,
    groups: row.groups ?? null,
    limits: row.limits,
    clients: row.clients ?? null,
    retiresAt: toIsoOrNull(row.retiresAt),
  };
}

function rowOf(item: KeyExport, now: number, current: KeyRecord | undefined): KeyRecord {
  return {
    id: item.id,
    userId: item.userId,
    name: item.name,
    keyHash: item.keyHash,
    prefix: item.prefix,
    enabled: item.enabled ?? true,
    expiresAt: fromIsoOrNull(item.expiresAt ?? null),
    canLogin: item.canLogin ?? false,
    groups: item.groups ?? null,
    limits: limitsFromApi(item.limits),
    clients: item.clients ?? null,
    retiresAt: fromIsoOrNull(item.retiresAt ?? null),
    lastUsedAt: current?.lastUsedAt ?? null,
    createdAt: current?.createdAt ?? now,
    updatedAt: now,
  };
}

export const keysSection = defineSection<KeyExport>({
  path: 'keys',
  item: KeyExport,
  id: (k) => k.id,
  label: (k) => `${k.name} (${k.prefix}…)`,
  export: (x) =>
    x.ctx.store.keys
      .listWithUsers()
      .map(({ key }) => toItem(key))
      .sort((a, b) => a.id.localeCompare(b.id)),
  normalize: (x, item) => toItem(rowOf(item, x.now, undefined)),
  check: (x, items, incoming) => {
    const problems: Problem[] = [];
    const importedUsers = new Set(incoming.items('users').map((u) => (u as { id: string }).id));
    items.forEach((key, i) => {
      if (!importedUsers.has(key.userId) && !x.ctx.store.users.get(key.userId)) {
        problems.push({ field: `keys[${i}].userId`, message: `no user ${key.userId} in the import or on this hub` });
      }
      const holder = x.ctx.store.keys.findByHash(key.keyHash);
      if (holder && holder.key.id !== key.id) {
        problems.push({ field: `keys[${i}].keyHash`, message: `this key is already ${holder.key.id} on this hub` });
      }
    });
    return problems;
  },
  apply: (x, item, current) => {
    const existing = current ? x.ctx.store.keys.get(current.id) : undefined;
    x.ctx.store.configRows.putKey(rowOf(item, x.now, existing));
  },
  reloads: ['keys'],
});
