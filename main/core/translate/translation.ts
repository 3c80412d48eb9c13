// A request's translation between the client's format and its provider's: the request rewritten for the provider's
// endpoint, and the answer (JSON, stream or error) rewritten back. Built by the select stage, used by forward.
import { WIRE_FORMATS, type WireFormat } from '../formats';
import { upstreamErrorMessageOf } from '../formats/common/upstream-error';
import { CODECS, type FormatCodec, type UpstreamTarget } from './codecs';
import { isObj, type Json } from './neutral/json';
import { Losses } from './neutral/model';
import { StreamTranslator } from './stream-translator';

export class Translation {
  private constructor(
    readonly from: WireFormat,
    readonly to: WireFormat,
    readonly lost: Losses,
    /** The model the client asked for: named in an answer whose upstream names none. */
    private readonly clientModel: string,
    private readonly client: FormatCodec,
    private readonly upstream: FormatCodec,
  ) {}

  /**
   * The request as `to` speaks it, sent as `model`; undefined when the pair is not translatable or the body is no
   * JSON object.
   */
  static ofRequest(
    from: WireFormat,
    to: WireFormat,
    body: Buffer,
    model: string,
    stream: boolean,
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
    if (!isObj(json)) return undefined;
    const lost = new Losses();
    const neutral = client.decodeRequest(json, lost);
    const requested = neutral.model;
    neutral.model = model;
    neutral.stream = stream;
    const encoded = upstream.encodeRequest(neutral, lost);
    const translation = new Translation(from, to, lost, requested || model, client, upstream);
    return { translation, body: Buffer.from(JSON.stringify(encoded)), target: upstream.target(model, stream) };
  }

  /** The upstream's whole answer in the client's format. */
  answerJson(body: Buffer): Buffer {
    const parsed = JSON.parse(body.toString('utf8')) as unknown;
    const answer = (this.upstream.decodeAnswer as NonNullable<FormatCodec['decodeAnswer']>)(
      isObj(parsed) ? parsed : {},
    );
    const encoded = (this.client.encodeAnswer as NonNullable<FormatCodec['encodeAnswer']>)(answer, this.clientModel);
    return Buffer.from(JSON.stringify(encoded));
  }

  /** A fresh translator for the upstream's stream. */
  stream(): StreamTranslator {
    const decoder = (this.upstream.streamDecoder as NonNullable<FormatCodec['streamDecoder']>)();
    const encoder = (this.client.streamEncoder as NonNullable<FormatCodec['streamEncoder']>)(this.clientModel);
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
