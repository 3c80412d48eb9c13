// A stream answer relayed as an explicit state machine: holding → committed → settling → done.
import type { StreamInspector, UpstreamBodyError } from '../formats';
import { JOURNAL_UNWRITABLE, UNRECORDED_MESSAGE } from '../store/journal-health';
import type { StreamTranslator } from '../translate/stream-translator';
import type { UpstreamBodySink, UpstreamHead } from './answer-body';
import {
  type AnswerContext,
  bodyFailure,
  CLIENT_GONE_UNRECORDED,
  networkFailure,
  networkMessage,
  shownMessage,
  UNRECORDED_REFUSAL,
} from './attempt-outcome';
import type { AttemptTimers } from './attempt-timers';
import type { Exchange } from './exchange';
import { hubErrorMessage } from './hub-error';
import type { AttemptOutcome, Delivered } from './outcomes';
import { sendRefusal } from './refusal';
import type { UpstreamAnswer } from './upstream-call';
import { classifyNetworkError, type ErrorClass } from './upstream-error';
import { downstreamHeaders } from './upstream-headers';

/** Pre-content hold bound (the stream commit point): past this the stream is committed to the provider anyway. */
const HOLD_MAX_EVENTS = 64;
const HOLD_MAX_BYTES = 1024 * 1024;

/**
 * - holding: the response head and the chunks so far are held until the first content event (bounded), so an error
 *   event, an empty or truncated stream, or a network error still fails over (the attempt ends `failed`);
 * - committed: the head is sent and chunks pass through as they arrive; an upstream failure now ends the stream with
 *   the format's error event;
 * - settling: how the stream ends is decided and its row is being journaled; later upstream events are ignored;
 * - done: the attempt's outcome is reported.
 * In holding and committed, the chunk completing the terminal success event and all after it are kept in `tail`
 * until the row is durable: a success is never sent before it is recorded.
 */
type StreamState = 'holding' | 'committed' | 'settling' | 'done';

export function relayStream(
  ex: Exchange,
  cx: AnswerContext,
  call: UpstreamAnswer,
  response: UpstreamHead,
  ttfbMs: number,
  timers: AttemptTimers,
): Promise<AttemptOutcome> {
  return new Promise<AttemptOutcome>((resolve) => {
    call.attach(new StreamRelay(ex, cx, call, response, ttfbMs, timers, resolve));
  });
}

class StreamRelay implements UpstreamBodySink {
  private state: StreamState = 'holding';
  private held: Buffer[] = [];
  private heldBytes = 0;
  private tail: Buffer[] | null = null;
  private firstContentMs: number | null = null;
  private readonly inspector: StreamInspector;
  /** Rewrites the upstream's events into the client's format when the request was translated. */
  private readonly translator: StreamTranslator | undefined;

  constructor(
    private readonly ex: Exchange,
    private readonly cx: AnswerContext,
    private readonly call: UpstreamAnswer,
    private readonly response: UpstreamHead,
    private readonly ttfbMs: number,
    private readonly timers: AttemptTimers,
    private readonly resolve: (o: AttemptOutcome) => void,
  ) {
    this.inspector = ex.upstreamSpec.streamInspector();
    this.translator = ex.translation?.stream();
  }

  data(chunk: Buffer): void {
    if (this.state === 'settling' || this.state === 'done') return;
    const { ex, inspector } = this;
    ex.capture?.push(chunk);
    if (this.tail) {
      this.tail.push(chunk);
      return;
    }
    const terminal = inspector.push(chunk);
    if (inspector.sawContent && this.firstContentMs === null) this.firstContentMs = ex.clock.now() - ex.startedAt;
    if (this.state === 'holding') {
      if (inspector.error) {
        // first: the abort below reports back synchronously, ignored
        this.finish(bodyFailure(inspector.error, shownMessage(this.cx.registry, ex, inspector.error), true));
        this.call.abort(STREAM_SETTLED);
        return;
      }
      if (terminal) {
        // Whole answer in hand before commit: keep it all until the log row is durable.
        this.timers.answerBegan();
        this.held.push(chunk);
        this.tail = this.held;
        this.held = [];
        return;
      }
      this.held.push(chunk);
      this.heldBytes += chunk.length;
      if (inspector.sawContent || inspector.eventCount >= HOLD_MAX_EVENTS || this.heldBytes >= HOLD_MAX_BYTES) {
        this.state = 'committed';
        this.open();
      }
      return;
    }
    if (inspector.error) {
      // The events before the upstream's error event go out; the error event itself is replaced by the hub's.
      if (inspector.errorCut > 0) this.write(chunk.subarray(0, inspector.errorCut));
      this.failCommitted('stream_error', shownMessage(this.cx.registry, ex, inspector.error), inspector.error.type);
      return;
    }
    if (terminal) {
      this.tail = [chunk];
      return;
    }
    this.write(chunk);
  }

  end(): void {
    if (this.state === 'settling' || this.state === 'done') return;
    const { ex, inspector } = this;
    inspector.end();
    const holding = this.state === 'holding';
    if (holding && inspector.error && !this.tail) {
      this.finish(bodyFailure(inspector.error, shownMessage(this.cx.registry, ex, inspector.error), true));
      return;
    }
    if (holding && !this.tail && !inspector.completed && inspector.eventCount === 0) {
      this.finish(bodyFailure(EMPTY_STREAM, 'empty_stream: the provider sent an empty stream'));
      return;
    }
    if (!holding && inspector.error && !this.tail) {
      this.failCommitted(
        inspector.error.type === 'truncated_stream' ? 'truncated_stream' : 'stream_error',
        shownMessage(this.cx.registry, ex, inspector.error),
        inspector.error.type,
      );
      return;
    }
    this.state = 'settling';
    const d = this.delivered(null, null);
    void this.cx.settlement.settle(ex, d, holding ? 503 : 200).then((recorded) => {
      const { res } = ex;
      if (!res.destroyed) {
        if (!recorded) {
          // The terminal success event is never sent for a row that is not durable: the format's error instead.
          if (holding) sendRefusal(res, ex.format, ex.requestId, UNRECORDED_REFUSAL);
          else res.end(unrecordedStreamEnd(ex));
        } else {
          if (holding) this.open();
          for (const c of this.tail ?? []) this.send(c);
          if (this.translator) res.write(this.translator.end());
          res.end();
        }
      }
      this.finish({ kind: 'delivered', delivered: d });
    });
  }

  error(err: Error): void {
    if (this.state === 'settling' || this.state === 'done') return;
    const { ex } = this;
    if (ex.client.gone) {
      if (this.state === 'committed') {
        this.state = 'settling';
        const d = this.delivered('client_closed', 'the client closed the connection');
        d.status = 499;
        void this.cx.settlement.settle(ex, d).then(() => this.finish(CLIENT_GONE_RECORDED));
      } else {
        this.finish(CLIENT_GONE_UNRECORDED);
      }
      return;
    }
    const errorClass = classifyNetworkError(err);
    if (this.state === 'holding') {
      if (!this.tail) {
        this.finish(networkFailure(errorClass));
        return;
      }
      this.open();
    }
    if (this.tail) for (const c of this.tail) this.write(c);
    this.failCommitted(errorClass, networkMessage(errorClass));
  }

  /** Sends the response head and the chunks held so far. */
  private open(): void {
    this.timers.answerBegan();
    const headers = downstreamHeaders(this.response.headers, this.ex.requestId);
    headers['x-accel-buffering'] = 'no';
    if (this.ex.translation) headers['content-type'] = this.ex.translation.streamContentType;
    this.ex.res.writeHead(200, headers);
    for (const c of this.held) this.write(c);
    this.held = [];
  }

  /** Writes a chunk (translated first, when the request was) without minding backpressure: the stream's last bytes. */
  private send(chunk: Buffer): void {
    const out = this.translator ? this.translator.push(chunk) : chunk;
    if (out.length > 0) this.ex.res.write(out);
  }

  private write(upstreamChunk: Buffer): void {
    const chunk = this.translator ? this.translator.push(upstreamChunk) : upstreamChunk;
    if (chunk.length === 0) return;
    if (!this.ex.res.write(chunk)) {
      this.call.pause();
      this.ex.res.once('drain', () => this.call.resume());
    }
  }

  /**
   * Ends a committed stream whose upstream failed: one clean error event in the client's format (the upstream's own
   * error type kept when it has one), a failed row. `message` is the hub's own or already redacted.
   */
  private failCommitted(errorClass: ErrorClass, message: string, upstreamType?: string): void {
    this.state = 'settling';
    this.call.abort(STREAM_SETTLED);
    const { ex } = this;
    const d = this.delivered(errorClass, message);
    void this.cx.settlement.settle(ex, d).then(() => {
      if (!ex.res.destroyed) {
        const event = ex.spec.errors.streamEvent(
          streamErrorType(upstreamType),
          hubErrorMessage(errorClass, message, ex.requestId),
          { jsonArray: ex.translation ? ex.translation.jsonArray : this.inspector.jsonArray },
        );
        ex.res.end(event);
      }
      this.finish({ kind: 'delivered', delivered: d });
    });
  }

  private finish(o: AttemptOutcome): void {
    if (this.state === 'done') return;
    this.state = 'done';
    this.resolve(o);
  }

  private delivered(errorClass: ErrorClass | null, errorMessage: string | null): Delivered {
    return {
      status: 200,
      usage: this.inspector.usage(),
      ttfbMs: this.firstContentMs ?? this.ttfbMs,
      errorClass,
      errorMessage,
      upstreamModel: this.inspector.model,
      upstreamAnswered: true,
    };
  }
}

const EMPTY_STREAM: UpstreamBodyError = { type: 'empty_stream', message: 'the provider sent an empty stream' };
const CLIENT_GONE_RECORDED: AttemptOutcome = { kind: 'client_gone', recorded: true };

/** An upstream error type that reads as one (`overloaded_error`, `server_error`) is kept; anything else is `api_error`. */
function streamErrorType(upstreamType: string | undefined): string {
  return upstreamType !== undefined && /^[a-z_]{1,40}_error$/.test(upstreamType) ? upstreamType : 'api_error';
}

/** Why a stream's upstream is cut once the relay has decided how it ends (its later events are ignored). */
const STREAM_SETTLED = Object.assign(new Error('the relay stopped reading the stream'), {
  code: 'CCHUB_STREAM_SETTLED',
});

/** The end of a committed stream whose row could not be written: the format's error event, not its success. */
function unrecordedStreamEnd(ex: Exchange): Buffer {
  // Anthropic clients switch on error.type, which has no such code: it goes in the message there.
  const type = ex.format === 'anthropic' ? 'api_error' : JOURNAL_UNWRITABLE;
  return ex.spec.errors.streamEvent(type, hubErrorMessage(JOURNAL_UNWRITABLE, UNRECORDED_MESSAGE, ex.requestId), {
    status: 503,
  });
}
