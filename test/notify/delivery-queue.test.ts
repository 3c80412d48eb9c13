// The delivery queue on a moved clock against a real receiver and a real SQLite log: retries with backoff, a
// Retry-After honoured, giving up after the last attempt, the per-target rate limit, and resuming after a restart.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../main/core/clock';
import { type Database_, openDatabase } from '../../main/core/db/connection';
import { createLogger } from '../../main/core/logger';
import { DeliveryQueue, MAX_ATTEMPTS, RETRY_DELAYS_MS } from '../../main/core/notify/delivery-queue';
import type { Notification } from '../../main/core/notify/notification';
import { SecretStore } from '../../main/core/secrets/secret-store';
import { SqliteStore } from '../../main/core/store/sqlite-store';
import { startWebhookReceiver, type WebhookReceiver } from '../helpers/webhook-receiver';

const T0 = Date.UTC(2026, 5, 1, 8, 0, 0);
let receiver: WebhookReceiver;
let dir: string;
let database: Database_;
let store: SqliteStore;
let clock: ManualClock;
let queue: DeliveryQueue;
const secrets = new SecretStore({ description: 'test', load: () => Buffer.alloc(32, 3) });
const logLines: string[] = [];

beforeAll(async () => {
  receiver = await startWebhookReceiver();
});
afterAll(async () => {
  await receiver.close();
});
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cchub-notify-'));
  database = openDatabase(dir);
  store = new SqliteStore(database, secrets);
  clock = new ManualClock(T0);
  queue = newQueue();
  receiver.received.length = 0;
  receiver.setFallback({ status: 200, body: { ok: true } });
});
afterEach(() => {
  queue.close();
  database.close();
  rmSync(dir, { recursive: true, force: true });
});

function newQueue(): DeliveryQueue {
  return new DeliveryQueue(
    store.webhooks,
    (c) => secrets.decrypt(c),
    clock,
    createLogger('debug', (l) => logLines.push(l)),
  );
}

const note = (i: number): Notification => ({
  event: 'breaker.opened',
  at: new Date(T0).toISOString(),
  data: { providerName: `p${i}` },
});

/**
 * Moves the clock, then lets every send due by then run: a target sends one at a time, the next on the clock's next
 * turn (at once on the real clock).
 */
async function advance(ms: number): Promise<void> {
  clock.advance(ms);
  await queue.idle();
  for (let seen = -1; seen !== receiver.received.length; ) {
    seen = receiver.received.length;
    clock.advance(0);
    await queue.idle();
  }
}

const deliveries = (id: string) => store.webhooks.deliveries(id, { limit: 100 }).rows;

describe('retries', () => {
  it('retries a failing target with backoff on the clock until it answers, then marks the delivery delivered', async () => {
    const hook = store.webhooks.create(
      { kind: 'json', url: `${receiver.url}/tok-en-path`, events: ['breaker.opened'] },
      T0,
    );
    // the first answer quotes the URL's path (its token), as some chat APIs do: neither log nor delivery row keeps it
    receiver.script({ status: 500, body: 'no robot at /tok-en-path' }, { status: 503, body: 'still down' });
    queue.emit(note(1));
    expect(receiver.received).toHaveLength(0); // nothing before the clock turns
    await advance(0);
    expect(receiver.received).toHaveLength(1);
    expect(deliveries(hook.id)[0]).toMatchObject({ status: 'pending', attempts: 1, responseStatus: 500 });
    expect(deliveries(hook.id)[0]?.lastError).toBe('HTTP 500: no robot at ***');

    await advance((RETRY_DELAYS_MS[0] as number) - 1);
    expect(receiver.received).toHaveLength(1);
    await advance(1);
    expect(receiver.received).toHaveLength(2);
    expect(deliveries(hook.id)[0]).toMatchObject({ status: 'pending', attempts: 2, responseStatus: 503 });

    await advance((RETRY_DELAYS_MS[1] as number) - 1);
    expect(receiver.received).toHaveLength(2);
    await advance(1);
    expect(receiver.received).toHaveLength(3);
    expect(deliveries(hook.id)[0]).toMatchObject({ status: 'delivered', attempts: 3, responseStatus: 200 });
    // the same body every time
    expect(new Set(receiver.received.map((r) => r.raw)).size).toBe(1);
    // the URL's path (its token) appears in no log line
    expect(logLines.join('\n')).not.toContain('tok-en-path');
  });

  it('waits at least a 429’s Retry-After', async () => {
    const hook = store.webhooks.create({ kind: 'slack', url: `${receiver.url}/s`, events: ['breaker.opened'] }, T0);
    receiver.script({ status: 429, body: 'slow down', headers: { 'retry-after': '300' } });
    queue.emit(note(1));
    await advance(0);
    await advance(RETRY_DELAYS_MS[0] as number);
    expect(receiver.received).toHaveLength(1);
    await advance(300_000 - (RETRY_DELAYS_MS[0] as number));
    expect(receiver.received).toHaveLength(2);
    expect(deliveries(hook.id)[0]).toMatchObject({ status: 'delivered', attempts: 2 });
  });

  it(`gives up after ${MAX_ATTEMPTS} attempts`, async () => {
    const hook = store.webhooks.create({ kind: 'json', url: `${receiver.url}/x`, events: ['breaker.opened'] }, T0);
    receiver.setFallback({ status: 500, body: 'broken' });
    queue.emit(note(1));
    await advance(0);
    for (const delay of RETRY_DELAYS_MS) await advance(delay);
    expect(receiver.received).toHaveLength(MAX_ATTEMPTS);
    expect(deliveries(hook.id)[0]).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS });
    await advance(24 * 3_600_000);
    expect(receiver.received).toHaveLength(MAX_ATTEMPTS);
    expect(queue.waiting()).toBe(0);
  });

  it('counts a Feishu answer of 200 with an error code as a failure', async () => {
    const hook = store.webhooks.create(
      { kind: 'feishu', url: `${receiver.url}/f`, secret: 's', events: ['breaker.opened'] },
      T0,
    );
    receiver.script({ status: 200, body: { code: 19021, msg: 'sign match fail or timestamp is not within one hour' } });
    queue.emit(note(1));
    await advance(0);
    expect(deliveries(hook.id)[0]).toMatchObject({ status: 'pending', attempts: 1, responseStatus: 200 });
    expect(deliveries(hook.id)[0]?.lastError).toMatch(/19021/);
  });
});

describe('rate limit', () => {
  it('sends at most ratePerMinute in any minute per target; the rest wait their turn, none is lost', async () => {
    const slow = store.webhooks.create(
      { kind: 'json', url: `${receiver.url}/slow`, events: ['breaker.opened'], ratePerMinute: 2 },
      T0,
    );
    const fast = store.webhooks.create({ kind: 'json', url: `${receiver.url}/fast`, events: ['breaker.opened'] }, T0);
    for (let i = 0; i < 5; i++) queue.emit(note(i));
    const to = (path: string) => receiver.received.filter((r) => r.url === path).length;
    await advance(0);
    expect(to('/slow')).toBe(2);
    expect(to('/fast')).toBe(5); // another target is not held back
    await advance(59_999);
    expect(to('/slow')).toBe(2);
    await advance(1);
    expect(to('/slow')).toBe(4);
    await advance(60_000);
    expect(to('/slow')).toBe(5);
    const order = receiver.received
      .filter((r) => r.url === '/slow')
      .map((r) => (r.json as { data: { providerName: string } }).data.providerName);
    expect(order).toEqual(['p0', 'p1', 'p2', 'p3', 'p4']);
    expect(deliveries(slow.id).every((d) => d.status === 'delivered')).toBe(true);
    expect(deliveries(fast.id)).toHaveLength(5);
  });
});

describe('restart', () => {
  it('a delivery left pending (the hub stopped while it waited to retry) is sent by the next queue', async () => {
    const hook = store.webhooks.create({ kind: 'json', url: `${receiver.url}/r`, events: ['breaker.opened'] }, T0);
    receiver.script({ status: 500 });
    queue.emit(note(7));
    await advance(0);
    queue.close();
    queue = newQueue();
    queue.resume();
    await advance(0);
    expect(receiver.received).toHaveLength(2);
    expect(deliveries(hook.id)[0]).toMatchObject({ status: 'delivered', attempts: 2 });
  });
});
