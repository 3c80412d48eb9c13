// Public types of the fake upstream: recorded calls, scripted behaviours, usage, options and the handle.
import type { RealErrorName } from './real-errors';

export interface RecordedCall {
  method: string;
  /** Pathname only. */
  path: string;
  /** Raw search string without '?', '' if none. */
  query: string;
  /** Lower-cased names, repeated values joined with ', '. */
  headers: Record<string, string>;
  body: Buffer;
  /** Parsed body, or undefined when it is not JSON. */
  json: unknown;
}

export interface FakeUsage {
  input: number;
  output: number;
  cacheRead: number;
  cacheWrite5m: number;
  cacheWrite1h: number;
  /**
   * Reasoning tokens. Gemini reports them as thoughtsTokenCount beside candidatesTokenCount (`output`); the OpenAI
   * formats count them inside `output` and only detail them.
   */
  reasoning?: number;
}

export type OkBehaviour = {
  kind: 'ok';
  text?: string;
  usage?: Partial<FakeUsage>;
  /** Real delay between content deltas (proves a relay streams without buffering). */
  deltaDelayMs?: number;
  /** Model reported in the answer; default: the requested model. */
  model?: string;
  /** A tool call after the text (set `text: ''` for none), its arguments streamed in pieces as each format does. */
  toolCall?: { name: string; arguments: Record<string, unknown> };
  /** Reasoning before the text, in the format's own form (chat `reasoning_content`, Gemini thought parts…). */
  reasoning?: string;
};

export type Behaviour =
  | OkBehaviour
  /**
   * Answer with this status; the body defaults to the format's own error shape (429 adds retry-after). `echoKey`:
   * that shape's message quotes the key the request carried, as some upstreams do ("Incorrect API key provided: …").
   */
  | { kind: 'status'; status: number; body?: string | object; headers?: Record<string, string>; echoKey?: boolean }
  /** Destroy the socket (TCP RST) without answering. */
  | { kind: 'reset' }
  /** Accept and never answer, until the client aborts or the fake closes. */
  | { kind: 'hang' }
  /** Wait, then behave as `then` (default ok). */
  | { kind: 'slowFirstByte'; ms: number; after?: Behaviour }
  /**
   * Stream: 200 head, then at once the format's error event, then end. JSON: 200 with an error body. `echoKey`: the
   * error's message quotes the key the request carried.
   */
  | { kind: 'errorAfterHead'; echoKey?: boolean }
  /** Stream: some content deltas, then the format's error event, then end (no terminal success event). */
  | { kind: 'errorMidStream'; afterDeltas?: number; echoKey?: boolean }
  /**
   * Stream: some content deltas, then the body ends cleanly with no terminal event.
   * `abrupt: true` destroys the socket instead of ending the chunked body.
   * JSON: part of the body, then the socket is destroyed.
   */
  | { kind: 'truncated'; afterDeltas?: number; abrupt?: boolean }
  /** 200 text/event-stream head, and end with no events. */
  | { kind: 'emptyStream' }
  /** 200 text/html with an HTML page (a misconfigured gateway). */
  | { kind: 'html200' }
  /** A real upstream's error answer, byte for byte (real-errors.ts), e.g. `anthropic.invalid-thinking-signature`. */
  | { kind: 'realError'; error: RealErrorName };

export interface FakeUpstream {
  /** http://127.0.0.1:PORT */
  url: string;
  calls: RecordedCall[];
  /** FIFO, one consumed per request to a known route. */
  enqueue(...behaviours: Behaviour[]): void;
  /** Used when the queue is empty (initially { kind: 'ok' }). */
  setDefault(behaviour: Behaviour): void;
  /** Requests being answered right now. */
  inFlight(): number;
  /** Open Responses WebSocket connections (recorded calls of a WebSocket turn have method 'WS'). */
  socketConnections(): number;
  /** Requests whose connection the client (the hub) closed before the answer finished. */
  abortedByClient(): number;
  /** Resolves when no request is being answered. */
  whenIdle(): Promise<void>;
  /** Clear calls, queue and default. */
  reset(): void;
  /** Stops listening and destroys open (also hanging) sockets. */
  close(): Promise<void>;
}

export interface FakeUpstreamOptions {
  port?: number;
  host?: string;
  /** When set, requests must carry it as x-api-key, Authorization: Bearer, x-goog-api-key or Gemini ?key=, else 401. */
  apiKey?: string;
  /** Default true. When false nothing is recorded and `calls` stays empty (the benchmark). */
  recordBodies?: boolean;
  /** Ids served by the models endpoints. */
  models?: string[];
  /**
   * Answer `/v1/responses` as the ChatGPT Codex backend does: a string `input` is refused with 400
   * `{"detail":"Input must be a list"}`. Anthropic's own checks (thinking signatures, thinking budget) are always on.
   */
  codexBackend?: boolean;
}
