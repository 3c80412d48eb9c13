// One try of one provider: sends the request upstream and either delivers the answer to the client or reports a failure.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ResponseCapture } from '../capture/response-capture';
import type { Clock } from '../clock';
import { emptyUsage, type UpstreamBodyError, type Usage, type WireFormat, type WireFormatSpec } from '../formats';
import { upstreamErrorMessageOf } from '../formats/common/upstream-error';
import type { ProviderRuntime, RoutingRegistry } from '../routing/registry';
import { JOURNAL_UNWRITABLE, UNRECORDED_MESSAGE } from '../store/journal-health';
import { AttemptTimers } from './attempt-timers';
import type { ClientConnection } from './client-connection';
import { hubErrorMessage, sendHubError } from './hub-error';
import { UpstreamCall, type UpstreamHead } from './upstream-call';
import { classifyNetworkError, classifyStatus, type ErrorClass, parseRetryAfter } from './upstream-error';
import { downstreamHeaders, upstreamHeaders } from './upstream-headers';
import { redactUpstreamBody, redactUpstreamText } from './upstream-text';
import { joinUpstreamUrl } from './upstream-url';

/** Pre-content hold bound (SPEC §1): past this the stream is committed to the provider anyway. */
const HOLD_MAX_EVENTS = 64;
const HOLD_MAX_BYTES = 1024 * 1024;
/** Largest upstream error or JSON answer read into memory. */
const MAX_JSON_BYTES = 64 * 1024 * 1024;

export interface AttemptRequest {
  req: IncomingMessage;
  res: ServerResponse;
  format: WireFormat;
  /** The format's spec, looked up once per request. */
  spec: WireFormatSpec;
  body: Buffer;
  clientPath: string;
  query: string;
  /** The hub key sent as `?key=`, if any: masked with the others in upstream text. */
  queryKey: string | undefined;
  /** The client asked for a stream (body `stream: true`, or a streaming Gemini action). */
  stream: boolean;
  clientIp: string | undefined;
  requestId: string;
  /** Tells the attempt when the client goes away. */
  client: ClientConnection;
  /** Set when body capture is on: keeps the first bytes of the answer the client gets. */
  capture?: ResponseCapture;
  clock: Clock;
  startedAt: number;
}

/** What the client finally got; the pipeline turns it into the log row and must make it durable first. */
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

export type AttemptOutcome =
  | { kind: 'delivered'; delivered: Delivered }
  | {
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
  /** The client left; `recorded` when the attempt already logged the row (a committed stream), so none is added. */
  | { kind: 'client_gone'; recorded: boolean };

/**
 * Called exactly once per delivered answer, before its last bytes leave; resolves with true when the log row is
 * durable, with false when the journal could not be written. The row kept then is `unrecordedDelivery(d,
 * unrecordedStatus)`, what the client is told instead (built only then). An answer that would tell the client of
 * success is failed at once rather than held until the disk has room: a full disk rarely frees itself within a
 * client's patience, and a held answer keeps its connection, its upstream socket and its memory. The client sees an
 * error it can retry, never a success the hub has not recorded.
 */
export type Finalize = (d: Delivered, unrecordedStatus?: number) => Promise<boolean>;

/** `deadline`: the clock time by which the provider must have begun its answer (attempt-timers). */
export async function attemptProvider(
  a: AttemptRequest,
  provider: ProviderRuntime,
  registry: RoutingRegistry,
  finalize: Finalize,
  deadline: number,
): Promise<AttemptOutcome> {
  const { origin, path } = joinUpstreamUrl(provider.baseUrl, a.clientPath, a.query);
  const wantsStream = a.stream;
  const t = provider.timeouts;
  let call: UpstreamCall;
  try {
    call = new UpstreamCall(registry.dispatcher(provider, origin), {
      origin,
      path,
      headers: upstreamHeaders(a.req.headers, provider, a.body.length, a.clientIp),
      body: a.body,
      // The hub's own timers (attempt-timers) bound the head; undici's only stand for the idle gap behind them: a
      // stream's silence before its head, and (both kinds) between chunks. A JSON head comes with the whole answer.
      headersTimeout: wantsStream ? t.idleMs : 0,
      bodyTimeout: t.idleMs,
    });
  } catch (err) {
    const errorClass = classifyNetworkError(err);
    return { kind: 'failed', errorClass, message: networkMessage(errorClass), nextProviderNow: false, network: true };
  }
  a.client.onGone(() => call.abort(CLIENT_GONE));
  const timers = new AttemptTimers(a.clock, (reason) => call.abort(reason), wantsStream ? t.firstByteMs : 0, deadline);
  try {
    let response: UpstreamHead;
    try {
      response = await call.head;
    } catch (err) {
      if (a.client.gone) return { kind: 'client_gone', recorded: false };
      const errorClass = classifyNetworkError(err);
      return { kind: 'failed', errorClass, message: networkMessage(errorClass), nextProviderNow: false, network: true };
    }
    timers.headArrived();
    const ttfbMs = a.clock.now() - a.startedAt;
    const status = response.status;
    if (status < 200 || status >= 300) return await failedStatus(a, registry, call, response, ttfbMs, finalize);
    const contentType = headerString(response.headers['content-type']);
    // A format's stream may come as one JSON array sent as application/json (Gemini without ?alt=sse): still a stream.
    if (contentType?.includes('text/event-stream') || (a.stream && a.spec.jsonArrayStreams)) {
      return await relayStream(a, registry, call, response, ttfbMs, finalize, timers);
    }
    return await relayJson(a, registry, call, response, ttfbMs, contentType, finalize);
  } finally {
    timers.answerBegan();
    a.client.onGone(undefined);
  }
}

/** Abort reasons (shared: no Error is built per request). */
const CLIENT_GONE = Object.assign(new Error('the client closed the connection'), { code: 'CCHUB_CLIENT_GONE' });

function headerString(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

function networkMessage(c: ErrorClass): string {
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

/**
 * A non-2xx answer: retryable provider faults are reported; the client's own errors are passed through as they are,
 * with any secret in them masked. Its message is redacted before it reaches the log, the chain or the client.
 */
async function failedStatus(
  a: AttemptRequest,
  registry: RoutingRegistry,
  call: UpstreamCall,
  response: UpstreamHead,
  ttfbMs: number,
  finalize: Finalize,
): Promise<AttemptOutcome> {
  const status = response.status;
  const cls = classifyStatus(status);
  let body: Buffer;
  try {
    body = await call.collect(1024 * 1024);
  } catch {
    body = Buffer.alloc(0);
  }
  const found = upstreamErrorMessageOf(body);
  const upstreamMessage =
    found === undefined ? `HTTP ${status}` : redactUpstreamText(registry.redactor, a, found).slice(0, 500);
  if (cls.retry) {
    return {
      kind: 'failed',
      errorClass: cls.errorClass,
      status,
      message: upstreamMessage,
      retryAfterMs: parseRetryAfter(response.headers['retry-after'], a.clock.now()),
      nextProviderNow: cls.nextProviderNow,
      network: false,
    };
  }
  body = redactUpstreamBody(registry.redactor, a, body);
  a.capture?.push(body);
  // The client's own error goes through even when its row could not be written: it claims nothing the log must hold.
  await finalize({
    status,
    usage: emptyUsage(),
    ttfbMs,
    errorClass: cls.errorClass,
    errorMessage: upstreamMessage,
    upstreamModel: undefined,
    upstreamAnswered: false,
  });
  if (!a.res.destroyed) {
    const headers = downstreamHeaders(response.headers, a.requestId);
    headers['content-length'] = body.length;
    a.res.writeHead(status, headers);
    a.res.end(body);
  }
  return { kind: 'delivered', delivered: deliveredStub(status, ttfbMs, cls.errorClass, upstreamMessage) };
}

function deliveredStub(status: number, ttfbMs: number, errorClass: ErrorClass | null, msg: string | null): Delivered {
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

async function relayJson(
  a: AttemptRequest,
  registry: RoutingRegistry,
  call: UpstreamCall,
  response: UpstreamHead,
  ttfbMs: number,
  contentType: string | undefined,
  finalize: Finalize,
): Promise<AttemptOutcome> {
  let body: Buffer;
  try {
    body = await call.collect(MAX_JSON_BYTES);
  } catch (err) {
    if (a.client.gone) return { kind: 'client_gone', recorded: false };
    const errorClass = classifyNetworkError(err);
    return { kind: 'failed', errorClass, message: networkMessage(errorClass), nextProviderNow: false, network: true };
  }
  const inspected = a.spec.inspectJson(body, contentType);
  if (inspected.error) return bodyFailure(inspected.error, shownMessage(registry, a, inspected.error));
  a.capture?.push(body);
  const delivered: Delivered = {
    status: response.status,
    usage: inspected.usage,
    ttfbMs,
    errorClass: null,
    errorMessage: null,
    upstreamModel: inspected.model,
    upstreamAnswered: true,
  };
  const recorded = await finalize(delivered, 503);
  if (a.res.destroyed) return { kind: 'delivered', delivered };
  if (!recorded) {
    // The upstream's success stays the outcome (breaker, sticky session); only the client's answer is an error.
    refuseUnrecorded(a);
    return { kind: 'delivered', delivered };
  }
  const headers = downstreamHeaders(response.headers, a.requestId);
  headers['content-length'] = body.length;
  a.res.writeHead(response.status, headers);
  a.res.end(body);
  return { kind: 'delivered', delivered };
}

/** An upstream body or stream error as the hub keeps and shows it: its type and its redacted message, capped. */
function shownMessage(registry: RoutingRegistry, a: AttemptRequest, e: UpstreamBodyError): string {
  return redactUpstreamText(registry.redactor, a, `${e.type}: ${e.message}`).slice(0, 500);
}

function bodyFailure(e: UpstreamBodyError, message: string, inStream = false): AttemptOutcome {
  const known: Record<string, ErrorClass> = {
    html_body: 'html_body',
    invalid_json: 'invalid_json',
    empty_body: 'empty_body',
    empty_stream: 'empty_stream',
    truncated_stream: 'truncated_stream',
  };
  const errorClass = known[e.type] ?? (inStream || e.type.includes('stream') ? 'stream_error' : 'error_body');
  return {
    kind: 'failed',
    errorClass,
    message,
    nextProviderNow: false,
    network: false,
  };
}

/**
 * Streams the answer through as it arrives. The head is held until the first content event (bounded), so an error
 * event, an empty or truncated stream before that still fails over; the chunk completing the terminal success event
 * is held until the log row is durable.
 */
function relayStream(
  a: AttemptRequest,
  registry: RoutingRegistry,
  call: UpstreamCall,
  response: UpstreamHead,
  ttfbMs: number,
  finalize: Finalize,
  timers: AttemptTimers,
): Promise<AttemptOutcome> {
  const { res } = a;
  const inspector = a.spec.streamInspector();
  return new Promise<AttemptOutcome>((resolve) => {
    let committed = false;
    let held: Buffer[] = [];
    let heldBytes = 0;
    let terminalHeld: Buffer[] | null = null;
    let finished = false;
    /** Set once the final path is chosen (success, or failure after commit): later upstream events are ignored. */
    let settled = false;
    let firstContentMs: number | null = null;

    const done = (o: AttemptOutcome) => {
      if (finished) return;
      finished = true;
      resolve(o);
    };
    const deliveredNow = (errorClass: ErrorClass | null, errorMessage: string | null): Delivered => ({
      status: 200,
      usage: inspector.usage(),
      ttfbMs: firstContentMs ?? ttfbMs,
      errorClass,
      errorMessage,
      upstreamModel: inspector.model,
      upstreamAnswered: true,
    });
    const write = (chunk: Buffer) => {
      if (!res.write(chunk)) {
        call.pause();
        res.once('drain', () => call.resume());
      }
    };
    const commit = () => {
      committed = true;
      timers.answerBegan();
      const headers = downstreamHeaders(response.headers, a.requestId);
      headers['x-accel-buffering'] = 'no';
      res.writeHead(200, headers);
      for (const c of held) write(c);
      held = [];
    };
    /**
     * Ends a committed stream whose upstream failed: one clean error event in the client's format (the upstream's
     * own error type kept when it has one), a failed row. `message` is the hub's own or already redacted.
     */
    const failCommitted = (errorClass: ErrorClass, message: string, upstreamType?: string) => {
      settled = true;
      call.abort(STREAM_SETTLED);
      const d = deliveredNow(errorClass, message);
      void finalize(d).then(() => {
        if (!res.destroyed) {
          const event = a.spec.errors.streamEvent(
            streamErrorType(upstreamType),
            hubErrorMessage(errorClass, message, a.requestId),
            { jsonArray: inspector.jsonArray },
          );
          res.end(event);
        }
        done({ kind: 'delivered', delivered: d });
      });
    };

    const onData = (chunk: Buffer) => {
      if (finished || settled) return;
      a.capture?.push(chunk);
      if (terminalHeld) {
        terminalHeld.push(chunk);
        return;
      }
      const terminal = inspector.push(chunk);
      if (inspector.sawContent && firstContentMs === null) firstContentMs = a.clock.now() - a.startedAt;
      if (!committed) {
        if (inspector.error) {
          // first: the abort below reports back synchronously, ignored
          done(bodyFailure(inspector.error, shownMessage(registry, a, inspector.error), true));
          call.abort(STREAM_SETTLED);
          return;
        }
        if (terminal) {
          // Whole answer in hand before commit: keep it all until the log row is durable.
          timers.answerBegan();
          held.push(chunk);
          terminalHeld = held;
          held = [];
          return;
        }
        held.push(chunk);
        heldBytes += chunk.length;
        if (inspector.sawContent || inspector.eventCount >= HOLD_MAX_EVENTS || heldBytes >= HOLD_MAX_BYTES) commit();
        return;
      }
      if (inspector.error) {
        // The events before the upstream's error event go out; the error event itself is replaced by the hub's.
        if (inspector.errorCut > 0) write(chunk.subarray(0, inspector.errorCut));
        failCommitted('stream_error', shownMessage(registry, a, inspector.error), inspector.error.type);
        return;
      }
      if (terminal) {
        terminalHeld = [chunk];
        return;
      }
      write(chunk);
    };

    const onEnd = () => {
      if (finished || settled) return;
      inspector.end();
      if (!committed && inspector.error && !terminalHeld) {
        done(bodyFailure(inspector.error, shownMessage(registry, a, inspector.error), true));
        return;
      }
      if (!committed && !terminalHeld && !inspector.completed && inspector.eventCount === 0) {
        done(bodyFailure(EMPTY_STREAM, 'empty_stream: the provider sent an empty stream'));
        return;
      }
      if (committed && inspector.error && !terminalHeld) {
        failCommitted(
          inspector.error.type === 'truncated_stream' ? 'truncated_stream' : 'stream_error',
          shownMessage(registry, a, inspector.error),
          inspector.error.type,
        );
        return;
      }
      settled = true;
      const d = deliveredNow(null, null);
      void finalize(d, committed ? 200 : 503).then((recorded) => {
        if (!res.destroyed) {
          if (!recorded) {
            // The terminal success event is never sent for a row that is not durable: the format's error instead.
            if (committed) res.end(unrecordedStreamEnd(a));
            else refuseUnrecorded(a);
          } else {
            if (!committed) commit();
            for (const c of terminalHeld ?? []) res.write(c);
            res.end();
          }
        }
        done({ kind: 'delivered', delivered: d });
      });
    };

    const onError = (err: Error) => {
      if (finished || settled) return;
      if (a.client.gone) {
        if (committed) {
          settled = true;
          const d = deliveredNow('client_closed', 'the client closed the connection');
          void finalize({ ...d, status: 499 }).then(() => done({ kind: 'client_gone', recorded: true }));
        } else {
          done({ kind: 'client_gone', recorded: false });
        }
        return;
      }
      const errorClass = classifyNetworkError(err);
      if (!committed && !terminalHeld) {
        done({
          kind: 'failed',
          errorClass,
          message: networkMessage(errorClass),
          nextProviderNow: false,
          network: true,
        });
        return;
      }
      if (!committed) commit();
      if (terminalHeld) for (const c of terminalHeld) write(c);
      failCommitted(errorClass, networkMessage(errorClass));
    };

    call.attach({ data: onData, end: onEnd, error: onError });
  });
}

const EMPTY_STREAM: UpstreamBodyError = { type: 'empty_stream', message: 'the provider sent an empty stream' };

/** An upstream error type that reads as one (`overloaded_error`, `server_error`) is kept; anything else is `api_error`. */
function streamErrorType(upstreamType: string | undefined): string {
  return upstreamType !== undefined && /^[a-z_]{1,40}_error$/.test(upstreamType) ? upstreamType : 'api_error';
}

/** Why a stream's upstream is cut once the relay has decided how it ends (its later events are ignored). */
const STREAM_SETTLED = Object.assign(new Error('the relay stopped reading the stream'), {
  code: 'CCHUB_STREAM_SETTLED',
});

/** What a client got when its answer's row could not be written: the error given instead, with the answer's usage. */
export function unrecordedDelivery(d: Delivered, status: number): Delivered {
  return { ...d, status, errorClass: JOURNAL_UNWRITABLE, errorMessage: UNRECORDED_MESSAGE };
}

/** The answer to a client whose (whole, uncommitted) answer could not be recorded: 503 in its format. */
function refuseUnrecorded(a: AttemptRequest): void {
  sendHubError(a.res, a.format, 503, JOURNAL_UNWRITABLE, UNRECORDED_MESSAGE, a.requestId, { 'retry-after': '10' });
}

/** The end of a committed stream whose row could not be written: the format's error event, not its success. */
function unrecordedStreamEnd(a: AttemptRequest): Buffer {
  // Anthropic clients switch on error.type, which has no such code: it goes in the message there.
  const type = a.format === 'anthropic' ? 'api_error' : JOURNAL_UNWRITABLE;
  return a.spec.errors.streamEvent(type, hubErrorMessage(JOURNAL_UNWRITABLE, UNRECORDED_MESSAGE, a.requestId), {
    status: 503,
  });
}
