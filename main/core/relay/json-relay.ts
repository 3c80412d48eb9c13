// A whole (non-stream) upstream answer: read, inspected for usage and errors, settled, then sent — or, when its row
// could not be written, a 503 in the client's format instead.

import type { UpstreamHead } from './answer-body';
import {
  type AnswerContext,
  bodyFailure,
  CLIENT_GONE_UNRECORDED,
  networkFailure,
  shownMessage,
  UNRECORDED_REFUSAL,
} from './attempt-outcome';
import type { Exchange } from './exchange';
import type { AttemptOutcome, Delivered } from './outcomes';
import { sendRefusal } from './refusal';
import type { UpstreamAnswer } from './upstream-call';
import { classifyNetworkError } from './upstream-error';
import { downstreamHeaders } from './upstream-headers';

/** Largest JSON answer read into memory. */
const MAX_JSON_BYTES = 64 * 1024 * 1024;

export async function relayJson(
  ex: Exchange,
  cx: AnswerContext,
  call: UpstreamAnswer,
  response: UpstreamHead,
  ttfbMs: number,
  contentType: string | undefined,
): Promise<AttemptOutcome> {
  let body: Buffer;
  try {
    body = await call.collect(MAX_JSON_BYTES);
  } catch (err) {
    if (ex.client.gone) return CLIENT_GONE_UNRECORDED;
    return networkFailure(classifyNetworkError(err));
  }
  const inspected = ex.upstreamSpec.inspectJson(body, contentType);
  if (inspected.error) return bodyFailure(inspected.error, shownMessage(cx.registry, ex, inspected.error));
  if (ex.translation) body = ex.translation.answerJson(body);
  ex.capture?.push(body);
  const delivered: Delivered = {
    status: response.status,
    usage: inspected.usage,
    ttfbMs,
    errorClass: null,
    errorMessage: null,
    upstreamModel: inspected.model,
    upstreamAnswered: true,
  };
  const recorded = await cx.settlement.settle(ex, delivered, 503);
  const { res } = ex;
  if (res.destroyed) return { kind: 'delivered', delivered };
  if (!recorded) {
    // The upstream's success stays the outcome (breaker, sticky session); only the client's answer is an error.
    sendRefusal(res, ex.format, ex.requestId, UNRECORDED_REFUSAL);
    return { kind: 'delivered', delivered };
  }
  const headers = downstreamHeaders(response.headers, ex.requestId);
  headers['content-length'] = body.length;
  res.writeHead(response.status, headers);
  res.end(body);
  return { kind: 'delivered', delivered };
}
