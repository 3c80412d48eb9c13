// A non-2xx upstream answer: a retryable provider fault becomes a failure to fail over from; the client's own error
// is passed through as it is, with any secret in it masked, and its row settled first.
import { upstreamErrorMessageOf } from '../formats/common/upstream-error';
import type { AnswerContext } from './attempt-outcome';
import { deliveredStub } from './attempt-outcome';
import type { Exchange } from './exchange';
import type { AttemptOutcome } from './outcomes';
import type { UpstreamCall, UpstreamHead } from './upstream-call';
import { classifyStatus, parseRetryAfter } from './upstream-error';
import { downstreamHeaders } from './upstream-headers';
import { redactUpstreamBody, redactUpstreamText } from './upstream-text';

/** Largest upstream error body read into memory. */
const MAX_ERROR_BYTES = 1024 * 1024;

/** Its message is redacted before it reaches the log, the chain or the client. */
export async function failedStatus(
  ex: Exchange,
  cx: AnswerContext,
  call: UpstreamCall,
  response: UpstreamHead,
  ttfbMs: number,
): Promise<AttemptOutcome> {
  const status = response.status;
  const cls = classifyStatus(status);
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
  if (cls.retry) {
    return {
      kind: 'failed',
      errorClass: cls.errorClass,
      status,
      message: upstreamMessage,
      retryAfterMs: parseRetryAfter(response.headers['retry-after'], ex.clock.now()),
      nextProviderNow: cls.nextProviderNow,
      network: false,
    };
  }
  body = redactUpstreamBody(redactor, ex, body);
  if (ex.translation) body = ex.translation.errorBody(status, body);
  ex.capture?.push(body);
  const delivered = deliveredStub(status, ttfbMs, cls.errorClass, upstreamMessage);
  // The client's own error goes through even when its row could not be written: it claims nothing the log must hold.
  await cx.settlement.settle(ex, delivered);
  if (!ex.res.destroyed) {
    const headers = downstreamHeaders(response.headers, ex.requestId);
    if (ex.translation) headers['content-type'] = 'application/json';
    headers['content-length'] = body.length;
    ex.res.writeHead(status, headers);
    ex.res.end(body);
  }
  return { kind: 'delivered', delivered };
}
