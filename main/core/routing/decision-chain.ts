// The decision chain: the ordered record of how the hub routed one request (SPEC §4), kept in the log row.

export type DecisionKind = 'candidates' | 'filtered' | 'session' | 'attempt' | 'result';

export interface DecisionStep {
  /** Milliseconds since the request arrived. */
  at: number;
  kind: DecisionKind;
  providerId?: string;
  providerName?: string;
  /** Plain ASCII in the hub's own words: one other character makes the whole journal line two-byte text to write. */
  reason?: string;
  status?: number;
  errorClass?: string;
  latencyMs?: number;
  attempt?: number;
}

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
