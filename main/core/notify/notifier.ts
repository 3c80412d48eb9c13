// Notifications, wired: breaker changes and the clock-driven watchers emit events; the delivery queue sends them.
import type { Clock, TimerHandle } from '../clock';
import type { SpendWindows } from '../limits/spend-windows';
import type { Logger } from '../logger';
import type { KeyEntry, ProviderRuntime } from '../model/entities';
import type { BreakerBoard, BreakerChange } from '../routing/breaker';
import type { Combo, HubSettings } from '../store/records';
import type { WebhookRecord } from '../store/webhooks';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../time/calendar';
import { DailyLeaderboard } from './daily-leaderboard';
import { DeliveryQueue, type DeliveryStore, type Send } from './delivery-queue';
import type { Notification, NotificationEvent } from './notification';
import { FormatCoverage, KeyExpiryWatch, limitedSubjects, type MemoryStore, SpendWatch } from './watchers';

/** The watchers run once a minute by the hub's clock. */
export const TICK_MS = MINUTE_MS;

export interface NotifierDeps {
  clock: Clock;
  logger: Logger;
  deliveries: DeliveryStore & { deleteDeliveriesBefore(cutoff: number): number };
  decrypt(ciphertext: string): string;
  memory: MemoryStore;
  breakers: BreakerBoard;
  spend: SpendWindows;
  registry: {
    keys(): Iterable<KeyEntry>;
    providers(): readonly ProviderRuntime[];
    provider(id: string): ProviderRuntime | undefined;
  };
  settings(): HubSettings;
  comboSums(from: number, to: number): Combo[];
  userName(id: string): string | undefined;
  send?: Send;
}

export class Notifier {
  readonly queue: DeliveryQueue;
  private readonly coverage = new FormatCoverage();
  private readonly spendWatch: SpendWatch;
  private readonly keyWatch: KeyExpiryWatch;
  private readonly leaderboard: DailyLeaderboard;
  private tickTimer: TimerHandle | undefined;
  private coverageTimer: TimerHandle | undefined;
  private unsubscribe: (() => void) | undefined;
  private lastPrune = Number.NEGATIVE_INFINITY;

  constructor(private readonly deps: NotifierDeps) {
    this.queue = new DeliveryQueue(deps.deliveries, deps.decrypt, deps.clock, deps.logger, deps.send);
    this.spendWatch = new SpendWatch(deps.memory);
    this.keyWatch = new KeyExpiryWatch(deps.memory);
    this.leaderboard = new DailyLeaderboard(deps.memory);
  }

  /** Resumes pending deliveries, listens to the breakers and starts the minute tick. */
  start(): void {
    this.queue.resume();
    this.unsubscribe = this.deps.breakers.onChange((c) => this.onBreaker(c));
    this.scheduleTick();
  }

  emit(event: NotificationEvent, data: Record<string, unknown>): void {
    const n: Notification = { event, at: new Date(this.deps.clock.now()).toISOString(), data };
    this.queue.emit(n);
  }

  /** The test button: a "test" notification sent to one target now; the delivery row it left. */
  test(hook: WebhookRecord) {
    const at = new Date(this.deps.clock.now()).toISOString();
    return this.queue.sendNow(hook, { event: 'test', at, data: { webhookId: hook.id, name: hook.name } });
  }

  /** Runs every watcher once (the minute tick; tests call it after moving the clock). */
  tick(): void {
    const now = this.deps.clock.now();
    const settings = this.deps.settings();
    const emit = (event: NotificationEvent, data: Record<string, unknown>) => this.emit(event, data);
    const { registry } = this.deps;
    const run = (what: string, fn: () => void) => {
      try {
        fn();
      } catch (err) {
        this.deps.logger.error(`notifications: ${what} check failed: ${String(err)}`);
      }
    };
    run('provider', () => this.coverage.check(registry.providers(), this.deps.breakers, now, emit));
    run('spend', () =>
      this.spendWatch.check(
        limitedSubjects(registry.keys(), registry.providers()),
        this.deps.spend,
        settings.notifySpendThreshold,
        now,
        emit,
      ),
    );
    run('key expiry', () => this.keyWatch.check(registry.keys(), settings.notifyKeyExpiringDays * DAY_MS, now, emit));
    run('leaderboard', () => {
      const data = this.leaderboard.due(
        {
          timeZone: settings.timezone,
          time: settings.notifyLeaderboardTime,
          size: settings.notifyLeaderboardSize,
          comboSums: this.deps.comboSums,
          userName: this.deps.userName,
        },
        now,
      );
      if (data) emit('leaderboard.daily', data);
    });
    if (now - this.lastPrune >= HOUR_MS) {
      this.lastPrune = now;
      run('delivery log retention', () =>
        this.deps.deliveries.deleteDeliveriesBefore(now - settings.webhookDeliveryRetentionDays * DAY_MS),
      );
    }
  }

  stop(): void {
    this.unsubscribe?.();
    if (this.tickTimer !== undefined) this.deps.clock.clearTimeout(this.tickTimer);
    if (this.coverageTimer !== undefined) this.deps.clock.clearTimeout(this.coverageTimer);
    this.tickTimer = undefined;
    this.coverageTimer = undefined;
    this.queue.close();
  }

  private scheduleTick(): void {
    this.tickTimer = this.deps.clock.setTimeout(() => {
      this.tick();
      this.scheduleTick();
    }, TICK_MS);
  }

  /** On the relay's path (a breaker changes inside a request): only queues; the coverage check runs on the clock. */
  private onBreaker(c: BreakerChange): void {
    const provider = this.deps.registry.provider(c.providerId);
    const base = { providerId: c.providerId, providerName: provider?.name ?? c.providerId, reason: c.reason };
    if (c.to === 'open') {
      const retryAt = provider ? c.at + Math.max(0, provider.breaker.openMs) : null;
      this.emit('breaker.opened', {
        ...base,
        failures: c.failures,
        ...(retryAt === null ? {} : { retryAt: new Date(retryAt).toISOString() }),
      });
    } else if (c.to === 'closed') {
      this.emit('breaker.closed', { ...base, from: c.from });
    }
    if (c.to !== 'half-open' && this.coverageTimer === undefined) {
      this.coverageTimer = this.deps.clock.setTimeout(() => {
        this.coverageTimer = undefined;
        const emit = (event: NotificationEvent, data: Record<string, unknown>) => this.emit(event, data);
        this.coverage.check(this.deps.registry.providers(), this.deps.breakers, this.deps.clock.now(), emit);
      }, 0);
    }
  }
}
