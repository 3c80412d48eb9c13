// One step of a request's decision chain: what the log row keeps of how the hub routed it.

export type DecisionKind = 'candidates' | 'filtered' | 'session' | 'attempt' | 'result' | 'override' | 'translated';

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
  /** The error rule that decided what this attempt's upstream error meant (its id). */
  rule?: string;
  /** The reactive fix this attempt's error called for: the same provider is tried again with the body corrected. */
  fix?: string;
}
