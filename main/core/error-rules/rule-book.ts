// The rules in force: the built-ins (as an admin left them) and the operator's, compiled once per change, and the
// counts of their decisions.
import { BUILTIN_ERROR_RULES, builtinOrder } from './builtin-rules';
import { ErrorRuleCounters } from './counters';
import { compareRules, type ErrorRuleDef, type ErrorRuleRecord } from './rule';
import { ErrorRuleSet } from './rule-set';

/** Every rule in evaluation order: each built-in replaced by its stored edit when it has one, then sorted. */
export function effectiveRules(stored: readonly ErrorRuleRecord[]): ErrorRuleDef[] {
  const byId = new Map(stored.map((r) => [r.id, r]));
  const builtIns = BUILTIN_ERROR_RULES.map((b) => byId.get(b.id) ?? b);
  const own = stored.filter((r) => !r.builtIn);
  return [...builtIns, ...own].sort((a, b) => compareRules(a, b, builtinOrder));
}

/** The relay's view: `current()` is read on an upstream error; `reload()` after every change. */
export class ErrorRuleBook {
  private set: ErrorRuleSet;
  /** Decisions per rule and fixes used, for /metrics. */
  readonly counters = new ErrorRuleCounters();

  constructor(private readonly load: () => readonly ErrorRuleRecord[]) {
    this.set = new ErrorRuleSet(effectiveRules(load()));
  }

  current(): ErrorRuleSet {
    return this.set;
  }

  reload(): void {
    this.set = new ErrorRuleSet(effectiveRules(this.load()));
  }
}
