// A non-2xx upstream answer: a reactive fix may call for one more try of the same provider; otherwise the error rules
// decide — a failure to fail over from, or the upstream's error passed to the client (its secrets masked, or the
// rule's own status and message), its row settled first.
import { upstreamErrorMessageOf } from '../formats/common/upstream-error';
import type { UpstreamHead } from './answer-body';
import type { AnswerContext } from './attempt-outcome';
import { deliveredStub } from './attempt-outcome';
import type { Exchange } from './exchange';
import { reactiveFix } from './fixes';
import type { AttemptOutcome } from './outcomes';
import type { UpstreamAnswer } from './upstream-call';
import { parseRetryAfter, statusErrorClass } from './upstream-error';
import { downstreamHeaders } from './upstream-headers';
import { redactUpstreamBody, redactUpstreamText } from './upstream-text';

/** Largest upstream error body read into memory. */
const MAX_ERROR_BYTES = 1024 * 1024;

/** Its message is redacted before it reaches the log, the chain or the client. */
export async function failedStatus(
  ex: Exchange,
  cx: AnswerContext,
  call: UpstreamAnswer,
  response: UpstreamHead,
  ttfbMs: number,
): Promise<AttemptOutcome> {
  const status = response.status;
  let body: Buffer;
  try {
    body = await call.collect(MAX_ERROR_BYTES);
  } catch {
    body = Buffer.alloc(0);
  }
  const { redactor } = cx.registry;
  const found = upstreamErrorMessageOf(body);
  const upstreamMessage =
    found === undefined ? `HTTP ${status}` : redactUpstreamText(redactor, ex, found).slice(0, 500);
  const errorClass = statusErrorClass(status);
  const fixed = reactiveFix(ex.provider.type, ex.sendBody, ex.fixesUsed, cx.fixes?.(), status, body);
  if (fixed) {
    ex.fixesUsed ??= new Set();
    ex.fixesUsed.add(fixed.fix);
    cx.counters?.fixed(fixed.fix);
    return {
      kind: 'failed',
      errorClass,
      status,
      message: upstreamMessage,
      nextProviderNow: false,
      network: false,
      retryWith: fixed,
    };
  }
  const provider = ex.provider;
  const decision = cx.errorRules.current().decide({ status, providerId: provider.id, format: provider.type, body });
  const rule = decision.rule?.id;
  cx.counters?.decided(rule ?? 'none', decision.action);
  if (decision.action === 'failover') {
    return {
      kind: 'failed',
      errorClass,
      status,
      message: upstreamMessage,
      retryAfterMs: parseRetryAfter(response.headers['retry-after'], ex.clock.now()),
      nextProviderNow: decision.nextProvider,
      network: false,
      rule,
      countsForBreaker: decision.countsForBreaker,
      clientStatus: decision.clientStatus,
      clientMessage: decision.clientMessage,
    };
  }
  const sentStatus = decision.clientStatus ?? status;
  if (decision.clientMessage !== null) {
    const { errors } = ex.spec;
    body = errors.body(sentStatus, errors.hubType(sentStatus, 'upstream_error'), decision.clientMessage);
  } else {
    body = redactUpstreamBody(redactor, ex, body);
    if (ex.translation) body = ex.translation.errorBody(status, body);
  }
  ex.capture?.push(body);
  const delivered = deliveredStub(sentStatus, ttfbMs, errorClass, upstreamMessage);
  delivered.rule = rule;
  delivered.countsForBreaker = decision.countsForBreaker;
  // The client's own error goes through even when its row could not be written: it claims nothing the log must hold.
  await cx.settlement.settle(ex, delivered);
  if (!ex.res.destroyed) {
    const headers = downstreamHeaders(response.headers, ex.requestId);
    if (decision.clientMessage !== null || ex.translation) headers['content-type'] = 'application/json';
    headers['content-length'] = body.length;
    ex.res.writeHead(sentStatus, headers);
    ex.res.end(body);
  }
  return { kind: 'delivered', delivered };
}
