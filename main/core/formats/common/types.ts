// Types every wire-format module shares: the formats, token usage, and what a response inspection reports.

export type { WireFormat } from '../../../../shared/wire-formats';

/** Token counts by billing category. `inputTokens` is uncached input only. */
export interface Usage {
  inputTokens: number;
  outputTokens: number;
  cacheWrite5mTokens: number;
  cacheWrite1hTokens: number;
  cacheReadTokens: number;
}

export const emptyUsage = (): Usage => ({
  inputTokens: 0,
  outputTokens: 0,
  cacheWrite5mTokens: 0,
  cacheWrite1hTokens: 0,
  cacheReadTokens: 0,
});

/** An error the upstream reported inside a 2xx body or stream (error event, error JSON, HTML page). */
export interface UpstreamBodyError {
  /** e.g. `overloaded_error`, `server_error`, `html_body`, `empty_stream`, `truncated_stream`. */
  type: string;
  message: string;
}

/** What one inspection of a whole (non-stream) upstream body found. */
export interface JsonInspection {
  usage: Usage;
  error: UpstreamBodyError | null;
  /** The model the upstream reported, if any. */
  model?: string;
}

/**
 * Watches a streamed upstream response chunk by chunk, without changing it, for the relay's
 * hold-back, failover, billing and logging decisions.
 */
export interface StreamInspector {
  /**
   * Feed the next raw upstream chunk (forwarded to the client unchanged by the caller; it must not be mutated
   * afterwards). Returns true when this chunk completed the stream's terminal SUCCESS event (Anthropic
   * `message_stop`; OpenAI chat `data: [DONE]`; Responses `response.completed` / `response.incomplete`;
   * Gemini: never, it has none) so the caller can hold this chunk back until the log row is durable.
   */
  push(chunk: Buffer): boolean;
  /** Call at upstream end: flushes an unterminated last event and settles `completed` / `error`. */
  end(): void;
  /** The first content event has arrived; before it the relay may still fail over. */
  readonly sawContent: boolean;
  /** Events seen so far (the relay bounds the pre-content hold at 64 events / 1 MiB). */
  readonly eventCount: number;
  /**
   * An error reported in the stream (error event, error JSON, HTML page), or after end(): `empty_stream` when no
   * event arrived at all, `truncated_stream` when it ended without the terminal event. null if none.
   */
  readonly error: UpstreamBodyError | null;
  /**
   * Where the event that reported `error` begins in the chunk that reported it: the bytes before it are earlier
   * events the client may still get. -1 when that event began in an earlier chunk or the error came from no event.
   */
  readonly errorCut: number;
  /** The stream is Gemini's JSON-array form (no `?alt=sse`): an error appended to it is an array element. */
  readonly jsonArray: boolean;
  /** Terminal success seen. */
  readonly completed: boolean;
  /** Usage merged so far. */
  usage(): Usage;
  /** The model the upstream reported, if any. */
  readonly model: string | undefined;
}
