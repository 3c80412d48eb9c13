// One upstream HTTP exchange over undici's dispatch: the head as a promise, the body as callbacks, abort by call.
import type { IncomingHttpHeaders } from 'node:http';
import type { Dispatcher } from 'undici';
import { AnswerBody, type UpstreamBodySink, type UpstreamHead } from './answer-body';

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
export class UpstreamCall extends AnswerBody implements Dispatcher.DispatchHandler, UpstreamAnswer {
  readonly head: Promise<UpstreamHead>;
  private resolveHead!: (h: UpstreamHead) => void;
  private rejectHead!: (err: Error) => void;
  private controller: Dispatcher.DispatchController | undefined;
  private headSeen = false;
  private abortReason: Error | undefined;
  constructor(dispatcher: Dispatcher, r: UpstreamRequest) {
    super();
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
    this.bodyData(chunk);
  }

  onResponseEnd(): void {
    this.bodyEnd();
  }

  onResponseError(_controller: Dispatcher.DispatchController, err: Error): void {
    const reason = this.abortReason ?? err;
    if (!this.headSeen) {
      this.rejectHead(reason);
      return;
    }
    this.bodyError(reason);
  }
}
