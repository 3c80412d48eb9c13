// Names of what limits and sessions count against: `user:<id>`, `key:<id>`, `provider:<id>` (memoised: no allocation).

export type SubjectKind = 'user' | 'key' | 'provider';

const memo: Record<SubjectKind, Map<string, string>> = { user: new Map(), key: new Map(), provider: new Map() };

export function subjectOf(kind: SubjectKind, id: string): string {
  const names = memo[kind];
  let name = names.get(id);
  if (name === undefined) {
    name = `${kind}:${id}`;
    names.set(id, name);
  }
  return name;
}

export const userSubject = (id: string): string => subjectOf('user', id);
export const keySubject = (id: string): string => subjectOf('key', id);
export const providerSubject = (id: string): string => subjectOf('provider', id);

/** A limit that applies: a positive finite number. null, absent, 0 or negative = unlimited (as the peer hub treats 0). */
export function effectiveLimit(value: number | null | undefined): number | null {
  return typeof value === 'number' && value > 0 && Number.isFinite(value) ? value : null;
}
