// Incremental Server-Sent Events splitter over raw Buffers: finds event boundaries, decodes nothing it need not.
import { peekType } from './bytes';
import { field, parseJsonBytes, str } from './json-values';

const LF = 0x0a;
const CR = 0x0d;
const COLON = 0x3a;
const SPACE = 0x20;
const NEWLINE = Buffer.from('\n');

/** One dispatched SSE event. `data` is the raw bytes of its data lines joined by `\n`, undefined if it had none. */
export class SseEvent {
  private decoded: string | undefined;

  constructor(
    /** The `event:` name, undefined when the event had no `event:` line. */
    readonly event: string | undefined,
    readonly data: Buffer | undefined,
  ) {}

  /** The data decoded as UTF-8 ('' when none); decoded once, on first use. */
  get text(): string {
    if (this.decoded === undefined) this.decoded = this.data ? this.data.toString('utf8') : '';
    return this.decoded;
  }

  /** The data parsed as JSON; undefined when absent or not JSON. */
  json(): unknown {
    return this.data ? parseJsonBytes(this.data) : undefined;
  }
}

/**
 * Splits a byte stream into SSE events. A blank line (`\n` or `\r\n` line ends, mixed freely) ends an event;
 * `data:` lines are joined by `\n`, `event:` names the event, comments (`:` lines) and other fields are
 * skipped. A block with neither `event:` nor `data:` (e.g. only a `: keepalive` comment) dispatches nothing.
 * Only the unfinished tail is kept between pushes, so the work is linear in the bytes seen.
 * A lone `\r` is not treated as a line end.
 */
export class SseScanner {
  /** Pieces of the current, not yet terminated line. */
  private tail: Buffer[] = [];
  private eventName: string | undefined = undefined;
  private dataLines: Buffer[] = [];
  /** Offset in the chunk being pushed of the line being handled; -1 for a line begun in an earlier chunk. */
  private lineStart = -1;
  /**
   * Offset in the chunk being pushed where the event being dispatched began (its first `event:` or `data:` line),
   * -1 when it began in an earlier chunk. Read inside `onEvent`: the bytes before it hold only earlier events.
   */
  eventStart = -1;

  push(chunk: Buffer, onEvent: (ev: SseEvent) => void): void {
    let pos = 0;
    this.eventStart = -1;
    if (this.tail.length > 0) {
      const nl = chunk.indexOf(LF);
      if (nl < 0) {
        if (chunk.length > 0) this.tail.push(chunk);
        return;
      }
      this.tail.push(chunk.subarray(0, nl));
      const line = Buffer.concat(this.tail);
      this.tail = [];
      this.lineStart = -1;
      this.line(line, 0, line.length, onEvent);
      pos = nl + 1;
    }
    while (pos < chunk.length) {
      const nl = chunk.indexOf(LF, pos);
      if (nl < 0) {
        this.tail.push(chunk.subarray(pos));
        return;
      }
      this.lineStart = pos;
      this.line(chunk, pos, nl, onEvent);
      pos = nl + 1;
    }
  }

  /** At end of stream: treats an unterminated last line and event as complete and dispatches them. */
  flush(onEvent: (ev: SseEvent) => void): void {
    this.lineStart = -1;
    this.eventStart = -1;
    if (this.tail.length > 0) {
      const line = Buffer.concat(this.tail);
      this.tail = [];
      if (line.length > 0) this.line(line, 0, line.length, onEvent);
    }
    this.dispatch(onEvent);
  }

  /** Handles the line buf[start, end) (its `\n` excluded). */
  private line(buf: Buffer, start: number, end: number, onEvent: (ev: SseEvent) => void): void {
    const stop = end > start && buf[end - 1] === CR ? end - 1 : end;
    if (stop === start) {
      this.dispatch(onEvent);
      return;
    }
    const first = buf[start];
    if (first === COLON) return;
    if (first === 0x64 /* d */ && isField(buf, start, stop, 'data')) {
      if (this.eventName === undefined && this.dataLines.length === 0) this.eventStart = this.lineStart;
      this.dataLines.push(buf.subarray(valueStart(buf, start + 4, stop), stop));
    } else if (first === 0x65 /* e */ && isField(buf, start, stop, 'event')) {
      if (this.eventName === undefined && this.dataLines.length === 0) this.eventStart = this.lineStart;
      this.eventName = buf.toString('utf8', valueStart(buf, start + 5, stop), stop);
    }
  }

  private dispatch(onEvent: (ev: SseEvent) => void): void {
    const name = this.eventName;
    const lines = this.dataLines;
    if (name === undefined && lines.length === 0) return;
    this.eventName = undefined;
    this.dataLines = [];
    let data: Buffer | undefined;
    if (lines.length === 1) data = lines[0];
    else if (lines.length > 1) data = Buffer.concat(lines.flatMap((l, i) => (i === 0 ? [l] : [NEWLINE, l])));
    onEvent(new SseEvent(name, data));
  }
}

/** True when buf[start, stop) is the field `name`: the name followed by `:` or by the end of the line. */
function isField(buf: Buffer, start: number, stop: number, name: string): boolean {
  const n = name.length;
  if (stop - start < n) return false;
  for (let i = 1; i < n; i++) if (buf[start + i] !== name.charCodeAt(i)) return false;
  return stop - start === n || buf[start + n] === COLON;
}

/** Where a field's value starts: after the `:` and one optional space. */
function valueStart(buf: Buffer, afterName: number, stop: number): number {
  if (afterName >= stop) return stop;
  const v = afterName + 1;
  return v < stop && buf[v] === SPACE ? v + 1 : v;
}

/** The event's kind: its `event:` name, else the `"type"` member of its data (read without parsing when leading). */
export function eventKind(ev: SseEvent): string | undefined {
  if (ev.event !== undefined) return ev.event;
  if (!ev.data) return undefined;
  return peekType(ev.data) ?? str(field(ev.json(), 'type'));
}
