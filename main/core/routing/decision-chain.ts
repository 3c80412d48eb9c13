// The decision chain: the ordered record of how the hub routed one request (SPEC §4), kept in the log row.

export type DecisionKind = 'candidates' | 'filtered' | 'session' | 'attempt' | 'result';

export interface DecisionStep {
  /** Milliseconds since the request arrived. */
  at: number;
  kind: DecisionKind;
  providerId?: string;
  providerName?: string;
  reason?: string;
  status?: number;
  errorClass?: string;
  latencyMs?: number;
  attempt?: number;
}

export class DecisionChain {
  readonly steps: DecisionStep[] = [];

  constructor(
    private readonly startedAt: number,
    private readonly now: () => number,
  ) {}

  add(step: Omit<DecisionStep, 'at'>): void {
    this.steps.push({ at: this.now() - this.startedAt, ...step });
  }
}
