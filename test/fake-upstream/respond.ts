// Carries out one Behaviour on a response: success bodies and streams, statuses and every failure mode.
import type { ServerResponse } from 'node:http';
import { OK } from './behaviour';
import { REAL_ERRORS, type RealErrorName, realErrorBody } from './real-errors';
import type { Timers } from './timers';
import type { Behaviour } from './types';
import type { Reply, StreamScript, WireFormat } from './wire-format';

/** One request to a known route, ready to be answered. */
export interface Exchange {
  res: ServerResponse;
  format: WireFormat;
  streamed: boolean;
  requestId: string;
  /** The key the request carried (x-api-key, Bearer, x-goog-api-key or ?key=), if any. */
  presentedKey: string | undefined;
  timers: Timers;
  /** Builds the reply; `ok` overrides text, usage and model. */
  reply(ok?: Extract<Behaviour, { kind: 'ok' }>): Reply;
  /** Non-streaming success body for this route. */
  json(reply: Reply): string;
}

const DEFAULT_AFTER_DELTAS = 2;
const OVERLOAD_STATUS = 503;

const HTML_PAGE =
  '<!DOCTYPE html>\n<html>\n<head><title>Welcome to nginx!</title></head>\n<body>\n<h1>Welcome to nginx!</h1>\n' +
  '<p>If you see this page, the nginx web server is successfully installed and working.</p>\n</body>\n</html>\n';

export function sendBody(
  res: ServerResponse,
  format: WireFormat,
  requestId: string,
  status: number,
  contentType: string,
  body: string,
  extraHeaders?: Record<string, string>,
): void {
  res.writeHead(status, {
    ...format.headers(requestId, status),
    'content-type': contentType,
    'content-length': Buffer.byteLength(body),
    ...extraHeaders,
  });
  res.end(body);
}

export function sendError(
  res: ServerResponse,
  format: WireFormat,
  requestId: string,
  status: number,
  message?: string,
) {
  sendBody(res, format, requestId, status, 'application/json', format.errorBody(status, requestId, message));
}

/** A real upstream's error answer; `message` replaces the error's message (Anthropic's names the block at fault). */
export function sendRealError(
  res: ServerResponse,
  format: WireFormat,
  requestId: string,
  name: RealErrorName,
  message?: string,
): void {
  const { status } = REAL_ERRORS[name];
  let body = realErrorBody(name, requestId);
  if (message !== undefined) {
    const parsed = JSON.parse(body) as { error: { message: string } };
    parsed.error.message = message;
    body = JSON.stringify(parsed);
  }
  sendBody(res, format, requestId, status, 'application/json', body);
}

export function perform(behaviour: Behaviour, ex: Exchange): void {
  switch (behaviour.kind) {
    case 'ok':
      answerOk(ex, behaviour);
      return;
    case 'status':
      answerStatus(ex, behaviour);
      return;
    case 'reset':
      ex.res.socket?.resetAndDestroy();
      return;
    case 'hang':
      return;
    case 'slowFirstByte':
      ex.timers.after(behaviour.ms, () => {
        if (!ex.res.destroyed) perform(behaviour.after ?? OK, ex);
      });
      return;
    case 'errorAfterHead':
      failInsideAnswer(ex, 0, echoed(ex, behaviour.echoKey));
      return;
    case 'errorMidStream':
      failInsideAnswer(ex, behaviour.afterDeltas ?? DEFAULT_AFTER_DELTAS, echoed(ex, behaviour.echoKey));
      return;
    case 'truncated':
      truncate(ex, behaviour.afterDeltas ?? DEFAULT_AFTER_DELTAS, behaviour.abrupt === true);
      return;
    case 'emptyStream':
      ex.res.writeHead(200, streamHeaders(ex));
      ex.res.end();
      return;
    case 'html200':
      sendBody(ex.res, ex.format, ex.requestId, 200, 'text/html; charset=utf-8', HTML_PAGE);
      return;
    case 'realError':
      sendRealError(ex.res, ex.format, ex.requestId, behaviour.error);
      return;
  }
}

/** The error message of an upstream that quotes the key it was sent, or undefined for the format's own. */
function echoed(ex: Exchange, echoKey: boolean | undefined): string | undefined {
  return echoKey ? `Incorrect API key provided: ${ex.presentedKey ?? ''}` : undefined;
}

function streamHeaders(ex: Exchange): Record<string, string> {
  return {
    ...ex.format.headers(ex.requestId, 200),
    'content-type': ex.format.streamContentType,
    'cache-control': 'no-cache',
  };
}

function answerOk(ex: Exchange, ok: Extract<Behaviour, { kind: 'ok' }>): void {
  const reply = ex.reply(ok);
  if (!ex.streamed) {
    sendBody(ex.res, ex.format, ex.requestId, 200, ex.format.jsonContentType, ex.json(reply));
    return;
  }
  const script = ex.format.stream(reply);
  ex.res.writeHead(200, streamHeaders(ex));
  play(ex, script, ok.deltaDelayMs ?? 0);
}

function answerStatus(ex: Exchange, behaviour: Extract<Behaviour, { kind: 'status' }>): void {
  const { status, body } = behaviour;
  const text =
    body === undefined
      ? ex.format.errorBody(status, ex.requestId, echoed(ex, behaviour.echoKey))
      : typeof body === 'string'
        ? body
        : JSON.stringify(body);
  const isJson = typeof body !== 'string' || /^\s*[[{]/.test(body);
  const headers: Record<string, string> = status === 429 ? { 'retry-after': '1' } : {};
  for (const [name, value] of Object.entries(behaviour.headers ?? {})) headers[name.toLowerCase()] = value;
  sendBody(
    ex.res,
    ex.format,
    ex.requestId,
    status,
    isJson ? 'application/json' : 'text/plain; charset=utf-8',
    text,
    headers,
  );
}

/** Writes each event with its own res.write; with a delay, pauses before every delta but the first and before the finale. */
function play(ex: Exchange, script: StreamScript, delayMs: number): void {
  const { res } = ex;
  const chunks = [...script.prelude, ...script.deltas, ...script.finale];
  const firstDelta = script.prelude.length;
  const finaleStart = firstDelta + script.deltas.length;
  const pausesBefore = (index: number) => delayMs > 0 && index > firstDelta && index <= finaleStart;
  const writeFrom = (start: number): void => {
    for (let index = start; index < chunks.length; index++) {
      if (res.destroyed) return;
      if (index !== start && pausesBefore(index)) {
        ex.timers.after(delayMs, () => writeFrom(index));
        return;
      }
      res.write(chunks[index]);
    }
    res.end();
  };
  writeFrom(0);
}

/** The events of a stream cut after `afterDeltas` deltas. */
function cutScript(ex: Exchange, afterDeltas: number): { reply: Reply; events: string[] } {
  const reply = ex.reply();
  const script = ex.format.stream(reply);
  return { reply, events: [...script.prelude, ...script.deltas.slice(0, Math.max(0, afterDeltas))] };
}

/** Stream: head, some deltas (none for errorAfterHead), the format's error event, end. JSON: 200 with an error body. */
function failInsideAnswer(ex: Exchange, afterDeltas: number, message: string | undefined): void {
  const { res } = ex;
  if (!ex.streamed) {
    const body = ex.format.errorBody(OVERLOAD_STATUS, ex.requestId, message);
    sendBody(res, ex.format, ex.requestId, 200, 'application/json', body);
    return;
  }
  res.writeHead(200, streamHeaders(ex));
  if (afterDeltas === 0) {
    res.flushHeaders();
    res.write(ex.format.streamFailure(ex.reply(), 0, message));
    res.end();
    return;
  }
  const { reply, events } = cutScript(ex, afterDeltas);
  // The failure follows in a write of its own once the deltas are on the socket, as from a provider that fails while
  // generating: Node 24's response coalesces the writes of one tick into one packet, which a client would read whole.
  events.forEach((event, i) => {
    res.write(
      event,
      i < events.length - 1
        ? undefined
        : () => {
            if (res.destroyed) return;
            res.write(ex.format.streamFailure(reply, events.length, message));
            res.end();
          },
    );
  });
}

/** Stream: head, some deltas, then a clean end of the body (or the socket closed mid-body). JSON: half the body, then EOF. */
function truncate(ex: Exchange, afterDeltas: number, abrupt: boolean): void {
  const { res } = ex;
  if (!ex.streamed) {
    const body = ex.json(ex.reply());
    res.writeHead(200, {
      ...ex.format.headers(ex.requestId, 200),
      'content-type': ex.format.jsonContentType,
      'content-length': Buffer.byteLength(body),
    });
    // The socket ends once the half body is on it: Node 24's response holds writes back until the next tick, and a
    // socket ended before then would carry the head alone.
    res.write(body.slice(0, Math.floor(body.length / 2)), () => res.socket?.end());
    return;
  }
  res.writeHead(200, streamHeaders(ex));
  res.flushHeaders();
  const events = cutScript(ex, afterDeltas).events;
  events.forEach((event, i) => {
    // abrupt: the socket ends once the last event is on it (an end before then would cut the events too).
    res.write(event, abrupt && i === events.length - 1 ? () => res.socket?.end() : undefined);
  });
  if (!abrupt) res.end();
}
