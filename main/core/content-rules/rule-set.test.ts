// The compiled content rules: case rules per kind, RE2 regexes with /…/i, the first rule in order named.
import { describe, expect, it } from 'vitest';
import { type ContentRuleInfo, ContentRuleSet } from './rule-set';

let n = 0;
const r = (match: ContentRuleInfo['match'], pattern: string): ContentRuleInfo => ({
  id: `cr${++n}`,
  match,
  pattern,
  note: '',
});

describe('content rule set', () => {
  it('contains ignores case, escapes regex syntax, and works past ASCII', () => {
    const set = new ContentRuleSet([r('contains', 'a.b (c)'), r('contains', 'ÉCOLE')]);
    expect(set.firstMatch(['xx A.B (C) yy'])?.pattern).toBe('a.b (c)');
    expect(set.firstMatch(['aXb (c)'])).toBeUndefined();
    expect(set.firstMatch(['une école'])?.pattern).toBe('ÉCOLE');
  });

  it('exact matches a whole text ignoring case and surrounding whitespace', () => {
    const set = new ContentRuleSet([r('exact', 'Stop now')]);
    expect(set.firstMatch(['  stop NOW\n'])).toBeDefined();
    expect(set.firstMatch(['please stop now'])).toBeUndefined();
  });

  it('regex is case-sensitive as written, /…/i and (?i) ignore case', () => {
    const plain = new ContentRuleSet([r('regex', 'key-[0-9]+')]);
    expect(plain.firstMatch(['KEY-12'])).toBeUndefined();
    expect(plain.firstMatch(['a key-12'])).toBeDefined();
    expect(new ContentRuleSet([r('regex', '/key-[0-9]+/i')]).firstMatch(['KEY-12'])).toBeDefined();
    expect(new ContentRuleSet([r('regex', '(?i)key-[0-9]+')]).firstMatch(['KEY-12'])).toBeDefined();
  });

  it('names the first rule in order, whichever kind hit first in the text', () => {
    const first = r('regex', 'omega$');
    const set = new ContentRuleSet([first, r('contains', 'alpha')]);
    expect(set.firstMatch(['alpha then omega'])?.id).toBe(first.id);
    expect(set.firstMatch(['alpha'])?.pattern).toBe('alpha');
  });

  it('a pathological regex stays linear (RE2): no catastrophic backtracking', () => {
    const set = new ContentRuleSet([r('regex', '(a+)+$')]);
    const text = `${'a'.repeat(50_000)}!`;
    expect(set.firstMatch([text])).toBeUndefined();
  });

  it('an empty set reads nothing', () => {
    expect(ContentRuleSet.EMPTY.size).toBe(0);
    expect(ContentRuleSet.EMPTY.firstMatch(['anything'])).toBeUndefined();
  });
});
