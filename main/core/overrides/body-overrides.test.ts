// Body overrides on the bytes: untouched members keep their bytes, nested paths parse only their member.
import { describe, expect, it } from 'vitest';
import { scanMembers } from '../formats/common/json-members';
import { applyBodyOverrides, planBodyOverrides } from './body-overrides';

function apply(text: string, ops: Parameters<typeof planBodyOverrides>[0]): string {
  const body = Buffer.from(text);
  const scanned = scanMembers(body);
  if (!scanned.ok) throw new Error(scanned.error);
  const plan = planBodyOverrides(ops);
  if (!plan) throw new Error('no plan');
  return applyBodyOverrides(body, scanned.members, plan).toString('utf8');
}

describe('body overrides', () => {
  it('replaces a top-level value and keeps every other member byte for byte', () => {
    const out = apply(
      '{ "model" : "m",\n "max_tokens": 64000, "messages":[ {"role":"user" , "content":"a\\u00e9"} ] }',
      [{ op: 'set', path: 'max_tokens', value: 1000 }],
    );
    expect(out).toBe('{"model" : "m","max_tokens": 1000,"messages":[ {"role":"user" , "content":"a\\u00e9"} ]}');
  });

  it('removes members (first, middle, last, duplicates) and adds a missing one at the end', () => {
    expect(apply('{"a":1,"b":2,"c":3}', [{ op: 'remove', path: 'a' }])).toBe('{"b":2,"c":3}');
    expect(apply('{"a":1,"b":2,"c":3}', [{ op: 'remove', path: 'b' }])).toBe('{"a":1,"c":3}');
    expect(apply('{"a":1,"b":2,"c":3}', [{ op: 'remove', path: 'c' }])).toBe('{"a":1,"b":2}');
    expect(apply('{"a":1,"a":2}', [{ op: 'remove', path: 'a' }])).toBe('{}');
    expect(apply('{}', [{ op: 'set', path: 'tier', value: 'flex' }])).toBe('{"tier":"flex"}');
    expect(apply('{"a":1}', [{ op: 'remove', path: 'zzz' }])).toBe('{"a":1}');
  });

  it('sets and removes nested paths, creating objects on the way, in the order listed', () => {
    expect(
      apply('{"reasoning":{"summary":"auto"},"x":1}', [{ op: 'set', path: 'reasoning.effort', value: 'high' }]),
    ).toBe('{"reasoning":{"summary":"auto","effort":"high"},"x":1}');
    expect(apply('{"x":1}', [{ op: 'set', path: 'a.b.c', value: [1] }])).toBe('{"x":1,"a":{"b":{"c":[1]}}}');
    expect(
      apply('{"metadata":{"user_id":"u","k":1}}', [
        { op: 'remove', path: 'metadata.user_id' },
        { op: 'set', path: 'metadata.k', value: 2 },
      ]),
    ).toBe('{"metadata":{"k":2}}');
    expect(apply('{"tools":[{"a":1},{"b":2}]}', [{ op: 'remove', path: 'tools.0' }])).toBe('{"tools":[{"b":2}]}');
    expect(
      apply('{"a":{"b":1}}', [
        { op: 'remove', path: 'a' },
        { op: 'set', path: 'a.c', value: 2 },
      ]),
    ).toBe('{"a":{"c":2}}');
  });
});
