// The hub-wide budget of request-body bytes held in memory at once: a body takes its bytes as they arrive and gives
// them back when its request ends; a body that would take the hub over the budget is refused at once (no queue).

/** One request's share of the budget; `release()` is idempotent. */
export interface BodyLease {
  /** Takes `n` more bytes; false (and nothing taken) when that would exceed the budget. */
  take(n: number): boolean;
  /** Gives back `n` bytes (a compressed body once it is decoded). */
  give(n: number): void;
  /** Gives back everything this lease holds. */
  release(): void;
  readonly bytes: number;
}

export class BodyBudget {
  private held = 0;
  private refusals = 0;

  /** `onReleased` hears of every byte given back (they are garbage from then on). */
  constructor(
    readonly limitBytes: number,
    private readonly onReleased?: (bytes: number) => void,
  ) {}

  /** Bytes of request bodies held now. */
  inFlightBytes(): number {
    return this.held;
  }

  /** Bodies refused because the budget was spent, since start. */
  refused(): number {
    return this.refusals;
  }

  lease(): BodyLease {
    return new Lease(this);
  }

  /** Takes `n` bytes for a lease; false (counted as a refusal) when that would exceed the budget. */
  takeBytes(n: number): boolean {
    if (this.held + n > this.limitBytes) {
      this.refusals++;
      return false;
    }
    this.held += n;
    return true;
  }

  /** Bytes a lease gives back. */
  giveBytes(n: number): void {
    this.held -= n;
    this.onReleased?.(n);
  }
}

/** One per request: an object and one bound function (`release`). */
class Lease implements BodyLease {
  bytes = 0;

  constructor(private readonly budget: BodyBudget) {}

  take(n: number): boolean {
    if (!this.budget.takeBytes(n)) return false;
    this.bytes += n;
    return true;
  }

  give(n: number): void {
    const k = Math.min(n, this.bytes);
    this.bytes -= k;
    this.budget.giveBytes(k);
  }

  /** Bound: the relay hands it to the response's 'close' event. */
  readonly release = (): void => {
    if (this.bytes === 0) return;
    const k = this.bytes;
    this.bytes = 0;
    this.budget.giveBytes(k);
  };
}
