// The contract each provider wire format implements: success bodies, stream scripts, errors and headers.
import type { FakeUsage } from './types';

/** Everything one answer needs, resolved from the request and the behaviour. */
export interface Reply {
  /** Unique per request; each format prefixes it (msg_, chatcmpl-, resp_…). */
  id: string;
  requestId: string;
  /** Unix seconds. */
  created: number;
  model: string;
  text: string;
  /** `text` split on word boundaries; joined they give `text` back. */
  deltas: readonly string[];
  usage: FakeUsage;
  /** OpenAI chat: stream_options.include_usage was set. */
  includeUsage: boolean;
  /** Anthropic with thinking asked for: a whole answer begins with a thinking block carrying this signature. */
  thinkingSignature?: string;
  /** A tool call after the text: its id, name, the arguments' JSON and that JSON in the pieces a stream sends. */
  toolCall?: { id: string; name: string; arguments: string; pieces: readonly string[] };
  /** Reasoning before the text, and its stream pieces. */
  reasoning?: { text: string; pieces: readonly string[] };
}

/** A stream as three parts so failures can cut it after some deltas. */
export interface StreamScript {
  prelude: string[];
  deltas: string[];
  finale: string[];
}

export interface WireFormat {
  /** Content type of a success JSON body. */
  jsonContentType: string;
  streamContentType: string;
  /** Headers every answer in this format carries (besides content type and length). */
  headers(requestId: string, status: number): Record<string, string>;
  /** The format's error JSON for an HTTP status. */
  errorBody(status: number, requestId: string, message?: string): string;
  /** The event(s) reporting an overload inside a started stream; `emitted` = events already sent; `message` overrides. */
  streamFailure(reply: Reply, emitted: number, message?: string): string;
  /** Full non-streaming success body. */
  json(reply: Reply): string;
  stream(reply: Reply): StreamScript;
}
