// Keeps every breaker transition: BreakerBoard reports them, they are written in batches off the request's path.
import type { BreakerBoard, BreakerChange } from '../routing/breaker';
import type { BreakerEventRecord } from '../store/operations-records';

/** Transitions waiting to be written are capped: a storm of flapping breakers never grows memory. */
const MAX_PENDING = 10_000;

export class BreakerLog {
  private pending: BreakerEventRecord[] = [];
  private readonly unsubscribe: () => void;

  constructor(
    board: BreakerBoard,
    private readonly sink: { append(events: readonly BreakerEventRecord[]): void },
  ) {
    this.unsubscribe = board.onChange((c) => this.add(c));
  }

  private add(c: BreakerChange): void {
    if (this.pending.length >= MAX_PENDING) return;
    this.pending.push({
      at: c.at,
      providerId: c.providerId,
      from: c.from,
      to: c.to,
      reason: c.reason,
      failures: c.failures,
    });
  }

  /** Writes what is pending (the fold timer calls it); kept for the next call when the write fails. */
  flush(): void {
    if (this.pending.length === 0) return;
    const events = this.pending;
    this.pending = [];
    try {
      this.sink.append(events);
    } catch (err) {
      this.pending = events.concat(this.pending).slice(0, MAX_PENDING);
      throw err;
    }
  }

  close(): void {
    this.unsubscribe();
  }
}
