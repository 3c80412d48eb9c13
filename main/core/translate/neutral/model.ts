// The neutral model every translation goes through: one request shape, one answer shape and one stream-event
// vocabulary, so each wire format needs a decoder and an encoder of its own instead of a translator per pair.
import type { Usage, WireFormat } from '../../formats';

export type NeutralPart =
  | { type: 'text'; text: string }
  /** base64 `data` with its media type, or a `url`. */
  | { type: 'image'; mediaType?: string; data?: string; url?: string }
  /** `arguments` is the JSON text of the call's input. */
  | { type: 'tool_call'; id: string; name: string; arguments: string }
  | { type: 'tool_result'; id: string; name?: string; content: NeutralPart[]; isError: boolean }
  /** A reasoning trace; `signature` crosses only back to the format that made it. */
  | { type: 'thinking'; text: string; signature?: string };

export interface NeutralMessage {
  role: 'user' | 'assistant';
  parts: NeutralPart[];
}

export interface NeutralTool {
  name: string;
  description?: string;
  /** JSON Schema of the input. */
  schema: unknown;
  /** A freeform (Responses `custom`) tool carried as a JSON tool with one string argument. */
  custom?: boolean;
}

export type ToolChoice = 'auto' | 'any' | 'none' | { name: string };

/** Reasoning asked for: a token budget (Anthropic, Gemini) and/or an effort (OpenAI). */
export interface Reasoning {
  budgetTokens?: number;
  effort?: 'minimal' | 'low' | 'medium' | 'high';
}

export interface NeutralRequest {
  model: string;
  system: string;
  messages: NeutralMessage[];
  tools: NeutralTool[];
  toolChoice?: ToolChoice;
  maxTokens?: number;
  temperature?: number;
  topP?: number;
  stop?: string[];
  stream: boolean;
  reasoning?: Reasoning;
  parallelToolCalls?: boolean;
  /** The client asked for prompt caching (a cache key): a provider that needs breakpoints gets them. */
  cache?: boolean;
}

export type StopReason = 'end' | 'max_tokens' | 'tool_use' | 'stop_sequence' | 'refusal';

export interface NeutralAnswer {
  id: string;
  model: string;
  parts: NeutralPart[];
  stop: StopReason;
  usage: Usage;
}

/**
 * One step of an answer as it streams. Tool calls are keyed by `key` (the upstream's index or id) so an encoder can
 * tell a new call from more arguments of the current one.
 */
export type NeutralEvent =
  | { t: 'start'; id: string; model: string }
  | { t: 'text'; text: string }
  | { t: 'thinking'; text: string }
  | { t: 'signature'; signature: string }
  | { t: 'tool_start'; key: string; id: string; name: string }
  | { t: 'tool_args'; key: string; json: string }
  | { t: 'stop'; stop: StopReason }
  | { t: 'usage'; usage: Usage }
  /** The upstream's stream is over (its terminal event, or its end when it has none). */
  | { t: 'end' };

/** What a translation drops or approximates, in the hub's words; it reaches the decision chain. */
export class Losses {
  readonly notes = new Set<string>();
  /** Notes may quote names from the request: kept to printable ASCII and 100 characters, 20 notes at most. */
  add(note: string): void {
    if (this.notes.size >= MAX_NOTES) return;
    this.notes.add(note.replace(/[^\x20-\x7e]/g, '?').slice(0, 100));
  }
  toString(): string {
    return [...this.notes].join('; ');
  }
}

const MAX_NOTES = 20;

/** What answer encoders know of the request besides the answer. */
export interface AnswerShape {
  /** Freeform (Responses `custom`) tools: their calls go back as custom_tool_call items. */
  customTools: ReadonlySet<string>;
  /** A Gemini client streaming without `alt=sse`: it reads one JSON array. */
  jsonArray: boolean;
}

/** A pair of formats with its direction. */
export interface Direction {
  from: WireFormat;
  to: WireFormat;
}
