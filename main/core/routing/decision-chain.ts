// The decision chain: the ordered record of how the hub routed one request, kept in the request's log row.
import type { DecisionStep } from '../model/decision';

/** Where routing notes a decision: the request's exchange (relay/exchange.ts), which owns its chain. */
export interface DecisionNotes {
  note(step: Omit<DecisionStep, 'at'>): void;
}

export class DecisionChain implements DecisionNotes {
  readonly steps: DecisionStep[] = [];

  constructor(
    private readonly startedAt: number,
    private readonly now: () => number,
  ) {}

  /** Appends the step, stamping `at` onto the object passed (callers pass a fresh literal; no copy is made). */
  note(step: Omit<DecisionStep, 'at'>): void {
    const stamped = step as DecisionStep;
    stamped.at = this.now() - this.startedAt;
    this.steps.push(stamped);
  }
}
