// Provider model rules: allowlists and redirects matched exact/prefix/suffix/contains/regex, compiled once.
//
// exact, prefix, suffix and contains compare case-insensitively; a regex is used as written (unanchored, no flags:
// anchor it with ^…$ to match whole names). An invalid regex never matches; `validateModelRules` reports it.
import type { ModelRedirect, ModelRule } from '../db/schema';

type Matcher = (lower: string, model: string) => boolean;

export interface ModelRuleProblem {
  /** Index of the rule in the list. */
  index: number;
  field: 'match' | 'pattern';
  message: string;
}

const compiled = new WeakMap<readonly ModelRule[], readonly Matcher[]>();

function compileRule(rule: ModelRule): Matcher {
  const p = rule.pattern.toLowerCase();
  switch (rule.match) {
    case 'exact':
      return (lower) => lower === p;
    case 'prefix':
      return (lower) => lower.startsWith(p);
    case 'suffix':
      return (lower) => lower.endsWith(p);
    case 'contains':
      return (lower) => lower.includes(p);
    case 'regex': {
      const re = tryRegex(rule.pattern);
      return re ? (_lower, model) => re.test(model) : () => false;
    }
    default:
      return () => false;
  }
}

function tryRegex(pattern: string): RegExp | null {
  try {
    return new RegExp(pattern);
  } catch {
    return null;
  }
}

/** The compiled matchers of a rule list, built once per list (the registry builds new lists on every rebuild). */
function matchersOf(rules: readonly ModelRule[]): readonly Matcher[] {
  let m = compiled.get(rules);
  if (!m) {
    m = rules.map(compileRule);
    compiled.set(rules, m);
  }
  return m;
}

let lastModel = '';
let lastLower = '';
function lowerOf(model: string): string {
  if (model !== lastModel) {
    lastModel = model;
    lastLower = model.toLowerCase();
  }
  return lastLower;
}

/** Index of the first rule matching `model`, or -1. */
export function firstMatch(rules: readonly ModelRule[], model: string): number {
  if (rules.length === 0) return -1;
  const matchers = matchersOf(rules);
  const lower = lowerOf(model);
  for (let i = 0; i < matchers.length; i++) if ((matchers[i] as Matcher)(lower, model)) return i;
  return -1;
}

/** Whether a provider's allowlist admits the model (no rules = every model). */
export function allowsModel(rules: readonly ModelRule[], model: string): boolean {
  return rules.length === 0 || firstMatch(rules, model) >= 0;
}

/** The upstream model name for a requested one: the first matching redirect's target, else undefined. */
export function redirectModel(redirects: readonly ModelRedirect[], model: string): string | undefined {
  const i = firstMatch(redirects, model);
  return i < 0 ? undefined : redirects[i]?.target;
}

/** Problems that make a rule unusable (the admin API rejects them): unknown match kind, empty or invalid pattern. */
export function validateModelRules(rules: readonly ModelRule[]): ModelRuleProblem[] {
  const problems: ModelRuleProblem[] = [];
  rules.forEach((rule, index) => {
    if (!['exact', 'prefix', 'suffix', 'contains', 'regex'].includes(rule.match)) {
      problems.push({ index, field: 'match', message: `unknown match kind "${String(rule.match)}"` });
    } else if (typeof rule.pattern !== 'string' || rule.pattern.length === 0) {
      problems.push({ index, field: 'pattern', message: 'the pattern is empty' });
    } else if (rule.match === 'regex') {
      try {
        new RegExp(rule.pattern);
      } catch (err) {
        problems.push({
          index,
          field: 'pattern',
          message: `not a valid regular expression: ${(err as Error).message}`,
        });
      }
    }
  });
  return problems;
}
