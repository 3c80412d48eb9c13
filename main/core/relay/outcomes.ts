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
}

export type AttemptOutcome =
  | { kind: 'delivered'; delivered: Delivered }
  | AttemptFailure
  /** The client left; `recorded` when the attempt already logged the row (a committed stream), so none is added. */
  | { kind: 'client_gone'; recorded: boolean };
