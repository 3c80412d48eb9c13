// Each wire format's decoders and encoders to and from the neutral model; a direction is translatable when the
// client's format can decode its request and encode the answer, and the provider's can do the reverse.

import type { WireFormat } from '../formats';
import type { SseEvent } from '../formats/common/sse-scanner';
import { AnthropicStreamDecoder, decodeAnthropicAnswer } from './anthropic/answer-decoder';
import { AnthropicStreamEncoder, encodeAnthropicAnswer } from './anthropic/answer-encoder';
import { decodeAnthropicRequest, encodeAnthropicRequest } from './anthropic/request';
import { decodeGeminiAnswer, GeminiStreamDecoder } from './gemini/answer-decoder';
import { encodeGeminiAnswer, GeminiStreamEncoder } from './gemini/answer-encoder';
import { decodeGeminiRequest, encodeGeminiRequest } from './gemini/request';
import type { Json } from './neutral/json';
import type { AnswerShape, Losses, NeutralAnswer, NeutralEvent, NeutralRequest } from './neutral/model';
import { ChatStreamDecoder, decodeChatAnswer } from './openai-chat/answer-decoder';
import { ChatStreamEncoder, encodeChatAnswer } from './openai-chat/answer-encoder';
import { decodeChatRequest, encodeChatRequest } from './openai-chat/request';
import { decodeResponsesAnswer, ResponsesStreamDecoder } from './openai-responses/answer-decoder';
import { encodeResponsesAnswer } from './openai-responses/answer-encoder';
import { decodeResponsesRequest } from './openai-responses/request';
import { encodeResponsesRequest } from './openai-responses/request-encoder';
import { ResponsesStreamEncoder } from './openai-responses/stream-encoder';

export interface StreamDecoder {
  /** Neutral events of one upstream event. */
  decode(ev: SseEvent, out: NeutralEvent[]): void;
  /** The upstream stream ended: the closing events it did not send itself. */
  finish(out: NeutralEvent[]): void;
}

export interface StreamEncoder {
  encode(e: NeutralEvent, out: string[]): void;
}

/** Where a translated request goes on the provider: its endpoint's path and query. */
export interface UpstreamTarget {
  path: string;
  query: string;
}

export interface FormatCodec {
  decodeRequest?(body: Json, lost: Losses): NeutralRequest;
  encodeRequest?(req: NeutralRequest, lost: Losses): Json;
  target?(model: string, stream: boolean): UpstreamTarget;
  decodeAnswer?(body: Json): NeutralAnswer;
  encodeAnswer?(a: NeutralAnswer, model: string, shape: AnswerShape): Json;
  streamDecoder?(): StreamDecoder;
  streamEncoder?(model: string, shape: AnswerShape): StreamEncoder;
}

export const CODECS: Readonly<Record<WireFormat, FormatCodec>> = {
  anthropic: {
    decodeRequest: decodeAnthropicRequest,
    encodeRequest: encodeAnthropicRequest,
    target: () => ({ path: '/v1/messages', query: '' }),
    decodeAnswer: decodeAnthropicAnswer,
    streamDecoder: () => new AnthropicStreamDecoder(),
    encodeAnswer: encodeAnthropicAnswer,
    streamEncoder: (model) => new AnthropicStreamEncoder(model),
  },
  'openai-chat': {
    decodeRequest: decodeChatRequest,
    encodeRequest: encodeChatRequest,
    target: () => ({ path: '/v1/chat/completions', query: '' }),
    decodeAnswer: decodeChatAnswer,
    streamDecoder: () => new ChatStreamDecoder(),
    encodeAnswer: encodeChatAnswer,
    streamEncoder: (model) => new ChatStreamEncoder(model),
  },
  'openai-responses': {
    decodeRequest: decodeResponsesRequest,
    encodeRequest: encodeResponsesRequest,
    target: () => ({ path: '/v1/responses', query: '' }),
    decodeAnswer: decodeResponsesAnswer,
    streamDecoder: () => new ResponsesStreamDecoder(),
    encodeAnswer: encodeResponsesAnswer,
    streamEncoder: (model, shape) => new ResponsesStreamEncoder(model, shape),
  },
  gemini: {
    decodeRequest: decodeGeminiRequest,
    encodeRequest: encodeGeminiRequest,
    target: (model, stream) => ({
      path: `/v1beta/models/${encodeURIComponent(model)}:${stream ? 'streamGenerateContent' : 'generateContent'}`,
      query: stream ? 'alt=sse' : '',
    }),
    decodeAnswer: decodeGeminiAnswer,
    streamDecoder: () => new GeminiStreamDecoder(),
    encodeAnswer: encodeGeminiAnswer,
    streamEncoder: (model, shape) => new GeminiStreamEncoder(model, shape.jsonArray),
  },
};

/** Requests of `from` clients can be answered by `to` providers. */
export function translatable(from: WireFormat, to: WireFormat): boolean {
  const c = CODECS[from];
  const p = CODECS[to];
  return Boolean(
    c.decodeRequest &&
      c.encodeAnswer &&
      c.streamEncoder &&
      p.encodeRequest &&
      p.target &&
      p.decodeAnswer &&
      p.streamDecoder,
  );
}

/**
 * The selection filter of translation: a provider that opted in to serve the client's format is kept only when the
 * pair translates and the endpoint is one a translation carries (a model's generation; counting is answered apart).
 */
export function translationFilterReason(from: WireFormat, to: WireFormat, endpoint: string | undefined): string | null {
  if (from === to) return null;
  if (!translatable(from, to)) return `cannot translate ${from} to ${to}`;
  if (endpoint !== undefined && !TRANSLATED_ENDPOINTS.has(endpoint)) return `${endpoint} is not translated`;
  return null;
}

/** Generations, and the counting endpoints (answered by the provider's own counting endpoint or an estimate). */
const TRANSLATED_ENDPOINTS = new Set([
  'messages',
  'chat_completions',
  'responses',
  'generate_content',
  'stream_generate_content',
  'count_tokens',
  'gemini_count_tokens',
]);
