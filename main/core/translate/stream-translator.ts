// One translated stream: upstream bytes in, the client's format out, event by event as they arrive (nothing is held
// beyond an unfinished event).
import { type SseEvent, SseScanner } from '../formats/common/sse-scanner';
import type { StreamDecoder, StreamEncoder } from './codecs';
import type { NeutralEvent } from './neutral/model';

const NOTHING = Buffer.alloc(0);

export class StreamTranslator {
  private readonly sse = new SseScanner();
  private readonly events: NeutralEvent[] = [];
  private readonly out: string[] = [];
  private readonly onEvent = (ev: SseEvent): void => this.decoder.decode(ev, this.events);

  constructor(
    private readonly decoder: StreamDecoder,
    private readonly encoder: StreamEncoder,
  ) {}

  /** The client's bytes for this upstream chunk (empty while an event is still incomplete). */
  push(chunk: Buffer): Buffer {
    this.sse.push(chunk, this.onEvent);
    return this.drain();
  }

  /** The upstream ended cleanly: its unfinished last event and the closing events the client's format needs. */
  end(): Buffer {
    this.sse.flush(this.onEvent);
    this.decoder.finish(this.events);
    return this.drain();
  }

  private drain(): Buffer {
    const { events, out, encoder } = this;
    if (events.length === 0) return NOTHING;
    for (const e of events) encoder.encode(e, out);
    events.length = 0;
    if (out.length === 0) return NOTHING;
    const bytes = Buffer.from(out.length === 1 ? (out[0] as string) : out.join(''));
    out.length = 0;
    return bytes;
  }
}
