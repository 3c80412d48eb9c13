// The body half of an upstream answer: chunks queued until a sink attaches, then handed on, and its end or error.
import type { IncomingHttpHeaders } from 'node:http';

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

/**
 * The queue both upstream answers (HTTP and WebSocket turns) share: what arrives before `attach` waits, a queued end
 * or error included, and is replayed at once when the sink attaches.
 */
export abstract class AnswerBody {
  private sink: UpstreamBodySink | undefined;
  private queued: Buffer[] = [];
  private ended = false;
  private failure: Error | undefined;

  abstract abort(reason: Error): void;

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

  protected bodyData(chunk: Buffer): void {
    if (this.sink) this.sink.data(chunk);
    else this.queued.push(chunk);
  }

  protected bodyEnd(): void {
    this.ended = true;
    this.sink?.end();
  }

  protected bodyError(err: Error): void {
    this.failure = err;
    this.sink?.error(err);
  }
}

/** Collects an answer's whole body, failing with code CCHUB_TOO_LARGE past `max` bytes. */
function collectBody(call: Pick<AnswerBody, 'attach' | 'abort'>, max: number): Promise<Buffer> {
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
