// Tests for provider groups: effective groups (key over user over default) and provider matching, and the filter.
import { describe, expect, it } from 'vitest';
import type { ProviderRuntime } from '../model/entities';
import { effectiveGroups, groupFilter, groupsMatch } from './groups';
import type { SelectionInput } from './select';

describe('effectiveGroups', () => {
  it("the key's groups override the user's; nothing set = ['default']", () => {
    expect(effectiveGroups({ keyGroups: ['vip'], userGroups: ['team'] })).toEqual(['vip']);
    expect(effectiveGroups({ keyGroups: null, userGroups: ['team'] })).toEqual(['team']);
    expect(effectiveGroups({ keyGroups: [], userGroups: ['team'] })).toEqual(['team']);
    expect(effectiveGroups({ keyGroups: null, userGroups: [] })).toEqual(['default']);
  });
});

describe('groupsMatch', () => {
  it("'*' reaches all; 'default' reaches untagged providers; otherwise a shared group", () => {
    expect(groupsMatch(['*'], ['anything'])).toBe(true);
    expect(groupsMatch(['*'], [])).toBe(true);
    expect(groupsMatch(['default'], [])).toBe(true);
    expect(groupsMatch(['default'], ['vip'])).toBe(false);
    expect(groupsMatch(['default'], ['default', 'vip'])).toBe(true);
    expect(groupsMatch(['vip'], [])).toBe(false);
    expect(groupsMatch(['team', 'vip'], ['vip'])).toBe(true);
  });
});

describe('groupFilter', () => {
  it("filters by the caller's groups; no caller = no group filtering", () => {
    const filter = groupFilter();
    const vip = { groups: ['vip'] } as unknown as ProviderRuntime;
    const base = { format: 'anthropic' as const, model: 'm', exclude: new Set<string>() };
    const caller: SelectionInput = { ...base, caller: { groups: ['default'] } };
    expect(filter(vip, caller)).toBe("not in the caller's groups (default)");
    expect(filter(vip, { ...base, caller: { groups: ['vip'] } } as SelectionInput)).toBeNull();
    expect(filter(vip, base)).toBeNull();
  });
});
