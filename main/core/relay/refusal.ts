// The one place a refusal is answered: any stage's refusal, in the client's wire format, its log row written first.
import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { WireFormat } from '../formats';
import type { Exchange } from './exchange';
import { sendHubError } from './hub-error';

/** Why a stage ends the request with the hub's own error instead of an upstream's answer. */
export interface Refusal {
  status: number;
  /** The stable code (`x-cchub-error-code`, in the error body). */
  code: string;
  message: string;
  headers?: OutgoingHttpHeaders;
  /**
   * The log row the refusal leaves: `blocked` by a guard, `failed` when no provider answered; none before the request
   * is known (route, authenticate, parse).
   */
  row?: 'blocked' | 'failed';
  /** A blocked row's `blockedBy` (`key_expired`, `content_rule`…); the code when absent. */
  blockedBy?: string;
  /** A failed row's error class (the last provider's error, or `no_provider`); the code otherwise. */
  errorClass?: string;
}

/** Writes what a refusal leaves in the log (the decision chain's result, the row) and resolves once it is journaled. */
export type RefusalRecorder = (ex: Exchange, r: Refusal) => Promise<unknown>;

/** Answers the refusal: an unread body is drained, its row (if any) journaled, then the error sent. */
export async function answerRefusal(ex: Exchange, r: Refusal, record: RefusalRecorder): Promise<void> {
  if (!ex.bodyTaken) ex.req.resume();
  if (r.row !== undefined) await record(ex, r);
  sendRefusal(ex.res, ex.format, ex.requestId, r);
}

/** Sends the refusal's error, without a row (one already written, or none due). */
export function sendRefusal(res: ServerResponse, format: WireFormat, requestId: string, r: Refusal): void {
  sendHubError(res, format, r.status, r.code, r.message, requestId, r.headers);
}
