// The hub's timed work off the request path: the journal fold (and what follows each fold), log retention, WAL checkpoints.
import type { BreakerLog } from './availability/breaker-log';
import type { BodyStore } from './capture/body-store';
import type { Clock } from './clock';
import { startCheckpointer } from './db/checkpointer';
import { startFoldSchedule } from './fold-schedule';
import { LogRetention } from './jobs/log-retention';
import type { Logger } from './logger';
import type { RequestLog } from './store/request-log';
import type { SqliteStore } from './store/sqlite-store';

export interface HubJobsWiring {
  log: RequestLog;
  bodies: BodyStore;
  breakerLog: BreakerLog;
  store: SqliteStore;
  clock: Clock;
  logger: Logger;
  /** Settings: days of request log kept (0 = forever). */
  retentionDays: () => number;
  databaseFile: string;
  foldIntervalMs: number;
}

export interface HubJobs {
  /** The journal's backlog reached its bound: fold on the next turn (RequestLog's onBacklog). */
  foldSoon(): void;
  /** Stops the fold timer, the retention job and the checkpoint worker (the caller folds what is left). */
  stop(): Promise<void>;
}

export function startHubJobs(w: HubJobsWiring): HubJobs {
  const { log, bodies, breakerLog, clock, logger } = w;
  const folding = startFoldSchedule(
    () => {
      log.retryWrite();
      log.fold();
      bodies.tick(clock.now())?.catch((err: unknown) => logger.error(`body capture failed: ${String(err)}`));
      breakerLog.flush();
    },
    w.foldIntervalMs,
    logger,
  );
  const retention = new LogRetention(w.store.requests, clock, w.retentionDays, logger, { derived: [w.store.sessions] });
  retention.start();
  const checkpointer = startCheckpointer(w.databaseFile, 2_000, (m) => logger.warn(`WAL checkpoint: ${m}`));
  return {
    foldSoon: () => folding.soon(),
    stop: async () => {
      folding.stop();
      await retention.stop();
      await checkpointer.stop();
    },
  };
}
