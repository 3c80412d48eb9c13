// When the request journal is folded into SQLite: on a timer, and at once when enough rows wait (a bounded fold).
import type { Logger } from './logger';

export interface FoldSchedule {
  /** Folds on the next turn of the event loop (the journal's backlog reached its bound); once however often called. */
  soon(): void;
  stop(): void;
}

/**
 * Runs `fold` every `intervalMs`, and on the next turn after `soon()`: under load the backlog bound triggers folds
 * before the timer, so each folds about the same number of rows and no fold holds the loop for long.
 */
export function startFoldSchedule(fold: () => void, intervalMs: number, logger: Logger): FoldSchedule {
  let pending: NodeJS.Immediate | undefined;
  const run = () => {
    pending = undefined;
    try {
      fold();
    } catch (err) {
      logger.error(`journal fold failed: ${String(err)}`);
    }
  };
  const timer = setInterval(run, intervalMs);
  timer.unref();
  return {
    soon: () => {
      pending ??= setImmediate(run);
    },
    stop: () => {
      clearInterval(timer);
      if (pending) clearImmediate(pending);
      pending = undefined;
    },
  };
}
