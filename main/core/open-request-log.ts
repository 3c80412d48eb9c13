// The hub's request log: opened beside the database, each journaled batch handed on, its failures and replay logged.
import type Database from 'better-sqlite3';
import type { Clock } from './clock';
import type { Logger } from './logger';
import type { JournalWrite } from './store/journal-file';
import { type ReplayResult, RequestLog } from './store/request-log';
import type { RequestRecord } from './store/request-record';

export interface RequestLogWiring {
  /** A batch is journaled (or kept in memory): the quota windows and metrics count it. */
  onJournaled(records: readonly RequestRecord[]): void;
  /** Enough rows wait unfolded: fold soon (RequestLogHooks.onBacklog). */
  onBacklog?(): void;
  logger: Logger;
  clock: Clock;
  /** The journal's positional write (tests make the disk fail with it). */
  write?: JournalWrite;
}

export function openRequestLog(sqlite: Database.Database, w: RequestLogWiring): RequestLog {
  const { logger } = w;
  return new RequestLog(
    sqlite,
    {
      onJournaled: w.onJournaled,
      onBacklog: w.onBacklog,
      onError: (err) => logger.error(`request log: ${String(err)}`),
      onWritableChange: (writable, err) => {
        if (writable) logger.warn('request journal writable again: relay requests are accepted');
        else
          logger.error(
            `request journal write failed (${String(err)}): refusing new relay requests with 503 until it can be ` +
              'written; answers ending meanwhile end with an error, their rows wait in memory',
          );
      },
    },
    { clock: w.clock, write: w.write },
  );
}

/** What start-up found in the journal, in the log: a torn line is a power loss unless a failed write explains it. */
export function reportReplay(r: ReplayResult, logger: Logger): void {
  if (r.backfilled) logger.info('derived provider availability and sessions from the existing request log');
  if (r.replayed > 0) logger.info(`replayed ${r.replayed} journaled request(s) into the request log`);
  if (r.skipped > 0)
    logger.warn(`skipped ${r.skipped} unreadable line(s) in the request journal (torn by a power loss)`);
  const f = r.failedWrite;
  if (!f) return;
  if (r.tornByFailedWrite > 0) {
    logger.warn(
      `skipped ${r.tornByFailedWrite} line(s) in the request journal torn by a failed write (${f.code}` +
        `${f.code === 'ENOSPC' ? ': the disk was full' : ''}), not by a power loss`,
    );
  }
  logger.warn(
    `the previous run stopped while its request journal could not be written (${f.code} since ` +
      `${new Date(f.since).toISOString()}): requests that ended then were answered with an error, and such rows ` +
      'it held in memory may be missing; every request answered with success is in the log',
  );
}
