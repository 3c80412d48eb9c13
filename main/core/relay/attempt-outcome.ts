// What one provider attempt ends in (an answer delivered, a failure to fail over from, the client gone) and the
// pieces every answer kind shares: failure messages, the unrecorded answer, the settlement it awaits.
import type { ErrorRuleCounters } from '../error-rules/counters';
import type { ErrorRuleSet } from '../error-rules/rule-set';
import { emptyUsage, type UpstreamBodyError } from '../formats';
import type { RoutingRegistry } from '../routing/registry';
import { JOURNAL_UNWRITABLE, UNRECORDED_MESSAGE } from '../store/journal-health';
import type { Exchange } from './exchange';
import type { FixSwitches } from './fixes';
import type { AttemptFailure, AttemptOutcome, Delivered } from './outcomes';
import type { Refusal } from './refusal';
import type { ErrorClass } from './upstream-error';
import { redactUpstreamText } from './upstream-text';

/**
 * Settles a delivered answer: called exactly once per answer, before its last bytes leave; resolves with true when
 * the log row is durable, with false when the journal could not be written. The row kept then is
 * `unrecordedDelivery(d, unrecordedStatus)`, what the client is told instead (built only then). An answer that would
 * tell the client of success is failed at once rather than held until the disk has room: a full disk rarely frees
 * itself within a client's patience, and a held answer keeps its connection, its upstream socket and its memory. The
 * client sees an error it can retry, never a success the hub has not recorded.
 */
export interface Settlement {
  settle(ex: Exchange, d: Delivered, unrecordedStatus?: number): Promise<boolean>;
}

/** What an answer kind (JSON, stream, failed status) needs besides the exchange. */
export interface AnswerContext {
  registry: RoutingRegistry;
  settlement: Settlement;
  /** The error rules in force (read only when an upstream answers with an error status). */
  errorRules: { current(): ErrorRuleSet };
  /** Which reactive fixes are on (none when absent). */
  fixes?: () => FixSwitches;
  /** Counts rule decisions and fixes for /metrics. */
  counters?: ErrorRuleCounters;
}

export function networkFailure(errorClass: ErrorClass): AttemptFailure {
  return { kind: 'failed', errorClass, message: networkMessage(errorClass), nextProviderNow: false, network: true };
}

export function networkMessage(c: ErrorClass): string {
  switch (c) {
    case 'connect_timeout':
      return 'timed out connecting to the provider';
    case 'first_byte_timeout':
      return 'the provider sent no response in time';
    case 'total_timeout':
      return 'the provider did not answer within its time budget';
    case 'idle_timeout':
      return 'the provider went silent';
    case 'connect_error':
      return 'could not connect to the provider';
    case 'connection_reset':
      return 'the provider closed the connection';
    default:
      return 'network error talking to the provider';
  }
}

/** The client left before its answer began: no row yet. */
export const CLIENT_GONE_UNRECORDED: AttemptOutcome = { kind: 'client_gone', recorded: false };

/** An upstream body or stream error as the hub keeps and shows it: its type and its redacted message, capped. */
export function shownMessage(registry: RoutingRegistry, ex: Exchange, e: UpstreamBodyError): string {
  return redactUpstreamText(registry.redactor, ex, `${e.type}: ${e.message}`).slice(0, 500);
}

const KNOWN_BODY_ERRORS: Record<string, ErrorClass> = {
  html_body: 'html_body',
  invalid_json: 'invalid_json',
  empty_body: 'empty_body',
  empty_stream: 'empty_stream',
  truncated_stream: 'truncated_stream',
};

export function bodyFailure(e: UpstreamBodyError, message: string, inStream = false): AttemptFailure {
  const errorClass =
    KNOWN_BODY_ERRORS[e.type] ?? (inStream || e.type.includes('stream') ? 'stream_error' : 'error_body');
  return { kind: 'failed', errorClass, message, nextProviderNow: false, network: false };
}

/** A delivered answer no upstream usage came with (a client error passed through). */
export function deliveredStub(status: number, ttfbMs: number, errorClass: ErrorClass | null, msg: string): Delivered {
  return {
    status,
    usage: emptyUsage(),
    ttfbMs,
    errorClass,
    errorMessage: msg,
    upstreamModel: undefined,
    upstreamAnswered: false,
  };
}

/** What a client got when its answer's row could not be written: the error given instead, with the answer's usage. */
export function unrecordedDelivery(d: Delivered, status: number): Delivered {
  return { ...d, status, errorClass: JOURNAL_UNWRITABLE, errorMessage: UNRECORDED_MESSAGE };
}

/** The answer to a client whose (whole, uncommitted) answer could not be recorded: 503 in its format. */
export const UNRECORDED_REFUSAL: Refusal = {
  status: 503,
  code: JOURNAL_UNWRITABLE,
  message: UNRECORDED_MESSAGE,
  headers: { 'retry-after': '10' },
};

export function headerString(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}
