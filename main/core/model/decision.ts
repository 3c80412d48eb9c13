// One step of a request's decision chain: what the log row keeps of how the hub routed it.

export type DecisionKind = 'candidates' | 'filtered' | 'session' | 'attempt' | 'result' | 'translated';

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
