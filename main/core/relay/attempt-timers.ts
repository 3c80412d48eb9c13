// The relay's own timeouts on one attempt, on the injectable clock: a stream's first byte, and the provider's budget.
import type { Clock, TimerHandle } from '../clock';

/** Abort reasons (shared: no Error is built per request); upstream-error classifies them by code. */
export const FIRST_BYTE_TIMEOUT = Object.assign(new Error('the provider sent no response in time'), {
  code: 'CCHUB_FIRST_BYTE_TIMEOUT',
});
export const TOTAL_TIMEOUT = Object.assign(new Error('the provider did not answer in time'), {
  code: 'CCHUB_TOTAL_TIMEOUT',
});

/**
 * The absolute clock time by which a provider must have begun its answer, all its attempts together (`totalMs`
 * from its first attempt; Infinity when 0 = off). Past it the provider gets no further attempt.
 */
export function providerDeadline(clock: Clock, totalMs: number): number {
  return totalMs > 0 ? clock.now() + totalMs : Number.POSITIVE_INFINITY;
}

/**
 * Two timers that abort the attempt's upstream call:
 * - first byte (streams; `firstByteMs`, 0 = off): from the attempt's start, connect included, to the response head.
 *   Real upstreams send a stream's head within seconds, however long the prompt; a hang never sends it.
 * - budget (the provider's deadline): until the answer begins — for JSON the whole answer (its head only comes with
 *   it), for a stream its first content event (the hub holds the stream until then, so the client sees nothing).
 * The hub owns them (not undici's socket timers) so that tests drive them with the clock.
 */
export class AttemptTimers {
  private firstByte: TimerHandle | undefined;
  private budget: TimerHandle | undefined;

  constructor(
    private readonly clock: Clock,
    abort: (reason: Error) => void,
    firstByteMs: number,
    deadline: number,
  ) {
    if (firstByteMs > 0) this.firstByte = clock.setTimeout(() => abort(FIRST_BYTE_TIMEOUT), firstByteMs);
    if (deadline !== Number.POSITIVE_INFINITY) {
      this.budget = clock.setTimeout(() => abort(TOTAL_TIMEOUT), deadline - clock.now());
    }
  }

  /** The response head is in: the first-byte timeout is met. */
  headArrived(): void {
    if (this.firstByte === undefined) return;
    this.clock.clearTimeout(this.firstByte);
    this.firstByte = undefined;
  }

  /** The answer has begun reaching the client (or is whole in hand): nothing here may cut it any more. */
  answerBegan(): void {
    this.headArrived();
    if (this.budget === undefined) return;
    this.clock.clearTimeout(this.budget);
    this.budget = undefined;
  }
}
