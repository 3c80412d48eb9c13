// Daily request-log cleanup: rows older than the retention setting go, in small batches; rollups and ledger stay.
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import type { RequestsRepository } from '../store/repositories';

const DAY_MS = 24 * 60 * 60_000;

export interface LogRetentionOptions {
  /** Rows per DELETE (small, so the relay's group commits never wait long for the write lock). */
  batchSize?: number;
  /** How often the timer looks whether a run is due (the run itself is daily, by the injected clock). */
  checkEveryMs?: number;
  /** The first run happens this long after start (the hub is up and answering first). */
  firstRunAfterMs?: number;
  /** Runs are this far apart. */
  intervalMs?: number;
  /** Tables derived from the log that go with it (sessions last seen before the cutoff), cleaned after it. */
  derived?: readonly Pick<RequestsRepository, 'deleteOlderThan'>[];
}

/**
 * Deletes `requests` rows whose created_at is older than `retentionDays()` days (0 = keep forever). Never touches
 * `usage_hourly` or `usage_ledger`: dashboards and quotas survive the cleanup. Between batches it yields to the event
 * loop, so a large first cleanup never blocks the relay.
 */
export class LogRetention {
  private readonly batchSize: number;
  private readonly intervalMs: number;
  private readonly checkEveryMs: number;
  private readonly derived: readonly Pick<RequestsRepository, 'deleteOlderThan'>[];
  private nextRunAt: number;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;
  private stopped = false;

  constructor(
    private readonly requests: Pick<RequestsRepository, 'deleteOlderThan'>,
    private readonly clock: Clock,
    private readonly retentionDays: () => number,
    private readonly logger: Logger,
    opts: LogRetentionOptions = {},
  ) {
    this.batchSize = opts.batchSize ?? 500;
    this.intervalMs = opts.intervalMs ?? DAY_MS;
    this.checkEveryMs = opts.checkEveryMs ?? 60_000;
    this.derived = opts.derived ?? [];
    this.nextRunAt = clock.now() + (opts.firstRunAfterMs ?? 5 * 60_000);
  }

  /** When the next run is due (by the injected clock). */
  get dueAt(): number {
    return this.nextRunAt;
  }

  /** Starts the timer that runs the cleanup when due. */
  start(): void {
    if (this.timer) return;
    this.stopped = false;
    this.timer = setInterval(() => void this.tick(), this.checkEveryMs);
    this.timer.unref();
  }

  /** Runs the cleanup when it is due; returns the rows deleted (0 when not due or already running). */
  async tick(): Promise<number> {
    if (this.running || this.clock.now() < this.nextRunAt) return 0;
    this.nextRunAt = this.clock.now() + this.intervalMs;
    return this.runOnce();
  }

  /** One cleanup now, in batches; resolves with the number of rows deleted. */
  runOnce(): Promise<number> {
    this.running ??= this.clean().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** Stops the timer and waits for a cleanup in progress to finish its current batch. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => 0);
  }

  private async clean(): Promise<number> {
    const days = this.retentionDays();
    if (!(days > 0)) return 0;
    const cutoff = this.clock.now() - days * DAY_MS;
    let total = 0;
    try {
      total = await this.inBatches(this.requests, cutoff);
      for (const table of this.derived) await this.inBatches(table, cutoff);
    } catch (err) {
      this.logger.error(`log retention failed after ${total} row(s): ${String(err)}`);
    }
    if (total > 0) this.logger.info(`log retention: deleted ${total} request(s) older than ${days} day(s)`);
    return total;
  }

  private async inBatches(table: Pick<RequestsRepository, 'deleteOlderThan'>, cutoff: number): Promise<number> {
    let total = 0;
    for (;;) {
      const changes = await table.deleteOlderThan(cutoff, this.batchSize);
      total += changes;
      if (changes < this.batchSize || this.stopped) return total;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
}
