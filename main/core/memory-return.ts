// Gives a burst's request-body memory back: V8 frees dead buffers only at its next collection, which an idle hub never
// reaches, so once the body budget has handed back enough bytes the hub asks for one full collection (rate-limited).
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

const MiB = 1024 * 1024;

/** V8's collector, exposed once at start (the flag only affects contexts created after it is set). */
export function exposeGc(): (() => void) | undefined {
  const existing = (globalThis as { gc?: () => void }).gc;
  if (existing) return existing;
  try {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as unknown;
    return typeof gc === 'function' ? (gc as () => void) : undefined;
  } catch {
    return undefined;
  }
}

export interface MemoryReturnOptions {
  /** Bytes released since the last collection that make one worth it. */
  thresholdBytes?: number;
  /** Least time between two collections (ms). */
  minIntervalMs?: number;
}

export class MemoryReturn {
  private pending = 0;
  private lastAt = Number.NEGATIVE_INFINITY;
  private timer: NodeJS.Timeout | undefined;
  private readonly threshold: number;
  private readonly minInterval: number;
  private runs = 0;

  constructor(
    private readonly gc: (() => void) | undefined,
    private readonly now: () => number,
    options: MemoryReturnOptions = {},
  ) {
    this.threshold = options.thresholdBytes ?? 64 * MiB;
    this.minInterval = options.minIntervalMs ?? 2_000;
  }

  /** Collections run so far. */
  collections(): number {
    return this.runs;
  }

  /** `bytes` of request bodies became garbage. */
  readonly released = (bytes: number): void => {
    if (!this.gc) return;
    this.pending += bytes;
    if (this.pending < this.threshold || this.timer) return;
    const wait = Math.max(0, this.lastAt + this.minInterval - this.now());
    // Off the request's own path: after the answer that released the bytes has gone out.
    this.timer = setTimeout(this.collect, wait);
    this.timer.unref();
  };

  private readonly collect = (): void => {
    this.timer = undefined;
    this.pending = 0;
    this.lastAt = this.now();
    this.runs++;
    this.gc?.();
  };

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
