// The shared stream-inspector driver: framing detection, event counting and the end-of-stream verdicts.
import { checkBody, htmlBodyError } from './body-check';
import { firstMeaningfulByte } from './bytes';
import { JsonArrayScanner } from './json-array-scanner';
import { SseEvent, SseScanner } from './sse-scanner';
import type { JsonInspection, StreamInspector, UpstreamBodyError, Usage } from './types';

/** A stream answered with one plain JSON document is kept whole up to this size to read its error. */
const MAX_RAW_JSON = 1 << 20;

type Framing = 'unknown' | 'sse' | 'json-array' | 'raw-json' | 'html';

/**
 * Format inspectors implement `handle` per event. The driver decides the framing from the first meaningful byte:
 * SSE (the normal case), a JSON array (only when the format allows it: Gemini), a single JSON document (an
 * upstream ignoring `stream: true` or answering an error object: judged at end()), or HTML (an error at once).
 */
export abstract class StreamInspectorBase implements StreamInspector {
  sawContent = false;
  eventCount = 0;
  error: UpstreamBodyError | null = null;
  errorCut = -1;
  completed = false;
  model: string | undefined = undefined;

  private framing: Framing = 'unknown';
  private sse: SseScanner | undefined;
  private array: JsonArrayScanner | undefined;
  private raw: Buffer[] = [];
  private rawBytes = 0;
  private rawUsage: Usage | undefined;
  private terminalInChunk = false;
  private ended = false;

  private readonly onEvent = (ev: SseEvent): void => {
    this.eventCount++;
    if (this.handle(ev) && !this.completed) {
      this.completed = true;
      this.terminalInChunk = true;
    }
  };
  private readonly onElement = (element: Buffer): void => this.onEvent(new SseEvent(undefined, element));

  constructor(
    private readonly allowsJsonArray: boolean,
    private readonly inspectJson: (parsed: unknown) => JsonInspection,
  ) {}

  /** Handles one event; returns true when it is the stream's terminal success event. */
  protected abstract handle(ev: SseEvent): boolean;
  /** Usage read from the events so far. */
  protected abstract streamUsage(): Usage;
  /** Hook at end(), after the last event and before the empty/truncated verdict. */
  protected finish(): void {}

  /** Records an error; the first one reported wins. */
  protected fail(error: UpstreamBodyError): void {
    if (this.error !== null) return;
    this.error = error;
    this.errorCut = this.framing === 'json-array' ? (this.array?.elementCut ?? -1) : (this.sse?.eventStart ?? -1);
  }

  get jsonArray(): boolean {
    return this.framing === 'json-array';
  }

  push(chunk: Buffer): boolean {
    if (this.ended || chunk.length === 0) return false;
    this.terminalInChunk = false;
    let bytes = chunk;
    if (this.framing === 'unknown') {
      const start = firstMeaningfulByte(chunk);
      if (start < 0) return false;
      bytes = chunk.subarray(start);
      this.framing = this.detect(bytes[0]);
      if (this.framing === 'html') this.fail(htmlBodyError(bytes));
    }
    switch (this.framing) {
      case 'sse':
        this.sse ??= new SseScanner();
        this.sse.push(bytes, this.onEvent);
        break;
      case 'json-array':
        this.array ??= new JsonArrayScanner();
        this.array.push(bytes, this.onElement);
        break;
      case 'raw-json':
        this.rawBytes += bytes.length;
        if (this.rawBytes <= MAX_RAW_JSON) this.raw.push(bytes);
        break;
      default:
        break;
    }
    return this.terminalInChunk;
  }

  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.sse?.flush(this.onEvent);
    if (this.framing === 'raw-json') this.finishRawJson();
    this.finish();
    if (this.completed || this.error !== null) return;
    this.error =
      this.eventCount === 0
        ? { type: 'empty_stream', message: 'upstream stream ended without any event' }
        : { type: 'truncated_stream', message: 'upstream stream ended before its final event' };
  }

  usage(): Usage {
    return this.rawUsage ?? this.streamUsage();
  }

  private detect(first: number | undefined): Framing {
    if (first === 0x3c /* < */) return 'html';
    if (first === 0x7b /* { */) return 'raw-json';
    if (first === 0x5b /* [ */) return this.allowsJsonArray ? 'json-array' : 'raw-json';
    return 'sse';
  }

  private finishRawJson(): void {
    const notStream = 'upstream answered a stream request with a plain JSON body';
    if (this.rawBytes > MAX_RAW_JSON) {
      this.fail({ type: 'invalid_stream', message: notStream });
      return;
    }
    const check = checkBody(Buffer.concat(this.raw), undefined);
    this.raw = [];
    if (!check.ok) {
      this.fail(check.error);
      return;
    }
    const found = this.inspectJson(check.value);
    this.rawUsage = found.usage;
    if (found.model !== undefined) this.model ??= found.model;
    this.fail(found.error ?? { type: 'invalid_stream', message: notStream });
  }
}
