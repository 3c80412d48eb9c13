// The injectable clock: every time-dependent piece of the hub (windows, breakers, sessions, lockouts, the relay's own
// timeouts) reads time and sets its timers here.

/** A pending timer, for clearTimeout; opaque to its holder. */
export type TimerHandle = unknown;

export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
  /** Runs `run` once, `ms` from now by this clock. */
  setTimeout(run: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

interface ManualTimer {
  at: number;
  run: () => void;
}

/** A clock tests move by hand: its timers fire, in order, as advance() or set() moves past them. */
export class ManualClock implements Clock {
  private timers = new Set<ManualTimer>();

  constructor(private t = Date.UTC(2026, 0, 5, 12, 0, 0)) {}
  now(): number {
    return this.t;
  }
  set(ms: number): void {
    if (ms > this.t) this.advance(ms - this.t);
    else this.t = ms;
  }
  advance(ms: number): void {
    const target = this.t + ms;
    for (;;) {
      let next: ManualTimer | undefined;
      for (const timer of this.timers) if (timer.at <= target && (!next || timer.at < next.at)) next = timer;
      if (!next) break;
      this.timers.delete(next);
      this.t = Math.max(this.t, next.at);
      next.run();
    }
    this.t = target;
  }
  setTimeout(run: () => void, ms: number): TimerHandle {
    const timer: ManualTimer = { at: this.t + Math.max(0, ms), run };
    this.timers.add(timer);
    return timer;
  }
  clearTimeout(handle: TimerHandle): void {
    this.timers.delete(handle as ManualTimer);
  }
  /** Timers waiting to fire (lets a test see that the hub is waiting on this clock). */
  pendingTimers(): number {
    return this.timers.size;
  }
}
