// A request's translation between the client's format and its provider's: the request rewritten for the provider's
// endpoint, and the answer (JSON, stream or error) rewritten back. Built by the select stage, used by forward.
import { WIRE_FORMATS, type WireFormat } from '../formats';
import { upstreamErrorMessageOf } from '../formats/common/upstream-error';
import { CODECS, type FormatCodec, type UpstreamTarget } from './codecs';
import { COUNTING_ENDPOINTS, counterFor, estimateTokens } from './counting';
import { isObj, type Json } from './neutral/json';
import { type AnswerShape, Losses } from './neutral/model';
import { StreamTranslator } from './stream-translator';

const EMPTY = Buffer.alloc(0);
const NO_SHAPE: AnswerShape = { customTools: new Set(), jsonArray: false };

export interface TranslationOptions {
  /** The client's query string (a Gemini stream without `alt=sse` is a JSON array). */
  clientQuery?: string;
  /** The provider model's output limit: a larger max_tokens is capped to it (a larger one is refused upstream). */
  maxOutputTokens?: number;
}

export class Translation {
  private constructor(
    readonly from: WireFormat,
    readonly to: WireFormat,
    readonly lost: Losses,
    /** The model the client asked for: named in an answer whose upstream names none. */
    private readonly clientModel: string,
    private readonly shape: AnswerShape,
    private readonly client: FormatCodec,
    private readonly upstream: FormatCodec,
  ) {}

  /**
   * Set for an answer the hub gives itself: a count's estimate in the client's shape (the provider has no counting
   * endpoint), or a 400 in the client's error shape for a body that is no JSON object.
   */
  localAnswer: { status: number; body: Buffer } | undefined = undefined;
  /** Set for a count: the provider's count read from its answer, and the client's shape of it. */
  private count: { read(body: Json): number; answer(tokens: number): Json } | undefined = undefined;

  /**
   * The request of `endpoint` as `to` speaks it, sent as `model`: a generation, or a count (the provider's counting
   * endpoint, else an estimate answered here). Undefined when the pair is not translatable or the body is no JSON
   * object.
   */
  static ofRequest(
    from: WireFormat,
    to: WireFormat,
    endpoint: string,
    body: Buffer,
    model: string,
    stream: boolean,
    options: TranslationOptions = {},
  ): { translation: Translation; body: Buffer; target: UpstreamTarget } | undefined {
    const client = CODECS[from];
    const upstream = CODECS[to];
    if (!client.decodeRequest || !upstream.encodeRequest || !upstream.target) return undefined;
    let json: unknown;
    try {
      json = JSON.parse(body.toString('utf8'));
    } catch {
      return undefined;
    }
    const lost = new Losses();
    if (!isObj(json)) {
      const translation = new Translation(from, to, lost, model, NO_SHAPE, client, upstream);
      const errors = WIRE_FORMATS[from].errors;
      const message = 'the request body is not a JSON object';
      translation.localAnswer = {
        status: 400,
        body: errors.body(400, errors.hubType(400, 'invalid_request'), message),
      };
      return { translation, body: EMPTY, target: { path: '', query: '' } };
    }
    const neutral = client.decodeRequest(json, lost);
    const requested = neutral.model;
    neutral.model = model;
    neutral.stream = stream;
    const cap = options.maxOutputTokens;
    if (cap !== undefined && neutral.maxTokens !== undefined && neutral.maxTokens > cap) {
      lost.add(`max_tokens ${neutral.maxTokens} capped at ${cap}, the limit of ${model}`);
      neutral.maxTokens = cap;
    }
    const shape: AnswerShape = {
      customTools: new Set(neutral.tools.filter((t) => t.custom).map((t) => t.name)),
      jsonArray: from === 'gemini' && stream && !/(?:^|&)alt=sse(?:&|$)/.test(options.clientQuery ?? ''),
    };
    const translation = new Translation(from, to, lost, requested || model, shape, client, upstream);
    const countAnswer = COUNTING_ENDPOINTS[endpoint];
    if (countAnswer) {
      const counter = counterFor(to);
      if (!counter) {
        const estimate = Buffer.from(JSON.stringify(countAnswer(estimateTokens(neutral))));
        translation.localAnswer = { status: 200, body: estimate };
        lost.add(`counted here: an estimate at 4 characters a token (${to} has no counting endpoint)`);
        return { translation, body: EMPTY, target: { path: '', query: '' } };
      }
      translation.count = { read: counter.decode, answer: countAnswer };
      const encoded = counter.encode(neutral, lost);
      return { translation, body: Buffer.from(JSON.stringify(encoded)), target: counter.target(model) };
    }
    const encoded = upstream.encodeRequest(neutral, lost);
    return { translation, body: Buffer.from(JSON.stringify(encoded)), target: upstream.target(model, stream) };
  }

  /** The upstream's whole answer in the client's format. */
  answerJson(body: Buffer): Buffer {
    const parsed = JSON.parse(body.toString('utf8')) as unknown;
    const json = isObj(parsed) ? parsed : {};
    if (this.count) return Buffer.from(JSON.stringify(this.count.answer(this.count.read(json))));
    const answer = (this.upstream.decodeAnswer as NonNullable<FormatCodec['decodeAnswer']>)(json);
    const encoded = (this.client.encodeAnswer as NonNullable<FormatCodec['encodeAnswer']>)(
      answer,
      this.clientModel,
      this.shape,
    );
    return Buffer.from(JSON.stringify(encoded));
  }

  /** The client reads its stream as one JSON array (Gemini without `alt=sse`), not as SSE. */
  get jsonArray(): boolean {
    return this.shape.jsonArray;
  }

  /** The content type of the client's stream. */
  get streamContentType(): string {
    return this.shape.jsonArray ? 'application/json' : 'text/event-stream';
  }

  /** A fresh translator for the upstream's stream. */
  stream(): StreamTranslator {
    const decoder = (this.upstream.streamDecoder as NonNullable<FormatCodec['streamDecoder']>)();
    const encoder = (this.client.streamEncoder as NonNullable<FormatCodec['streamEncoder']>)(
      this.clientModel,
      this.shape,
    );
    return new StreamTranslator(decoder, encoder);
  }

  /** An upstream error body (`text` already redacted) as the client's format's error of the same status. */
  errorBody(status: number, text: Buffer): Buffer {
    const errors = WIRE_FORMATS[this.from].errors;
    const message = upstreamErrorMessageOf(text) ?? `HTTP ${status}`;
    return errors.body(status, errors.hubType(status, upstreamType(text) ?? 'upstream_error'), message);
  }

  /** The decision chain's words for it. */
  describe(): string {
    const lost = this.lost.toString();
    return `translated ${this.from} to ${this.to}${lost ? `; lost: ${lost}` : ''}`;
  }
}

/** The error type or code an upstream error body names, if any. */
function upstreamType(text: Buffer): string | undefined {
  try {
    const v = JSON.parse(text.toString('utf8')) as Json;
    const e = isObj(v.error) ? v.error : undefined;
    const t = e?.type ?? e?.code ?? e?.status;
    return typeof t === 'string' ? t : undefined;
  } catch {
    return undefined;
  }
}
