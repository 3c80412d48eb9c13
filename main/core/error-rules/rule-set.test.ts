import { describe, expect, it } from 'vitest';
import { BUILTIN_ERROR_RULES } from './builtin-rules';
import type { ErrorRuleDef } from './rule';
import { effectiveRules } from './rule-book';
import { ErrorRuleSet, patternError } from './rule-set';

const rule = (over: Partial<ErrorRuleDef>): ErrorRuleDef => ({
  id: 'err_1',
  builtIn: false,
  pattern: '',
  match: 'regex',
  status: null,
  statusTo: null,
  providerId: null,
  format: null,
  action: 'return',
  nextProvider: false,
  countsForBreaker: false,
  clientStatus: null,
  clientMessage: null,
  priority: 100,
  enabled: true,
  note: null,
  createdAt: 1,
  updatedAt: 1,
  ...over,
});
const sample = (status: number, body = '') => ({ status, providerId: 'p', format: 'anthropic' as const, body });

describe('the built-in rules keep the status classification', () => {
  const set = new ErrorRuleSet(BUILTIN_ERROR_RULES);
  it.each([
    [429, 'builtin.rate-limited', 'failover', true, false],
    [401, 'builtin.unauthorized', 'failover', false, true],
    [403, 'builtin.forbidden', 'failover', false, true],
    [404, 'builtin.not-found', 'failover', true, true],
    [408, 'builtin.request-timeout', 'failover', false, true],
    [500, 'builtin.server-error', 'failover', false, true],
    [529, 'builtin.server-error', 'failover', false, true],
    [400, 'builtin.client-error', 'return', false, false],
    [422, 'builtin.client-error', 'return', false, false],
    [302, 'builtin.client-error', 'return', false, false],
  ])('%i → %s', (status, id, action, nextProvider, countsForBreaker) => {
    expect(set.decide(sample(status))).toMatchObject({ rule: { id }, action, nextProvider, countsForBreaker });
  });
});

describe('matching', () => {
  it('contains ignores case; regex is as written unless (?i)', () => {
    const set = new ErrorRuleSet([
      rule({ id: 'a', match: 'contains', pattern: 'PROMPT is too', createdAt: 1 }),
      rule({ id: 'b', pattern: 'Quota', createdAt: 2 }),
      rule({ id: 'c', pattern: '(?i)quota', createdAt: 3 }),
    ]);
    expect(set.decide(sample(400, 'prompt is too long')).rule?.id).toBe('a');
    expect(set.decide(sample(400, 'insufficient_quota')).rule?.id).toBe('c');
    expect(set.decide(sample(400, 'nothing')).rule).toBeUndefined();
  });

  it('a status range, a disabled rule skipped, no rule → fail over and count', () => {
    const set = new ErrorRuleSet([
      rule({ id: 'range', status: 520, statusTo: 527 }),
      rule({ id: 'off', status: 400, enabled: false }),
    ]);
    expect(set.decide(sample(524)).rule?.id).toBe('range');
    expect(set.decide(sample(528)).rule).toBeUndefined();
    expect(set.decide(sample(400))).toEqual(
      expect.objectContaining({ rule: undefined, action: 'failover', countsForBreaker: true }),
    );
  });

  it('only the first 8 KiB of a body is read', () => {
    const set = new ErrorRuleSet([rule({ pattern: 'needle', match: 'contains' })]);
    expect(set.decide(sample(400, `${'x'.repeat(9000)}needle`)).rule).toBeUndefined();
    expect(set.decide(sample(400, `${'x'.repeat(1000)}needle`)).rule).toBeDefined();
  });

  it('a pattern RE2 cannot run is reported (backreferences, lookaround)', () => {
    expect(patternError('regex', '(a)\\1')).toBeDefined();
    expect(patternError('regex', 'a(?=b)')).toBeDefined();
    expect(patternError('regex', 'overloaded|busy')).toBeUndefined();
    expect(patternError('contains', '(')).toBeUndefined();
  });

  it('an edited built-in replaces its default in place', () => {
    const edited = { ...BUILTIN_ERROR_RULES[0], action: 'return' } as ErrorRuleDef;
    const list = effectiveRules([
      { ...edited, createdAt: 5, updatedAt: 5 },
      { ...rule({ id: 'mine' }), createdAt: 6, updatedAt: 6 },
    ]);
    expect(list.filter((r) => r.id === edited.id)).toEqual([{ ...edited, createdAt: 5, updatedAt: 5 }]);
    expect(list.map((r) => r.id).indexOf('mine')).toBe(0);
  });
});
