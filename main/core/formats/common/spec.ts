// What one wire format is to the hub: the WireFormatSpec each formats/<format>/ folder exports, and its parts.
import type { RequestFields } from './request-fields';
import type { JsonInspection, StreamInspector, WireFormat } from './types';

/** A relay endpoint: a format's operation a client calls with POST. */
export interface Endpoint {
  readonly format: WireFormat;
  /** Stable endpoint name for logs and stats (`messages`, `chat_completions`, `generate_content`…). */
  readonly name: string;
  /** The only method it accepts. */
  readonly method: 'POST';
  /** Billed, charged to quotas, counted by the breaker. count_tokens and responses/compact are not. */
  readonly billable: boolean;
  /** The exact path, for endpoints whose path names no model; path-model endpoints are matched by the spec. */
  readonly path?: string;
  /** The path alone asks for a stream (Gemini `streamGenerateContent`); else the body's `stream: true` does. */
  readonly streams?: boolean;
}

/** A path that names its model (Gemini `/v1beta/models/{model}:{action}`). */
export interface PathRoute {
  readonly endpoint: Endpoint;
  readonly model: string;
  /** The same path naming another model. */
  withModel(model: string): string;
}

/** What the upstream authentication reads of a provider (a ProviderRuntime has these fields). */
export interface UpstreamCredentials {
  readonly apiKey: string;
  /** Anthropic only: which header carries the key. */
  readonly anthropicAuth: 'x-api-key' | 'bearer' | 'both';
}

export interface StreamErrorOptions {
  /** The HTTP status the failure would have had (OpenAI error.type, Gemini code/status); default 502. */
  status?: number;
  /** Responses: the next `sequence_number` of the stream (the error event gets it, response.failed the one after). */
  sequenceNumber?: number;
  /** The stream is a JSON array (Gemini without `?alt=sse`): the error closes the array instead of being an event. */
  jsonArray?: boolean;
}

/** The format's error shapes, for errors the hub itself answers. */
export interface ErrorSpec {
  /** The type a hub error carries in this format: the status-mapped type, or the hub's own code where clients allow it. */
  hubType(status: number, code: string): string;
  /** An error response body (`type`: Anthropic error.type, OpenAI error.code; Gemini maps the status). */
  body(status: number, type: string, message: string): Buffer;
  /** The bytes that end a committed stream with a clean error in this format. */
  streamEvent(type: string, message: string, options?: StreamErrorOptions): Buffer;
}

/** The format's model list (`GET /v1/models`, `/v1beta/models`). */
export interface ModelListSpec {
  /** The list's path, on the hub and upstream. */
  readonly path: string;
  /** Formats with the same shape share one list body (OpenAI chat and Responses). */
  readonly shape: string;
  /** LiteLLM `litellm_provider` of the format's vendor: the price table's models are the last-resort list. */
  readonly vendor: string;
  /** Model ids from an upstream list body ([] when it is none). */
  parseIds(text: string): string[];
  /** The list body in this format's shape. */
  render(ids: readonly string[]): Buffer;
}

/** How a client of this format is recognised where the endpoint does not say (unknown paths, the model list). */
export interface ClientMarks {
  /** Paths under this prefix are this format's (Gemini `/v1beta/`). */
  readonly pathPrefix?: string;
  /** A credential header only this format's clients send (`x-goog-api-key`). */
  readonly credentialHeader?: string;
  /** A version header this format's clients send (`anthropic-version`); weaker than a path or credential mark. */
  readonly versionHeader?: string;
}

/** The provider "Test" button's request in this format. */
export interface ProbeSpec {
  /** A small, cheap model of the vendor, used when the provider names none. */
  readonly defaultModel: string;
  /** The request path and JSON body asking `model` for a short answer to `prompt`. */
  request(model: string, prompt: string): { path: string; body: Record<string, unknown> };
  /** The answer's text ('' when there is none). */
  answerText(json: unknown): string;
}

export interface WireFormatSpec {
  readonly format: WireFormat;
  /** Every endpoint of the format. */
  readonly endpoints: readonly Endpoint[];
  /** Where a request names its model: the body's `model` member, or the path (then `route` reads it). */
  readonly modelIn: 'body' | 'path';
  /** Path-model formats: the endpoint and model a path names, or undefined. */
  route?(path: string): PathRoute | undefined;
  readonly client: ClientMarks;
  /** A member a streaming request must carry for the stream to report usage, added when the client left it out. */
  readonly streamUsageMember?: { readonly key: string; readonly valueJson: string };
  /** A stream may come as one JSON array sent as application/json (Gemini without `?alt=sse`). */
  readonly jsonArrayStreams: boolean;
  /** Sets the provider's key (and any header the upstream requires) on the upstream request's headers. */
  setUpstreamAuth(headers: Record<string, string>, provider: UpstreamCredentials): void;
  readonly errors: ErrorSpec;
  readonly models: ModelListSpec;
  /** Inspects a whole (non-stream) upstream body: usage, model, or the error it carries (fake 200s included). */
  inspectJson(body: Buffer, contentType: string | undefined): JsonInspection;
  /** A fresh tap for one upstream stream. */
  streamInspector(): StreamInspector;
  readonly probe: ProbeSpec;
  /** The system prompt and user text of a request (what content rules check); read only when rules are enabled. */
  promptText(fields: RequestFields): string[];
}
