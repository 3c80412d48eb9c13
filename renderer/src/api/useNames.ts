// Id → name lookups for providers, users and keys (admins), so tables can show names instead of ids.
import { useMemo } from 'react';
import { endpoints } from './endpoints';
import { useApi } from './useApi';

export interface Names {
  provider(id: string | null | undefined): string | null;
  user(id: string | null | undefined): string | null;
  key(id: string | null | undefined): string | null;
}

function lookup(items: readonly { id: string; name: string }[] | undefined) {
  const map = new Map(items?.map((item) => [item.id, item.name]));
  return (id: string | null | undefined) => (id ? (map.get(id) ?? null) : null);
}

export function useNames(enabled = true): Names {
  const providers = useApi(`names:providers:${enabled}`, (s) =>
    enabled ? endpoints.providers(s) : Promise.resolve({ items: [], nextCursor: null }),
  );
  const users = useApi(`names:users:${enabled}`, (s) =>
    enabled ? endpoints.users({ limit: 500 }, s) : Promise.resolve({ items: [], nextCursor: null }),
  );
  const keys = useApi(`names:keys:${enabled}`, (s) =>
    enabled ? endpoints.keys({ limit: 500 }, s) : Promise.resolve({ items: [], nextCursor: null }),
  );
  return useMemo(
    () => ({
      provider: lookup(providers.data?.items),
      user: lookup(users.data?.items),
      key: lookup(keys.data?.items),
    }),
    [providers.data, users.data, keys.data],
  );
}
