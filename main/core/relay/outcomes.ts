// What one provider attempt can end in: an answer delivered, a failure to fail over from, or the client gone.
import type { Usage } from '../formats';
import type { ErrorClass } from './upstream-error';

/** What the client finally got; accounting turns it into the log row and must make it durable first. */
export interface Delivered {
  status: number;
  usage: Usage;
  ttfbMs: number | null;
  errorClass: ErrorClass | null;
  errorMessage: string | null;
  upstreamModel: string | undefined;
  /** True when the upstream answered the request (usage may be billed). */
  upstreamAnswered: boolean;
  /** The error rule that returned an upstream error to the client (its id). */
  rule?: string;
  /** An upstream error returned to the client counts toward the provider's breaker (its rule says so). */
  countsForBreaker?: boolean;
}

export interface AttemptFailure {
  kind: 'failed';
  errorClass: ErrorClass;
  status?: number;
  message: string;
  retryAfterMs?: number;
  /** Move to the next provider without using the remaining attempts (429, 404). */
  nextProviderNow: boolean;
  /** A network-level failure (the breaker counts these only when configured to). */
  network: boolean;
  /** The error rule that decided (its id); absent for failures no rule reads (network, bad 200 bodies). */
  rule?: string;
  /** When the provider is given up after this failure, it counts toward its breaker (default true). */
  countsForBreaker?: boolean;
  /** What the client is told if every provider fails after this one (the deciding rule's override). */
  clientStatus?: number | null;
  clientMessage?: string | null;
  /** A reactive fix: the same provider is tried once more with this body (not counted as one of its attempts). */
  retryWith?: { fix: string; body: Buffer };
}

export type AttemptOutcome =
  | { kind: 'delivered'; delivered: Delivered }
  | AttemptFailure
  /** The client left; `recorded` when the attempt already logged the row (a committed stream), so none is added. */
  | { kind: 'client_gone'; recorded: boolean };
