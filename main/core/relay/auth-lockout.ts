// Brute-force guard for hub keys: too many bad keys from one address lock it out for a while (clock-driven).
import type { Clock } from '../clock';

export interface LockoutPolicy {
  maxFailures: number;
  windowMs: number;
  lockMs: number;
}

export const RELAY_LOCKOUT: LockoutPolicy = { maxFailures: 20, windowMs: 5 * 60_000, lockMs: 10 * 60_000 };

interface Entry {
  failures: number[];
  lockedUntil: number;
}

/** Counts failures per address in a sliding window; reused by the console login with its own policy. */
export class Lockout {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly clock: Clock,
    private readonly policy: LockoutPolicy,
  ) {}

  /** Milliseconds the address is still locked for, or 0. */
  lockedFor(address: string): number {
    const e = this.entries.get(address);
    if (!e) return 0;
    return Math.max(0, e.lockedUntil - this.clock.now());
  }

  recordFailure(address: string): void {
    const now = this.clock.now();
    let e = this.entries.get(address);
    if (!e) {
      e = { failures: [], lockedUntil: 0 };
      this.entries.set(address, e);
    }
    const since = now - this.policy.windowMs;
    e.failures = e.failures.filter((t) => t > since);
    e.failures.push(now);
    if (e.failures.length >= this.policy.maxFailures) {
      e.lockedUntil = now + this.policy.lockMs;
      e.failures = [];
    }
    if (this.entries.size > 10_000) this.prune(now);
  }

  recordSuccess(address: string): void {
    const e = this.entries.get(address);
    if (e && e.lockedUntil <= this.clock.now()) this.entries.delete(address);
  }

  private prune(now: number): void {
    for (const [addr, e] of this.entries) {
      if (e.lockedUntil <= now && (e.failures.at(-1) ?? 0) <= now - this.policy.windowMs) this.entries.delete(addr);
    }
  }
}
