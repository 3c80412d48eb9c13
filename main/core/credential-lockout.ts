// Credential-guessing throttle: failing attempts counted per client address on the clock; past a threshold, refused.
import { ipBytes } from './client-address';
import type { Clock } from './clock';

export interface LockoutPolicy {
  /** Failures within `windowMs` that start a lock (the one that reaches it is still answered as a failure). */
  maxFailures: number;
  windowMs: number;
  lockMs: number;
}

/** Hub keys on the relay: 20 failures in 5 minutes → failing attempts refused for 10 minutes. */
export const RELAY_LOCKOUT: LockoutPolicy = { maxFailures: 20, windowMs: 5 * 60_000, lockMs: 10 * 60_000 };

/** The admin API's credentials (console login and `Bearer`, one count): 10 failures in 5 minutes → 15 minutes. */
export const ADMIN_LOCKOUT: LockoutPolicy = { maxFailures: 10, windowMs: 5 * 60_000, lockMs: 15 * 60_000 };

/** Addresses remembered at most; past it those that failed least recently are forgotten. */
export const LOCKOUT_CAPACITY = 10_000;

export interface FailureVerdict {
  /** 0: the failure was counted, answer it as a plain failure (401); else refuse it (429) for this many ms. */
  retryAfterMs: number;
  /** The first refused attempt of a lock (so a lock is logged once, not once per refused guess). */
  firstRefusal: boolean;
}

interface Entry {
  /** Times of the failures still in the window, oldest first (never more than `maxFailures`). */
  failures: number[];
  lockedUntil: number;
  refused: boolean;
}

/**
 * Only failing attempts come here: callers check the credential first, so a valid one is served whatever its
 * address did, and a success clears nothing (a caller holding one valid key cannot reset its count of guesses).
 * Addresses are counted as given, except that an IPv6 address counts by its /64 (what one host is usually handed)
 * and an IPv4-mapped IPv6 address as the IPv4 address. A locked address's further failures are refused without
 * being counted, so the lock ends `lockMs` after it began.
 */
export class Lockout {
  /** In the order of the last failure, least recent first (a Map keeps insertion order): the LRU. */
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly clock: Clock,
    readonly policy: LockoutPolicy,
    private readonly capacity = LOCKOUT_CAPACITY,
  ) {}

  /** Records a failing attempt from the address and says how to answer it. */
  fail(address: string): FailureVerdict {
    const now = this.clock.now();
    const key = addressBucket(address);
    let e = this.entries.get(key);
    if (e) this.entries.delete(key);
    else e = { failures: [], lockedUntil: 0, refused: false };
    this.entries.set(key, e);
    if (this.entries.size > this.capacity) this.evict();
    if (e.lockedUntil > now) {
      const firstRefusal = !e.refused;
      e.refused = true;
      return { retryAfterMs: e.lockedUntil - now, firstRefusal };
    }
    const since = now - this.policy.windowMs;
    while (e.failures.length > 0 && (e.failures[0] as number) <= since) e.failures.shift();
    e.failures.push(now);
    if (e.failures.length >= this.policy.maxFailures) {
      e.lockedUntil = now + this.policy.lockMs;
      e.failures = [];
      e.refused = false;
    }
    return { retryAfterMs: 0, firstRefusal: false };
  }

  /**
   * Forgets the least recently failed tenth in one sweep: evicting one at a time would start a Map iterator per
   * failure, and each start skips the holes earlier deletions left at the front (O(n) under a spread-out attack).
   */
  private evict(): void {
    let excess = this.entries.size - Math.floor(this.capacity * 0.9);
    for (const key of this.entries.keys()) {
      if (excess-- <= 0) break;
      this.entries.delete(key);
    }
  }

  /** Milliseconds the address's failing attempts are still refused for, or 0. */
  lockedFor(address: string): number {
    const e = this.entries.get(addressBucket(address));
    return e ? Math.max(0, e.lockedUntil - this.clock.now()) : 0;
  }

  /** Addresses remembered now. */
  get size(): number {
    return this.entries.size;
  }
}

/** Seconds for a Retry-After header (rounded up, at least 1). */
export function retryAfterSeconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}

/** What one counter stands for: an IPv4 address, or an IPv6 address's /64. */
export function addressBucket(address: string): string {
  if (!address.includes(':')) return address;
  const bytes = ipBytes(address);
  if (bytes === undefined) return address;
  if (bytes.length === 4) return bytes.join('.');
  const groups: string[] = [];
  for (let i = 0; i < 8; i += 2) groups.push((((bytes[i] as number) << 8) | (bytes[i + 1] as number)).toString(16));
  return `${groups.join(':')}::/64`;
}
