// Tests for model rules: every match kind, first-match redirects, invalid regex, validation, the candidate filter.
import { describe, expect, it } from 'vitest';
import type { ModelRedirect, ModelRule } from '../db/schema';
import type { ProviderRuntime } from '../model/entities';
import { allowsModel, firstMatch, redirectModel, validateModelRules } from '../model/model-rules';
import { modelFilter } from './model-rules';

describe('allowsModel', () => {
  it('empty rules allow every model', () => {
    expect(allowsModel([], 'anything')).toBe(true);
  });
  it.each<[ModelRule, string, boolean]>([
    [{ match: 'exact', pattern: 'claude-sonnet-4-5' }, 'claude-sonnet-4-5', true],
    [{ match: 'exact', pattern: 'claude-sonnet-4-5' }, 'Claude-Sonnet-4-5', true],
    [{ match: 'exact', pattern: 'claude-sonnet-4-5' }, 'claude-sonnet-4-5-20250929', false],
    [{ match: 'prefix', pattern: 'claude-' }, 'claude-opus-4-1', true],
    [{ match: 'prefix', pattern: 'claude-' }, 'gpt-5', false],
    [{ match: 'suffix', pattern: '-mini' }, 'gpt-5-mini', true],
    [{ match: 'suffix', pattern: '-mini' }, 'gpt-5-mini-2025', false],
    [{ match: 'contains', pattern: 'sonnet' }, 'claude-3-7-SONNET-latest', true],
    [{ match: 'contains', pattern: 'sonnet' }, 'claude-opus', false],
    [{ match: 'regex', pattern: '^gpt-5(-mini)?$' }, 'gpt-5-mini', true],
    [{ match: 'regex', pattern: '^gpt-5(-mini)?$' }, 'gpt-5-nano', false],
    [{ match: 'regex', pattern: 'opus' }, 'claude-opus-4', true],
    [{ match: 'regex', pattern: '([' }, '([', false],
  ])('%o matches %s: %s', (rule, model, expected) => {
    expect(allowsModel([rule], model)).toBe(expected);
  });
  it('any matching rule admits', () => {
    const rules: ModelRule[] = [
      { match: 'regex', pattern: '(' },
      { match: 'prefix', pattern: 'gemini-' },
    ];
    expect(allowsModel(rules, 'gemini-2.5-pro')).toBe(true);
    expect(firstMatch(rules, 'gemini-2.5-pro')).toBe(1);
  });
});

describe('redirectModel', () => {
  const redirects: ModelRedirect[] = [
    { match: 'exact', pattern: 'claude-sonnet-4-5', target: 'glm-4.6' },
    { match: 'prefix', pattern: 'claude-', target: 'kimi-k2' },
    { match: 'regex', pattern: '^gpt-(\\d)', target: 'deepseek-chat' },
  ];
  it('the first matching rule wins', () => {
    expect(redirectModel(redirects, 'claude-sonnet-4-5')).toBe('glm-4.6');
    expect(redirectModel(redirects, 'claude-haiku-4-5')).toBe('kimi-k2');
    expect(redirectModel(redirects, 'gpt-5')).toBe('deepseek-chat');
    expect(redirectModel(redirects, 'gemini-2.5-pro')).toBeUndefined();
    expect(redirectModel([], 'x')).toBeUndefined();
  });
});

describe('validateModelRules', () => {
  it('reports invalid regexes, empty patterns and unknown kinds by index', () => {
    const rules = [
      { match: 'exact', pattern: 'ok' },
      { match: 'regex', pattern: '([a-z' },
      { match: 'prefix', pattern: '' },
      { match: 'glob', pattern: 'x*' },
    ] as ModelRule[];
    const problems = validateModelRules(rules);
    expect(problems.map((p) => [p.index, p.field])).toEqual([
      [1, 'pattern'],
      [2, 'pattern'],
      [3, 'match'],
    ]);
    expect(problems[0]?.message).toMatch(/^not a valid regular expression/);
    expect(validateModelRules([{ match: 'regex', pattern: '^claude-.*$' }])).toEqual([]);
  });
});

describe('modelFilter', () => {
  it('drops providers whose allowlist does not admit the requested model', () => {
    const filter = modelFilter();
    const p = { allowedModels: [{ match: 'prefix', pattern: 'claude-' }] } as ProviderRuntime;
    const input = (model: string | undefined) => ({ format: 'anthropic' as const, model, exclude: new Set<string>() });
    expect(filter(p, input('claude-opus-4-1'))).toBeNull();
    expect(filter(p, input('gpt-5'))).toBe('does not serve model gpt-5');
    expect(filter(p, input(undefined))).toBeNull();
  });
});
