// The enabled content rules compiled for the relay: one pass per kind over the prompt texts, the first rule named.
import { type RE2JS, RE2Set } from 're2js';
import type { ContentRuleRecord } from '../store/records';
import { compileContentRegex, setAlternative } from './content-regex';

export type ContentRuleInfo = Pick<ContentRuleRecord, 'id' | 'match' | 'pattern' | 'note'>;

interface Rule {
  info: ContentRuleInfo;
  test(text: string): boolean;
}

/**
 * The rules in their order. A request is checked with at most three passes over each text, whatever the number of
 * rules: every `contains` pattern in one native regex of escaped literals (no quantifier, so no backtracking beyond
 * the literals themselves), `exact` patterns by lookup, every `regex` rule in one RE2 set (linear time). Only on a hit
 * are the rules tried one by one, to name the first that matches.
 */
export class ContentRuleSet {
  static readonly EMPTY = new ContentRuleSet([]);

  readonly size: number;
  private readonly rules: Rule[];
  private readonly contains: RegExp | undefined;
  private readonly exact: Set<string> | undefined;
  private readonly longestExact: number;
  private readonly regexes: RE2Set | undefined;

  /** `rows`: enabled rules, in order (invalid regexes are left out: the API refuses them). */
  constructor(rows: readonly ContentRuleInfo[]) {
    const rules: Rule[] = [];
    const literals: string[] = [];
    const exact = new Set<string>();
    let longestExact = 0;
    const set = new RE2Set(RE2Set.UNANCHORED, 0);
    let regexes = 0;
    for (const info of rows) {
      if (info.match === 'contains') {
        const re = new RegExp(escapeLiteral(info.pattern), 'iu');
        rules.push({ info, test: (t) => re.test(t) });
        literals.push(escapeLiteral(info.pattern));
      } else if (info.match === 'exact') {
        const want = normaliseExact(info.pattern);
        exact.add(want);
        longestExact = Math.max(longestExact, want.length);
        rules.push({ info, test: (t) => t.length <= EXACT_SLACK + want.length && normaliseExact(t) === want });
      } else {
        let re: RE2JS;
        try {
          re = compileContentRegex(info.pattern);
          set.add(setAlternative(info.pattern));
        } catch {
          continue;
        }
        regexes++;
        rules.push({ info, test: (t) => re.test(t) });
      }
    }
    this.rules = rules;
    this.size = rules.length;
    this.contains = literals.length > 0 ? new RegExp(literals.join('|'), 'iu') : undefined;
    this.exact = exact.size > 0 ? exact : undefined;
    this.longestExact = longestExact;
    if (regexes > 0) {
      set.compile();
      this.regexes = set;
    }
  }

  /** The first rule (in order) that any of the texts hits, or undefined. */
  firstMatch(texts: readonly string[]): ContentRuleInfo | undefined {
    if (this.size === 0 || !this.anyHit(texts)) return undefined;
    for (const rule of this.rules) for (const t of texts) if (rule.test(t)) return rule.info;
    return undefined;
  }

  private anyHit(texts: readonly string[]): boolean {
    const { contains, exact, regexes } = this;
    for (const t of texts) {
      if (contains?.test(t)) return true;
      if (exact && t.length <= EXACT_SLACK + this.longestExact && exact.has(normaliseExact(t))) return true;
      if (regexes && regexes.match(t).length > 0) return true;
    }
    return false;
  }
}

/** Surrounding whitespace a whole text may carry and still equal an exact pattern (a trailing newline, say). */
const EXACT_SLACK = 64;

function normaliseExact(text: string): string {
  return text.trim().toLowerCase();
}

function escapeLiteral(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
