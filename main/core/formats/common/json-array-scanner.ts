// Incremental splitter for a streamed top-level JSON array (`[{…},{…}]`, Gemini's non-SSE stream form).

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * Emits the raw bytes of each object/array element of a top-level JSON array as soon as it closes. Strings are
 * tracked (escapes included) so brackets inside them do not count. Primitive elements are skipped; anything
 * after the closing `]` is ignored. Keeps only the unfinished element between pushes.
 */
export class JsonArrayScanner {
  /** 0: before `[`; 1: inside the array between elements; 2+: inside an element. */
  private depth = 0;
  private inString = false;
  private escaped = false;
  private closed = false;
  /** Pieces of the current element from earlier chunks. */
  private parts: Buffer[] = [];
  /**
   * Read inside `onElement`: the offset in the chunk being pushed just past the element before it (0 when that one
   * ended in an earlier chunk), so the bytes before it hold only earlier elements; -1 when the element being emitted
   * began in an earlier chunk.
   */
  elementCut = -1;

  push(chunk: Buffer, onElement: (element: Buffer) => void): void {
    if (this.closed) return;
    let start = this.depth >= 2 ? 0 : -1;
    let previousEnd = 0;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i];
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === BACKSLASH) this.escaped = true;
        else if (c === QUOTE) this.inString = false;
        continue;
      }
      if (c === QUOTE) {
        if (this.depth >= 1) this.inString = true;
      } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
        if (this.depth === 1) start = i;
        if (this.depth > 0 || c === 0x5b) this.depth++;
      } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
        if (this.depth === 0) continue;
        this.depth--;
        if (this.depth === 1 && start >= 0) {
          const piece = chunk.subarray(start, i + 1);
          const earlier = this.parts.length > 0;
          const element = earlier ? Buffer.concat([...this.parts, piece]) : piece;
          this.parts = [];
          start = -1;
          this.elementCut = earlier ? -1 : previousEnd;
          previousEnd = i + 1;
          onElement(element);
        } else if (this.depth === 0) {
          this.closed = true;
          return;
        }
      }
    }
    if (this.depth >= 2 && start >= 0) this.parts.push(chunk.subarray(start));
  }
}
