// Keeps the first bytes of an upstream answer as it streams past, for body capture (a no-op unless capture is on).

export class ResponseCapture {
  private readonly chunks: Buffer[] = [];
  private size = 0;
  /** True once the answer was longer than the cap. */
  truncated = false;

  constructor(private readonly maxBytes: number) {}

  push(chunk: Buffer): void {
    if (this.size >= this.maxBytes) {
      this.truncated = true;
      return;
    }
    const room = this.maxBytes - this.size;
    const part = chunk.length > room ? chunk.subarray(0, room) : chunk;
    if (part.length < chunk.length) this.truncated = true;
    this.chunks.push(Buffer.from(part));
    this.size += part.length;
  }

  /** What was kept since the last reset. */
  bytes(): Buffer {
    return Buffer.concat(this.chunks, this.size);
  }

  /** Starts again (a failed attempt's answer is not the one the client got). */
  reset(): void {
    this.chunks.length = 0;
    this.size = 0;
    this.truncated = false;
  }
}
