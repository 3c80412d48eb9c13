// The compiled error rules: built once per change, asked only when an upstream answered with an error status.
import { RE2JS } from 're2js';
import type { WireFormat } from '../../../shared/wire-formats';
import { builtinOrder } from './builtin-rules';
import { compareRules, type ErrorRuleDef } from './rule';

/**
 * Bytes of an upstream error body a pattern is looked for in. Error messages come first and are short; the bound keeps
 * an error page's evaluation short too (100 RE2 rules over 64 KiB took ~24 ms of the event loop, over 8 KiB a few).
 */
export const MATCHED_BODY_BYTES = 8 * 1024;

export interface UpstreamErrorSample {
  status: number;
  providerId: string | undefined;
  /** The provider's wire format (the shape the error body is in). */
  format: WireFormat | undefined;
  body: Buffer | string;
}

export interface ErrorDecision {
  /** The rule that decided; undefined when none matched. */
  rule: ErrorRuleDef | undefined;
  action: 'failover' | 'return';
  nextProvider: boolean;
  countsForBreaker: boolean;
  clientStatus: number | null;
  clientMessage: string | null;
}

/** With no rule matching (every one that would have is disabled): another try, counted as the provider's fault. */
const NO_RULE: ErrorDecision = {
  rule: undefined,
  action: 'failover',
  nextProvider: false,
  countsForBreaker: true,
  clientStatus: null,
  clientMessage: null,
};

interface Compiled {
  def: ErrorRuleDef;
  decision: ErrorDecision;
  /** undefined: any body. */
  test: ((text: BodyText) => boolean) | undefined;
}

/** The body's text, decoded (and lower-cased) at most once per evaluation, only when a rule reads it. */
class BodyText {
  private raw: string | undefined;
  private lower: string | undefined;
  constructor(private readonly body: Buffer | string) {}
  text(): string {
    this.raw ??=
      typeof this.body === 'string'
        ? this.body.slice(0, MATCHED_BODY_BYTES)
        : this.body.toString('utf8', 0, Math.min(this.body.length, MATCHED_BODY_BYTES));
    return this.raw;
  }
  lowerText(): string {
    this.lower ??= this.text().toLowerCase();
    return this.lower;
  }
}

/** Why a pattern cannot be used, or undefined when it can (RE2 syntax: no backreferences or lookaround). */
export function patternError(match: 'regex' | 'contains', pattern: string): string | undefined {
  if (match !== 'regex') return undefined;
  try {
    RE2JS.compile(pattern);
    return undefined;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

function compileTest(def: ErrorRuleDef): Compiled['test'] {
  if (def.pattern === '') return undefined;
  if (def.match === 'contains') {
    const needle = def.pattern.toLowerCase();
    return (t) => t.lowerText().includes(needle);
  }
  const re = RE2JS.compile(def.pattern);
  return (t) => re.test(t.text());
}

export class ErrorRuleSet {
  private readonly rules: Compiled[];

  /** `rules`: every rule, any order (disabled ones are left out here); patterns were validated when written. */
  constructor(rules: readonly ErrorRuleDef[]) {
    const ordered = [...rules].filter((r) => r.enabled).sort((a, b) => compareRules(a, b, builtinOrder));
    this.rules = [];
    for (const def of ordered) {
      let test: Compiled['test'];
      try {
        test = compileTest(def);
      } catch {
        continue; // a stored pattern this engine refuses is skipped rather than stopping every rule after it
      }
      const decision: ErrorDecision = {
        rule: def,
        action: def.action,
        nextProvider: def.action === 'failover' && def.nextProvider,
        countsForBreaker: def.countsForBreaker,
        clientStatus: def.clientStatus,
        clientMessage: def.clientMessage,
      };
      this.rules.push({ def, decision, test });
    }
  }

  /** The first rule (in order) whose status, provider, format and pattern all match the sample. */
  decide(sample: UpstreamErrorSample): ErrorDecision {
    const text = new BodyText(sample.body);
    for (const { def, decision, test } of this.rules) {
      if (def.status !== null) {
        const to = def.statusTo ?? def.status;
        if (sample.status < def.status || sample.status > to) continue;
      }
      if (def.providerId !== null && def.providerId !== sample.providerId) continue;
      if (def.format !== null && def.format !== sample.format) continue;
      if (test && !test(text)) continue;
      return decision;
    }
    return NO_RULE;
  }
}
