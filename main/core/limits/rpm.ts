// Requests per minute per user: a sliding 60 s window over each user's newest request times (ring buffer).
import { effectiveLimit } from '../subjects';

export const RPM_WINDOW_MS = 60_000;
/** Ring size for users without a limit (their count is shown, capped at this). */
const UNLIMITED_CAPACITY = 1024;
const INITIAL_CAPACITY = 16;

export interface RpmCheck {
  ok: boolean;
  /** Requests counted in the last 60 s. */
  count: number;
  /** Requests left in the window (0 when refused). */
  remaining: number;
  /** When refused: until the request that fills the limit leaves the window; else 0. */
  retryAfterMs: number;
  /** When a slot frees: the oldest counted request leaving the window (now when nothing is counted). */
  resetAt: number;
}

/** Newest request times of one user, oldest first; holds at most the largest limit seen. */
class Ring {
  times = new Float64Array(INITIAL_CAPACITY);
  head = 0;
  size = 0;
  /** The largest limit this user was checked against (0 = none yet). */
  maxLimit = 0;

  push(t: number): void {
    const cap = this.times.length;
    if (this.size < cap) {
      this.times[(this.head + this.size) % cap] = t;
      this.size++;
      return;
    }
    if (cap < Math.max(this.maxLimit, UNLIMITED_CAPACITY)) {
      this.grow(Math.min(cap * 2, Math.max(this.maxLimit, UNLIMITED_CAPACITY)));
      this.times[this.size++] = t;
      return;
    }
    this.times[this.head] = t; // full at the largest limit: the oldest time no longer matters
    this.head = (this.head + 1) % cap;
  }

  /** Drops times that left the window; amortised O(1). */
  expire(now: number): void {
    const cap = this.times.length;
    while (this.size > 0 && (this.times[this.head] as number) <= now - RPM_WINDOW_MS) {
      this.head = (this.head + 1) % cap;
      this.size--;
    }
  }

  /** The i-th oldest time held (0-based). */
  at(i: number): number {
    return this.times[(this.head + i) % this.times.length] as number;
  }

  newest(): number {
    return this.size === 0 ? Number.NEGATIVE_INFINITY : this.at(this.size - 1);
  }

  private grow(capacity: number): void {
    const next = new Float64Array(capacity);
    for (let i = 0; i < this.size; i++) next[i] = this.at(i);
    this.times = next;
    this.head = 0;
  }
}

export class RpmCounter {
  private readonly rings = new Map<string, Ring>();

  /** Records an admitted request (refused requests are not recorded, so a client recovers by waiting). */
  hit(userId: string, now: number): void {
    let ring = this.rings.get(userId);
    if (!ring) {
      ring = new Ring();
      this.rings.set(userId, ring);
    }
    ring.expire(now);
    ring.push(now);
  }

  /** Whether one more request fits under `limit` per minute (null, 0 or absent = unlimited). */
  check(userId: string, limit: number | null | undefined, now: number): RpmCheck {
    const ring = this.rings.get(userId);
    const max = effectiveLimit(limit);
    if (ring) {
      ring.expire(now);
      if (max !== null && max > ring.maxLimit) ring.maxLimit = Math.ceil(max);
    } else if (max !== null) {
      const fresh = new Ring();
      fresh.maxLimit = Math.ceil(max);
      this.rings.set(userId, fresh);
    }
    const count = ring ? ring.size : 0;
    const oldestLeaves = ring && count > 0 ? ring.at(0) + RPM_WINDOW_MS : now;
    if (max === null || count < max) {
      return {
        ok: true,
        count,
        remaining: max === null ? Number.POSITIVE_INFINITY : Math.floor(max - count),
        retryAfterMs: 0,
        resetAt: oldestLeaves,
      };
    }
    // refused: one slot frees when the request that filled the limit (the max-th newest) leaves
    const filling = (ring as Ring).at(count - Math.ceil(max));
    const resetAt = filling + RPM_WINDOW_MS;
    return { ok: false, count, remaining: 0, retryAfterMs: Math.max(0, resetAt - now), resetAt };
  }

  /** Requests in the last 60 s (for quota pages and metrics). */
  count(userId: string, now: number): number {
    const ring = this.rings.get(userId);
    if (!ring) return 0;
    ring.expire(now);
    return ring.size;
  }

  /** An admin reset: the user's window starts empty now. */
  reset(userId: string): void {
    this.rings.delete(userId);
  }

  /** Forgets users with nothing in the window (call from a periodic timer). */
  sweep(now: number): void {
    for (const [userId, ring] of this.rings) {
      if (ring.newest() <= now - RPM_WINDOW_MS) this.rings.delete(userId);
    }
  }
}
