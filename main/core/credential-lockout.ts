// Credential-guessing throttle: failing attempts counted per client address on the clock; past a threshold, refused.
import { isIP } from 'node:net';
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

/** Addresses remembered at most; past it the one that failed least recently is forgotten. */
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
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
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
  if (address.startsWith('::ffff:') && isIP(address.slice(7)) === 4) return address.slice(7);
  const bare = address.split('%')[0] as string;
  if (isIP(bare) !== 6) return address;
  const [head = '', tail] = bare.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  // A trailing dotted IPv4 part stands for two groups.
  const rightGroups = right.length + (right.at(-1)?.includes('.') ? 1 : 0);
  const groups =
    tail === undefined ? left : [...left, ...Array<string>(8 - left.length - rightGroups).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((g) => Number.parseInt(g, 16).toString(16))
    .join(':')}::/64`;
}
