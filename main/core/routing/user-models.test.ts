// Tests for the user model allowlist syntax: exact names, case-insensitive, `*` wildcards, empty = all.
import { describe, expect, it } from 'vitest';
import { userAllowsModel } from './user-models';

describe('userAllowsModel', () => {
  it('an empty list allows everything', () => {
    expect(userAllowsModel([], 'gpt-5')).toBe(true);
  });
  it('exact names, case-insensitive', () => {
    const list = ['claude-sonnet-4-5'];
    expect(userAllowsModel(list, 'claude-sonnet-4-5')).toBe(true);
    expect(userAllowsModel(list, 'CLAUDE-Sonnet-4-5')).toBe(true);
    expect(userAllowsModel(list, 'claude-sonnet-4-5-20250929')).toBe(false);
  });
  it('* matches any run of characters; other characters are literal', () => {
    expect(userAllowsModel(['claude-*'], 'claude-opus-4-1')).toBe(true);
    expect(userAllowsModel(['claude-*'], 'xclaude-opus')).toBe(false);
    expect(userAllowsModel(['gpt-*-mini'], 'gpt-5-mini')).toBe(true);
    expect(userAllowsModel(['gpt-*-mini'], 'gpt-5-nano')).toBe(false);
    expect(userAllowsModel(['gemini-2.5-pro'], 'gemini-2x5-pro')).toBe(false);
    expect(userAllowsModel(['*'], 'anything')).toBe(true);
    expect(userAllowsModel(['a', '*-mini'], 'o4-mini')).toBe(true);
  });
});
