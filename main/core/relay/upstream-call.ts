// One upstream HTTP exchange over undici's dispatch: the head as a promise, the body as callbacks, abort by call.
import type { IncomingHttpHeaders } from 'node:http';
import type { Dispatcher } from 'undici';

export interface UpstreamHead {
  status: number;
  headers: IncomingHttpHeaders;
}

/** What the body is delivered to once the head is in; set before the first chunk can arrive (after `head`). */
export interface UpstreamBodySink {
  data(chunk: Buffer): void;
  end(): void;
  error(err: Error): void;
}

/** An upstream answer as the relays read it: over HTTP (`UpstreamCall`) or a WebSocket turn (`UpstreamSocketCall`). */
export interface UpstreamAnswer {
  readonly head: Promise<UpstreamHead>;
  abort(reason: Error): void;
  pause(): void;
  resume(): void;
  attach(sink: UpstreamBodySink): void;
  collect(max: number): Promise<Buffer>;
}

export interface UpstreamRequest {
  origin: string;
  path: string;
  headers: Record<string, string>;
  body: Buffer;
  headersTimeout: number;
  bodyTimeout: number;
}

/**
 * A thin handler on `Dispatcher.dispatch` (no Readable, no async iterator, no AbortSignal per request: the
 * relay pays for none of them). Chunks that arrive before a sink is attached are queued, as are end and error.
 */
export class UpstreamCall implements Dispatcher.DispatchHandler, UpstreamAnswer {
  readonly head: Promise<UpstreamHead>;
  private resolveHead!: (h: UpstreamHead) => void;
  private rejectHead!: (err: Error) => void;
  private controller: Dispatcher.DispatchController | undefined;
  private headSeen = false;
  private abortReason: Error | undefined;
  private sink: UpstreamBodySink | undefined;
  private queued: Buffer[] = [];
  private ended = false;
  private failure: Error | undefined;

  constructor(dispatcher: Dispatcher, r: UpstreamRequest) {
    this.head = new Promise<UpstreamHead>((resolve, reject) => {
      this.resolveHead = resolve;
      this.rejectHead = reject;
    });
    dispatcher.dispatch(
      {
        origin: r.origin,
        method: 'POST',
        path: r.path,
        headers: r.headers,
        body: r.body,
        headersTimeout: r.headersTimeout,
        bodyTimeout: r.bodyTimeout,
      },
      this,
    );
  }

  /**
   * Stops the exchange: a pending head rejects with `reason` at once (even while the pool is still connecting: undici
   * starts the request, and so offers its abort, only once a socket is ready), an attached sink gets it as its error.
   */
  abort(reason: Error): void {
    if (this.abortReason) return;
    this.abortReason = reason;
    if (this.controller) this.controller.abort(reason);
    else if (!this.headSeen) this.rejectHead(reason);
  }

  pause(): void {
    this.controller?.pause();
  }

  resume(): void {
    this.controller?.resume();
  }

  /** Starts delivering the body; queued chunks (and a queued end or error) are replayed at once. */
  attach(sink: UpstreamBodySink): void {
    this.sink = sink;
    const queued = this.queued;
    this.queued = [];
    for (const c of queued) sink.data(c);
    if (this.failure) sink.error(this.failure);
    else if (this.ended) sink.end();
  }

  /** Collects the whole body, failing with code CCHUB_TOO_LARGE past `max` bytes. */
  collect(max: number): Promise<Buffer> {
    return collectBody(this, max);
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.controller = controller;
    if (this.abortReason) controller.abort(this.abortReason);
  }

  onResponseStart(_controller: Dispatcher.DispatchController, statusCode: number, headers: IncomingHttpHeaders): void {
    if (statusCode < 200) return; // 1xx informational: the real head follows
    this.headSeen = true;
    this.resolveHead({ status: statusCode, headers });
  }

  onResponseData(_controller: Dispatcher.DispatchController, chunk: Buffer): void {
    if (this.sink) this.sink.data(chunk);
    else this.queued.push(chunk);
  }

  onResponseEnd(): void {
    this.ended = true;
    this.sink?.end();
  }

  onResponseError(_controller: Dispatcher.DispatchController, err: Error): void {
    const reason = this.abortReason ?? err;
    if (!this.headSeen) {
      this.rejectHead(reason);
      return;
    }
    this.failure = reason;
    this.sink?.error(reason);
  }
}

/** Collects an answer's whole body, failing with code CCHUB_TOO_LARGE past `max` bytes. */
export function collectBody(call: Pick<UpstreamAnswer, 'attach' | 'abort'>, max: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    call.attach({
      data: (chunk) => {
        if (over) return;
        size += chunk.length;
        if (size > max) {
          over = true;
          const err = Object.assign(new Error('upstream body too large'), { code: 'CCHUB_TOO_LARGE' });
          call.abort(err);
          reject(err);
          return;
        }
        chunks.push(chunk);
      },
      end: () => {
        if (!over) resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size));
      },
      error: (err) => {
        if (!over) reject(err);
      },
    });
  });
}
