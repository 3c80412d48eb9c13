// The users section: every user's settings by id (the hub keeps no user secret).
import { UserCreate } from '../../../../shared/api-schemas';
import { UserExport } from '../../../../shared/config-document';
import { fromIsoOrNull, toIsoOrNull } from '../../store/iso';
import type { UserRecord } from '../../store/repositories';
import { userRowFrom } from '../../store/users';
import { defineSection } from './section';

/** The user settings a configuration carries: the create body's fields, from the columns of the same names. */
const CONFIG_FIELDS = Object.keys(UserCreate.shape);

function toItem(row: UserRecord): UserExport {
  const settings = Object.fromEntries(CONFIG_FIELDS.map((f) => [f, (row as Record<string, unknown>)[f] ?? null]));
  return { id: row.id, ...settings, expiresAt: toIsoOrNull(row.expiresAt) } as UserExport;
}

function rowOf(item: UserExport, now: number): UserRecord {
  const { id, ...input } = item;
  return userRowFrom(input, id, now);
}

export const usersSection = defineSection<UserExport>({
  path: 'users',
  item: UserExport,
  id: (u) => u.id,
  label: (u) => u.name,
  export: (x) => x.ctx.store.users.list().map(toItem),
  // Through the row and back: defaults filled, the expiry in the form the hub writes it.
  normalize: (x, item) =>
    toItem(rowOf({ ...item, expiresAt: toIsoOrNull(fromIsoOrNull(item.expiresAt ?? null)) }, x.now)),
  apply: (x, item, current) => {
    const existing = current ? x.ctx.store.users.get(current.id) : undefined;
    x.ctx.store.configRows.putUser({ ...rowOf(item, x.now), createdAt: existing?.createdAt ?? x.now });
  },
  reloads: ['users'],
});
