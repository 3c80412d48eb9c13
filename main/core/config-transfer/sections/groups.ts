// The groups section: each group name with the providers, users and keys that carry it (read-only: it follows from them).
import { GroupExport } from '../../../../shared/config-document';
import { defineSection } from './section';

export const groupsSection = defineSection<GroupExport>({
  path: 'groups',
  item: GroupExport,
  id: (g) => g.name,
  label: (g) => g.name,
  export: (x) => {
    const groups = new Map<string, GroupExport>();
    const entry = (name: string) => {
      const known = groups.get(name);
      if (known) return known;
      const fresh: GroupExport = { name, providers: [], users: [], keys: [] };
      groups.set(name, fresh);
      return fresh;
    };
    for (const p of x.ctx.store.providers.list()) for (const n of p.groups) entry(n).providers.push(p.id);
    for (const u of x.ctx.store.users.list()) for (const n of u.groups) entry(n).users.push(u.id);
    for (const { key } of x.ctx.store.keys.listWithUsers())
      for (const n of key.groups ?? []) entry(n).keys.push(key.id);
    for (const g of groups.values()) for (const ids of [g.providers, g.users, g.keys]) ids.sort();
    return [...groups.values()].sort((a, b) => a.name.localeCompare(b.name));
  },
  skip: 'groups follow from the groups of the providers, users and keys imported',
  reloads: [],
});
