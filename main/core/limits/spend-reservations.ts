// Spend held by billable requests in flight: what each may still cost, per key, user and provider, until it settles.
import { keySubject, providerSubject, userSubject } from '../subjects';

/**
 * Nano-USD reserved per subject (the spend windows' unit, so taking and releasing add up to exactly 0 again).
 * Every operation is O(1); a subject with nothing reserved has no entry.
 *
 * Settling: a request's real cost is charged to the spend windows when its log row is journaled, and the relay
 * releases the reservation only after that (when the request's handling ends). Between the two the cost counts twice,
 * which errs toward refusing, never toward admitting; a request that ends without a charge (no answer, a failure, a
 * client that left before any usage) just releases.
 */
export class SpendReservations {
  private readonly held = new Map<string, number>();
  private openCount = 0;

  /** Nano-USD reserved now on a subject (`key:…`, `user:…`, `provider:…`). */
  heldNanos(subject: string): number {
    return this.held.get(subject) ?? 0;
  }

  /** Reservations not yet released (tests and metrics: 0 when nothing is in flight). */
  open(): number {
    return this.openCount;
  }

  /** Nano-USD reserved across every subject (tests and metrics: 0 when nothing is in flight). */
  totalNanos(): number {
    let n = 0;
    for (const v of this.held.values()) n += v;
    return n;
  }

  /** Opens a request's reservation of `nanos` on its key and user; the provider is added once one is chosen. */
  take(keyId: string, userId: string, nanos: number): SpendReservation {
    this.openCount++;
    return new SpendReservation(this, keySubject(keyId), userSubject(userId), nanos);
  }

  /** @internal Adds (or with a negative amount removes) nano-USD on a subject. */
  adjust(subject: string, nanos: number): void {
    if (nanos === 0) return;
    const next = (this.held.get(subject) ?? 0) + nanos;
    if (next === 0) this.held.delete(subject);
    else this.held.set(subject, next);
  }

  /** @internal */
  closed(): void {
    this.openCount--;
  }
}

/** One request's reservation. Released exactly once, however often `release` is called. */
export class SpendReservation {
  private provider: string | null = null;
  private released = false;

  constructor(
    private readonly book: SpendReservations,
    private readonly key: string,
    private readonly user: string,
    /** Nano-USD held on each of its subjects. */
    private nanos: number,
  ) {
    book.adjust(key, nanos);
    book.adjust(user, nanos);
  }

  /** Nano-USD this request holds on each of its subjects. */
  get amount(): number {
    return this.released ? 0 : this.nanos;
  }

  /**
   * The request is being sent to a provider: from now on it holds `nanos` — its estimate for that provider — on its
   * key, its user and that provider (moved from a provider it failed over from).
   */
  retarget(providerId: string, nanos: number): void {
    if (this.released) return;
    const provider = providerSubject(providerId);
    const { book } = this;
    book.adjust(this.key, nanos - this.nanos);
    book.adjust(this.user, nanos - this.nanos);
    if (this.provider !== null) book.adjust(this.provider, -this.nanos);
    book.adjust(provider, nanos);
    this.provider = provider;
    this.nanos = nanos;
  }

  /** Ends the reservation: the request's real cost, if any, is already charged. */
  release(): void {
    if (this.released) return;
    this.released = true;
    const { book } = this;
    book.adjust(this.key, -this.nanos);
    book.adjust(this.user, -this.nanos);
    if (this.provider !== null) book.adjust(this.provider, -this.nanos);
    book.closed();
  }
}
