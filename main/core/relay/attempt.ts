// One try of one provider: sends the request upstream, then hands the answer to the JSON, stream or failed-status relay.

import type { UpstreamHead } from './answer-body';
import { type AnswerContext, CLIENT_GONE_UNRECORDED, headerString, networkFailure } from './attempt-outcome';
import { AttemptTimers } from './attempt-timers';
import type { Exchange } from './exchange';
import { failedStatus } from './failed-status';
import { relayJson } from './json-relay';
import type { AttemptOutcome } from './outcomes';
import { relayStream } from './stream-relay';
import { type UpstreamAnswer, UpstreamCall } from './upstream-call';
import { classifyNetworkError } from './upstream-error';
import { upstreamHeaders } from './upstream-headers';
import { socketUrl, UpstreamSocketCall } from './upstream-socket-call';
import { joinUpstreamUrl } from './upstream-url';

/**
 * Tries `ex.provider` once with `ex.sendBody` at `ex.sendPath`. `deadline`: the clock time by which the provider must
 * have begun its answer (attempt-timers).
 */
export async function attemptProvider(ex: Exchange, cx: AnswerContext, deadline: number): Promise<AttemptOutcome> {
  const provider = ex.provider;
  const { origin, path } = joinUpstreamUrl(provider.baseUrl, ex.sendPath, ex.sendQuery);
  const wantsStream = ex.stream;
  const t = provider.timeouts;
  let call: UpstreamAnswer;
  const sockets = ex.upstreamSockets;
  try {
    // A provider behind an outbound proxy is reached over HTTP: its WebSocket would bypass the proxy.
    call =
      sockets && provider.websocket && provider.proxyUrl === null
        ? new UpstreamSocketCall(
            sockets,
            provider,
            socketUrl(origin, path),
            socketHeaders(upstreamHeaders(ex.req.headers, provider, 0, ex.clientIp)),
            ex.sendBody,
          )
        : new UpstreamCall(cx.registry.dispatcher(provider, origin), {
            origin,
            path,
            headers: upstreamHeaders(ex.req.headers, provider, ex.sendBody.length, ex.clientIp),
            body: ex.sendBody,
            // The hub's own timers (attempt-timers) bound the head; undici's only stand for the idle gap behind them: a
            // stream's silence before its head, and (both kinds) between chunks. A JSON head comes with the whole answer.
            headersTimeout: wantsStream ? t.idleMs : 0,
            bodyTimeout: t.idleMs,
          });
  } catch (err) {
    return networkFailure(classifyNetworkError(err));
  }
  const client = ex.client;
  client.onGone(() => call.abort(CLIENT_GONE));
  const timers = new AttemptTimers(ex.clock, (reason) => call.abort(reason), wantsStream ? t.firstByteMs : 0, deadline);
  try {
    let response: UpstreamHead;
    try {
      response = await call.head;
    } catch (err) {
      if (client.gone) return CLIENT_GONE_UNRECORDED;
      return networkFailure(classifyNetworkError(err));
    }
    timers.headArrived();
    const ttfbMs = ex.clock.now() - ex.startedAt;
    const status = response.status;
    if (status < 200 || status >= 300) return await failedStatus(ex, cx, call, response, ttfbMs);
    const contentType = headerString(response.headers['content-type']);
    // A format's stream may come as one JSON array sent as application/json (Gemini without ?alt=sse): still a stream.
    if (contentType?.includes('text/event-stream') || (ex.stream && ex.upstreamSpec.jsonArrayStreams)) {
      return await relayStream(ex, cx, call, response, ttfbMs, timers);
    }
    return await relayJson(ex, cx, call, response, ttfbMs, contentType);
  } finally {
    timers.answerBegan();
    client.onGone(undefined);
  }
}

/** The upgrade's headers: the HTTP request's, without its body's framing (the WebSocket library sets its own). */
function socketHeaders(headers: Record<string, string>): Record<string, string> {
  delete headers['content-length'];
  delete headers['content-type'];
  return headers;
}

/** Abort reasons (shared: no Error is built per request). */
const CLIENT_GONE = Object.assign(new Error('the client closed the connection'), { code: 'CCHUB_CLIENT_GONE' });
