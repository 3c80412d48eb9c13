// Builds the Reply for one request: default text, word-boundary deltas, token estimates and usage.
import type { FakeUsage, OkBehaviour } from './types';
import type { Reply } from './wire-format';

export const DEFAULT_TEXT = 'Hello from the fake upstream.';

interface SplitText {
  deltas: readonly string[];
  words: number;
}

const splitCache = new Map<string, SplitText>();
const SPLIT_CACHE_LIMIT = 256;

/** Pieces that start where whitespace follows a non-space, so joining them gives the text back. */
export function splitText(text: string): SplitText {
  const cached = splitCache.get(text);
  if (cached) return cached;
  const deltas = text.split(/(?<=\S)(?=\s)/).filter((piece) => piece.length > 0);
  const split = { deltas, words: text.match(/\S+/g)?.length ?? 0 };
  if (splitCache.size >= SPLIT_CACHE_LIMIT) splitCache.clear();
  splitCache.set(text, split);
  return split;
}

/** Input estimate from the body size, so different requests report different counts. */
export function estimateInputTokens(bodyBytes: number): number {
  return Math.max(1, Math.round(bodyBytes / 4));
}

export interface ReplyInput {
  id: string;
  requestId: string;
  model: string;
  bodyBytes: number;
  includeUsage: boolean;
  ok: OkBehaviour | undefined;
}

export function buildReply(input: ReplyInput): Reply {
  const text = input.ok?.text ?? DEFAULT_TEXT;
  const split = splitText(text);
  const usage: FakeUsage = {
    input: estimateInputTokens(input.bodyBytes),
    output: Math.max(1, split.words),
    cacheRead: 0,
    cacheWrite5m: 0,
    cacheWrite1h: 0,
    ...input.ok?.usage,
  };
  return {
    id: input.id,
    requestId: input.requestId,
    created: Math.floor(Date.now() / 1000),
    model: input.ok?.model ?? input.model,
    text,
    deltas: split.deltas,
    usage,
    includeUsage: input.includeUsage,
    toolCall: toolCallOf(input),
    reasoning: input.ok?.reasoning
      ? { text: input.ok.reasoning, pieces: splitText(input.ok.reasoning).deltas }
      : undefined,
  };
}

/** The arguments' JSON cut in pieces of about 8 characters, as upstreams stream them. */
function toolCallOf(input: ReplyInput): Reply['toolCall'] {
  const call = input.ok?.toolCall;
  if (!call) return undefined;
  const json = JSON.stringify(call.arguments);
  const pieces: string[] = [];
  for (let i = 0; i < json.length; i += 8) pieces.push(json.slice(i, i + 8));
  return { id: `call_${input.id}`, name: call.name, arguments: json, pieces };
}
