// Moves a ManualClock forward in steps while a condition holds, with a short real pause between steps: the hub's own
// timers (set on the clock) fire as they would over minutes, while the real sockets get the moment they need.
import type { ManualClock } from '../../main/core/clock';

/** Advances `clock` by `stepMs` at a time while `keepGoing()` and at most `maxMs` in all; returns how far it moved. */
export async function advanceWhile(
  clock: ManualClock,
  keepGoing: () => boolean,
  opts: { stepMs: number; maxMs: number; pauseMs?: number },
): Promise<number> {
  let advanced = 0;
  while (advanced < opts.maxMs) {
    await new Promise((r) => setTimeout(r, opts.pauseMs ?? 2));
    if (!keepGoing()) break;
    clock.advance(opts.stepMs);
    advanced += opts.stepMs;
  }
  return advanced;
}
