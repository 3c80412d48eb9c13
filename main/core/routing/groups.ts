// Provider groups: the caller's effective groups and whether a provider belongs to one of them.
import type { KeyEntry } from '../model/entities';
import type { CandidateFilter } from './select';
import { callerOf } from './selection-context';

export const DEFAULT_GROUP = 'default';
export const ALL_GROUPS = '*';
const DEFAULT_GROUPS: readonly string[] = [DEFAULT_GROUP];

/** The key's groups when it has any (they override the user's), else the user's, else ['default']. */
export function effectiveGroups(entry: Pick<KeyEntry, 'keyGroups' | 'userGroups'>): readonly string[] {
  if (entry.keyGroups && entry.keyGroups.length > 0) return entry.keyGroups;
  if (entry.userGroups.length > 0) return entry.userGroups;
  return DEFAULT_GROUPS;
}

/** '*' reaches every provider; 'default' reaches untagged providers; otherwise they must share a group. */
export function groupsMatch(callerGroups: readonly string[], providerGroups: readonly string[]): boolean {
  for (const g of callerGroups) {
    if (g === ALL_GROUPS) return true;
    if (providerGroups.length === 0 ? g === DEFAULT_GROUP : providerGroups.includes(g)) return true;
  }
  return false;
}

/** Drops providers outside the caller's groups (a selection without a caller is not group-filtered). */
export function groupFilter(): CandidateFilter {
  return (p, input) => {
    const caller = callerOf(input);
    if (!caller || groupsMatch(caller.groups, p.groups)) return null;
    return `not in the caller's groups (${caller.groups.join(', ')})`;
  };
}
