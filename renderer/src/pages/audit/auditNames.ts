// Puts names on the ids an audit entry carries ("user:usr_1 key:key_2", "prv_…"), keeping unknown ids as they are.
import type { Names } from '../../api/useNames';

/** The name behind any record id we can resolve (user, key or provider), else the id itself. */
export function nameOfId(id: string, names: Names): string {
  return names.user(id) ?? names.key(id) ?? names.provider(id) ?? id;
}

/** "user:usr_1 key:key_2" → "alice · laptop"; other actors ("admin-token", "anonymous") unchanged. */
export function describeActor(actor: string, names: Names): string {
  const parts = actor.split(/\s+/).map((part) => {
    const m = /^(user|key):(.+)$/.exec(part);
    return m?.[2] ? nameOfId(m[2], names) : part;
  });
  return parts.join(' · ');
}
