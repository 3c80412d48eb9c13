// How long a provider that accepts and never answers holds a request before the next provider is tried, by its
// settings (the relay's rules in main/core/relay/attempt-timers.ts). Zod-free: the console imports it.

export interface HangTimeouts {
  firstByteMs: number;
  idleMs: number;
  totalMs: number;
}

/** Worst case in ms for a stream and a JSON request; null when nothing ever ends the wait. */
export function hangBounds(attempts: number, t: HangTimeouts): { streamMs: number | null; jsonMs: number | null } {
  // A stream attempt waits for its head until the first-byte timeout, else until the idle timeout (the silence limit).
  const perStreamAttempt = t.firstByteMs > 0 ? t.firstByteMs : t.idleMs;
  const streamAttempts = perStreamAttempt > 0 ? Math.max(1, attempts) * perStreamAttempt : null;
  const budget = t.totalMs > 0 ? t.totalMs : null;
  const streamMs =
    streamAttempts === null ? budget : budget === null ? streamAttempts : Math.min(streamAttempts, budget);
  // A JSON head only comes with the whole answer: only the budget, shared by all attempts, ends the wait.
  return { streamMs, jsonMs: budget };
}
