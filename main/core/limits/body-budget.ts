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
    let mine = 0;
    const budget = this;
    return {
      take(n: number): boolean {
        if (budget.held + n > budget.limitBytes) {
          budget.refusals++;
          return false;
        }
        budget.held += n;
        mine += n;
        return true;
      },
      give(n: number): void {
        const k = Math.min(n, mine);
        mine -= k;
        budget.held -= k;
        budget.onReleased?.(k);
      },
      release(): void {
        if (mine === 0) return;
        const k = mine;
        budget.held -= k;
        mine = 0;
        budget.onReleased?.(k);
      },
      get bytes() {
        return mine;
      },
    };
  }
}
