// Delivery off the hot path: notifications wait in memory, fan out to their targets on the hub's clock, and are sent
// one at a time per target within its rate limit, retried with backoff; every delivery is a row in the log.
import type { Clock, TimerHandle } from '../clock';
import type { Logger } from '../logger';
import type { DeliveryRecord, WebhookRecord } from '../store/webhooks';
import type { Notification } from './notification';
import { RateWindow } from './rate-window';
import { answerError, buildRequest, type OutgoingRequest, type ResolvedTarget } from './targets';

/** Waits before the 2nd, 3rd, 4th and 5th attempt; after the 5th failure a delivery is failed for good. */
export const RETRY_DELAYS_MS: readonly number[] = [30_000, 120_000, 600_000, 1_800_000];
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;
const SEND_TIMEOUT_MS = 10_000;

export interface SendResult {
  status: number;
  body: string;
  /** A 429's Retry-After, in ms. */
  retryAfterMs?: number;
}
export type Send = (request: OutgoingRequest) => Promise<SendResult>;

/** What the queue needs of the webhooks repository. */
export interface DeliveryStore {
  list(): WebhookRecord[];
  get(id: string): WebhookRecord | undefined;
  newDeliveryId(): string;
  insertDelivery(row: DeliveryRecord): void;
  updateDelivery(
    id: string,
    change: Pick<DeliveryRecord, 'status' | 'attempts' | 'responseStatus' | 'lastError' | 'updatedAt'>,
  ): void;
  getDelivery(id: string): DeliveryRecord | undefined;
  pendingDeliveries(): DeliveryRecord[];
}

interface Item {
  deliveryId: string;
  webhookId: string;
  notification: Notification;
  attempts: number;
  dueAt: number;
}

/** POSTs with a timeout; the body of the answer is read (bounded) for the chat APIs' error codes. */
export const httpSend: Send = async (request) => {
  const res = await fetch(request.url, {
    method: 'POST',
    headers: request.headers,
    body: request.body,
    redirect: 'manual',
    signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
  });
  const body = (await res.text()).slice(0, 2000);
  const retryAfter = Number(res.headers.get('retry-after'));
  return { status: res.status, body, ...(retryAfter > 0 ? { retryAfterMs: retryAfter * 1000 } : {}) };
};

export class DeliveryQueue {
  private readonly inbox: Notification[] = [];
  private readonly items: Item[] = [];
  private readonly sending = new Map<string, Promise<void>>();
  private readonly rate = new RateWindow();
  private timer: TimerHandle | undefined;
  private timerAt = Number.POSITIVE_INFINITY;
  private closed = false;

  constructor(
    private readonly store: DeliveryStore,
    private readonly decrypt: (ciphertext: string) => string,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly send: Send = httpSend,
  ) {}

  /** Queues a notification for every enabled target that takes its event. O(1): no I/O until the clock turns. */
  emit(n: Notification): void {
    if (this.closed) return;
    this.inbox.push(n);
    this.wake(this.clock.now());
  }

  /** Picks up deliveries a previous run left pending. */
  resume(): void {
    const now = this.clock.now();
    for (const d of this.store.pendingDeliveries()) {
      this.items.push({
        deliveryId: d.id,
        webhookId: d.webhookId,
        notification: JSON.parse(d.payload) as Notification,
        attempts: d.attempts,
        dueAt: now,
      });
    }
    if (this.items.length > 0) this.wake(now);
  }

  /** The test button: one attempt now, outside the queue and its rate limit; the delivery row it left. */
  async sendNow(hook: WebhookRecord, n: Notification): Promise<DeliveryRecord> {
    const item = this.record(hook, n);
    await this.attempt(hook, item, false);
    return this.store.getDelivery(item.deliveryId) as DeliveryRecord;
  }

  /** Resolves once no send is in flight (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.sending.size > 0) await Promise.all(this.sending.values());
  }

  /** Deliveries waiting in memory (queued or backing off). */
  waiting(): number {
    return this.inbox.length + this.items.length;
  }

  close(): void {
    this.closed = true;
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private wake(at: number): void {
    if (this.closed || at >= this.timerAt) return;
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timerAt = at;
    this.timer = this.clock.setTimeout(
      () => {
        this.timer = undefined;
        this.timerAt = Number.POSITIVE_INFINITY;
        this.pump();
      },
      Math.max(0, at - this.clock.now()),
    );
  }

  private record(hook: WebhookRecord, n: Notification): Item {
    const now = this.clock.now();
    const deliveryId = this.store.newDeliveryId();
    this.store.insertDelivery({
      id: deliveryId,
      webhookId: hook.id,
      event: n.event,
      status: 'pending',
      attempts: 0,
      responseStatus: null,
      lastError: null,
      payload: JSON.stringify(n),
      createdAt: now,
      updatedAt: now,
    });
    return { deliveryId, webhookId: hook.id, notification: n, attempts: 0, dueAt: now };
  }

  private pump(): void {
    if (this.closed) return;
    try {
      this.fanOut();
    } catch (err) {
      this.logger.error(`notifications: queuing failed: ${String(err)}`);
    }
    const now = this.clock.now();
    let next = Number.POSITIVE_INFINITY;
    for (const item of [...this.items]) {
      if (this.sending.has(item.webhookId)) continue; // woken again when that send ends
      if (item.dueAt > now) {
        next = Math.min(next, item.dueAt);
        continue;
      }
      const hook = this.store.get(item.webhookId);
      if (!hook) {
        this.items.splice(this.items.indexOf(item), 1); // deleted with its log
        continue;
      }
      const slot = this.rate.nextSlot(hook.id, hook.ratePerMinute, now);
      if (slot > now) {
        item.dueAt = slot;
        next = Math.min(next, slot);
        continue;
      }
      this.items.splice(this.items.indexOf(item), 1);
      this.rate.record(hook.id, now);
      const sent = this.attempt(hook, item, true).finally(() => {
        this.sending.delete(hook.id);
        this.wake(this.clock.now());
      });
      this.sending.set(hook.id, sent);
    }
    if (next < Number.POSITIVE_INFINITY) this.wake(next);
  }

  private fanOut(): void {
    if (this.inbox.length === 0) return;
    const hooks = this.store.list().filter((h) => h.enabled);
    for (const n of this.inbox.splice(0)) {
      for (const hook of hooks) if (hook.events.includes(n.event)) this.items.push(this.record(hook, n));
    }
  }

  /** One attempt; on failure the item goes back with its backoff (when `retry`) or is failed for good. */
  private async attempt(hook: WebhookRecord, item: Item, retry: boolean): Promise<void> {
    item.attempts++;
    let target: ResolvedTarget | undefined;
    let status: number | null = null;
    let error: string | null;
    let retryAfterMs = 0;
    try {
      target = {
        kind: hook.kind,
        url: this.decrypt(hook.urlCiphertext),
        secret: hook.secretCiphertext === null ? null : this.decrypt(hook.secretCiphertext),
        chatId: hook.chatId,
        template: hook.template,
      };
      if (!hook.enabled && retry) throw new Error('the target is disabled');
      const result = await this.send(buildRequest(target, item.notification, this.clock.now()));
      status = result.status;
      retryAfterMs = result.retryAfterMs ?? 0;
      error = answerError(hook.kind, result.status, result.body);
    } catch (err) {
      error = describeError(err);
    }
    if (error !== null && target) error = scrub(error, target);
    const now = this.clock.now();
    const again = error !== null && retry && hook.enabled && item.attempts < MAX_ATTEMPTS;
    this.store.updateDelivery(item.deliveryId, {
      status: error === null ? 'delivered' : again ? 'pending' : 'failed',
      attempts: item.attempts,
      responseStatus: status,
      lastError: error,
      updatedAt: now,
    });
    if (error !== null) {
      this.logger.warn(`notification ${item.notification.event} to webhook ${hook.id} failed: ${error}`);
    }
    if (again) {
      const delay = RETRY_DELAYS_MS[item.attempts - 1] ?? (RETRY_DELAYS_MS.at(-1) as number);
      item.dueAt = now + Math.max(delay, retryAfterMs);
      this.items.push(item);
    }
  }
}

function describeError(err: unknown): string {
  if (err instanceof Error) {
    const cause = (err as Error & { cause?: unknown }).cause;
    const code = cause && typeof cause === 'object' && 'code' in cause ? ` (${String(cause.code)})` : '';
    return err.name === 'TimeoutError' ? 'timed out' : `${err.message}${code}`;
  }
  return String(err);
}

/** Error text never carries the target's URL (its path holds the token) or secret. */
function scrub(text: string, target: ResolvedTarget): string {
  let out = text;
  const hide = [target.url, target.secret ?? ''];
  try {
    const u = new URL(target.url);
    hide.push(u.pathname, u.search);
  } catch {
    // not a URL: hidden whole above
  }
  for (const s of hide) if (s.length >= 4) out = out.split(s).join('***');
  return out.slice(0, 500);
}
