// Circuit breakers per provider: closed → open after N exhausted failures → half-open → closed after M successes.
import type { Clock } from '../clock';
import type { ProviderRuntime } from '../model/entities';
import type { CandidateFilter } from './select';

export type BreakerState = 'closed' | 'open' | 'half-open';

/** What a breaker needs of a provider: its id and breaker settings. */
export type BreakerProvider = Pick<ProviderRuntime, 'id' | 'breaker'>;

export interface BreakerTransition {
  at: number;
  from: BreakerState;
  to: BreakerState;
  reason: string;
}

/** The admin view; times in epoch ms. */
export interface BreakerView {
  state: BreakerState;
  /** Consecutive counted failures. */
  failures: number;
  openedAt?: number;
  retryAt?: number;
  /** Successes so far while half-open. */
  halfOpenSuccesses?: number;
  /** Latest transitions, oldest first (at most 50). */
  history: BreakerTransition[];
}

export interface BreakerChange extends BreakerTransition {
  providerId: string;
  failures: number;
}

export type BreakerListener = (change: BreakerChange) => void;

const HISTORY_MAX = 50;

interface Breaker {
  state: BreakerState;
  failures: number;
  successes: number;
  openedAt: number;
  retryAt: number;
  history: BreakerTransition[];
}

export class BreakerBoard {
  private readonly breakers = new Map<string, Breaker>();
  private readonly listeners = new Set<BreakerListener>();

  /** Whether the provider may take a request: false while open; past its open duration it turns half-open. */
  allow(p: BreakerProvider, now: number): boolean {
    const b = this.breakers.get(p.id);
    if (!b) return true;
    this.advance(p, b, now);
    return b.state !== 'open';
  }

  /** A request on this provider succeeded (closed: resets the failure count; half-open: one step towards closed). */
  recordSuccess(p: BreakerProvider, now: number): void {
    const b = this.breakers.get(p.id);
    if (!b) return;
    this.advance(p, b, now);
    if (b.state === 'closed') {
      b.failures = 0;
    } else if (b.state === 'half-open') {
      b.successes++;
      if (b.successes >= Math.max(1, p.breaker.halfOpenSuccesses)) {
        this.transition(p.id, b, 'closed', now, `${b.successes} successes while half-open`);
      }
    }
    // open: a late success of a request that began before the circuit opened changes nothing
  }

  /**
   * A request used up its attempts on this provider (one report per such request). Network-level failures count
   * only when the provider's `countNetworkErrors` is on.
   */
  recordFailure(p: BreakerProvider, failure: { network: boolean }, now: number): void {
    const cfg = p.breaker;
    if (cfg.failureThreshold <= 0) return;
    if (failure.network && !cfg.countNetworkErrors) return;
    const b = this.breaker(p.id);
    this.advance(p, b, now);
    b.failures++;
    if (b.state === 'half-open') {
      this.open(p, b, now, 'a failure while half-open');
    } else if (b.state === 'closed' && b.failures >= cfg.failureThreshold) {
      this.open(p, b, now, `${b.failures} consecutive failures`);
    }
  }

  state(p: BreakerProvider, now: number): BreakerView {
    const b = this.breakers.get(p.id);
    if (!b) return { state: 'closed', failures: 0, history: [] };
    this.advance(p, b, now);
    const view: BreakerView = { state: b.state, failures: b.failures, history: b.history.slice() };
    if (b.state !== 'closed') {
      view.openedAt = b.openedAt;
      view.retryAt = b.retryAt;
    }
    if (b.state === 'half-open') view.halfOpenSuccesses = b.successes;
    return view;
  }

  /** When an open circuit lets requests through again (epoch ms), or null when it is not open. */
  openUntil(p: BreakerProvider, now: number): number | null {
    const b = this.breakers.get(p.id);
    if (!b) return null;
    this.advance(p, b, now);
    return b.state === 'open' ? b.retryAt : null;
  }

  /** Admin reset: closed, no failures (history kept). */
  reset(providerId: string, now: number): void {
    const b = this.breakers.get(providerId);
    if (!b) return;
    b.failures = 0;
    b.successes = 0;
    if (b.state !== 'closed') this.transition(providerId, b, 'closed', now, 'reset by an admin');
  }

  /** Drops breakers of providers that no longer exist (call after a registry rebuild). */
  retain(providerIds: Iterable<string>): void {
    const keep = new Set(providerIds);
    for (const id of this.breakers.keys()) if (!keep.has(id)) this.breakers.delete(id);
  }

  /** Listens to every state change (logging, notifications); returns the unsubscribe function. */
  onChange(listener: BreakerListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private breaker(id: string): Breaker {
    let b = this.breakers.get(id);
    if (!b) {
      b = { state: 'closed', failures: 0, successes: 0, openedAt: 0, retryAt: 0, history: [] };
      this.breakers.set(id, b);
    }
    return b;
  }

  /** Time- and config-driven transitions: open → half-open after the open duration; a disabled breaker closes. */
  private advance(p: BreakerProvider, b: Breaker, now: number): void {
    if (b.state === 'closed') return;
    if (p.breaker.failureThreshold <= 0) {
      b.failures = 0;
      this.transition(p.id, b, 'closed', now, 'breaker turned off');
    } else if (b.state === 'open' && now >= b.retryAt) {
      b.successes = 0;
      this.transition(p.id, b, 'half-open', b.retryAt, 'open duration elapsed');
    }
  }

  private open(p: BreakerProvider, b: Breaker, now: number, reason: string): void {
    b.openedAt = now;
    b.retryAt = now + Math.max(0, p.breaker.openMs);
    b.successes = 0;
    this.transition(p.id, b, 'open', now, reason);
  }

  private transition(providerId: string, b: Breaker, to: BreakerState, at: number, reason: string): void {
    const from = b.state;
    b.state = to;
    if (to === 'closed') b.failures = 0;
    const entry: BreakerTransition = { at, from, to, reason };
    b.history.push(entry);
    if (b.history.length > HISTORY_MAX) b.history.shift();
    for (const listener of this.listeners) {
      try {
        listener({ ...entry, providerId, failures: b.failures });
      } catch {
        // a listener's failure never breaks routing
      }
    }
  }
}

/** Drops providers whose circuit is open: "circuit open until <ISO>". */
export function breakerFilter(board: BreakerBoard, clock: Clock): CandidateFilter {
  return (p) => {
    const now = clock.now();
    if (board.allow(p, now)) return null;
    const until = board.openUntil(p, now);
    return `circuit open until ${until === null ? 'reset' : new Date(until).toISOString()}`;
  };
}
