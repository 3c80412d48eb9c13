// Token counting for a client whose provider speaks another format: the provider's own counting endpoint where its
// format has one (Anthropic count_tokens, Gemini countTokens), else a local estimate, labelled as one.
import type { WireFormat } from '../formats';
import { encodeAnthropicRequest } from './anthropic/request';
import type { UpstreamTarget } from './codecs';
import { encodeGeminiRequest } from './gemini/request';
import { isObj, type Json, num } from './neutral/json';
import type { Losses, NeutralRequest } from './neutral/model';

interface Counter {
  /** The provider's counting endpoint. */
  target(model: string): UpstreamTarget;
  /** The counting request for it. */
  encode(req: NeutralRequest, lost: Losses): Json;
  /** The count its answer gives. */
  decode(body: Json): number;
}

/** The counting endpoints each client format calls, with how its answer reads. */
export const COUNTING_ENDPOINTS: Readonly<Record<string, (tokens: number) => Json>> = {
  count_tokens: (tokens) => ({ input_tokens: tokens }),
  gemini_count_tokens: (tokens) => ({ totalTokens: tokens }),
};

const COUNTERS: Partial<Record<WireFormat, Counter>> = {
  anthropic: {
    target: () => ({ path: '/v1/messages/count_tokens', query: '' }),
    encode: (req, lost) => {
      const body = encodeAnthropicRequest(req, lost);
      delete body.max_tokens;
      delete body.stream;
      return body;
    },
    decode: (body) => num(body.input_tokens) ?? 0,
  },
  gemini: {
    target: (model) => ({ path: `/v1beta/models/${encodeURIComponent(model)}:countTokens`, query: '' }),
    encode: (req, lost) => ({
      generateContentRequest: { model: `models/${req.model}`, ...encodeGeminiRequest(req, lost) },
    }),
    decode: (body) => num(body.totalTokens) ?? 0,
  },
};

export function counterFor(format: WireFormat): Counter | undefined {
  return COUNTERS[format];
}

/** Characters per token of the estimate (English prose and code average 3.5–4.5 with current tokenizers). */
const CHARS_PER_TOKEN = 4;
/** What one image is taken to cost when its size is unknown (Anthropic's ~1.15 megapixel cap is ~1600 tokens). */
const IMAGE_TOKENS = 1600;

/** The local estimate: every text, tool argument and tool schema at 4 characters a token, images at 1600 each. */
export function estimateTokens(req: NeutralRequest): number {
  let chars = req.system.length;
  let images = 0;
  for (const m of req.messages) {
    for (const p of m.parts) {
      if (p.type === 'text' || p.type === 'thinking') chars += p.text.length;
      else if (p.type === 'tool_call') chars += p.name.length + p.arguments.length;
      else if (p.type === 'image') images++;
      else if (p.type === 'tool_result') {
        for (const c of p.content) {
          if (c.type === 'text') chars += c.text.length;
          else images++;
        }
      }
    }
  }
  for (const t of req.tools)
    chars += t.name.length + (t.description?.length ?? 0) + JSON.stringify(t.schema ?? {}).length;
  return Math.ceil(chars / CHARS_PER_TOKEN) + images * IMAGE_TOKENS;
}

export function isJson(v: unknown): v is Json {
  return isObj(v);
}
