// A breaker opened by a failing fake provider, through the real relay, produces exactly one notification; its close
// produces one more; the relay's path only queues (nothing is sent until the hub's clock turns).
import { createHmac } from 'node:crypto';
import Anthropic from '@anthropic-ai/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../main/core/clock';
import { type FakeUpstream, startFakeUpstream } from '../fake-upstream';
import { startTestHub, type TestHub } from '../helpers/test-hub';
import { startWebhookReceiver, type WebhookReceiver } from '../helpers/webhook-receiver';

const START = Date.UTC(2026, 10, 23, 10, 0, 0);
const SECRET = 'whsec-breaker-test-secret';
let fake: FakeUpstream;
let receiver: WebhookReceiver;
let t: TestHub;
const clock = new ManualClock(START);

beforeAll(async () => {
  fake = await startFakeUpstream();
  receiver = await startWebhookReceiver();
  t = await startTestHub({ clock, env: { TZ: 'UTC' } });
});
afterAll(async () => {
  await t.stop();
  await fake.close();
  await receiver.close();
});

const ask = (key: string) =>
  new Anthropic({ apiKey: key, baseURL: t.url, maxRetries: 0 }).messages
    .create({ model: 'claude-sonnet-4-6', max_tokens: 16, messages: [{ role: 'user', content: 'hi' }] })
    .then(
      () => 200,
      (err: { status?: number }) => err.status ?? 0,
    );

/** Lets the hub's queue run: timers due now fire, and the sends they start finish. */
async function turn(ms = 0): Promise<void> {
  clock.advance(ms);
  await t.hub.internals.notifier.queue.idle();
}

describe('breaker notifications', () => {
  it('one breaker.opened when a failing provider trips its breaker, one breaker.closed when it heals', async () => {
    const provider = await t.addProvider(fake.url, {
      name: 'flaky',
      attempts: 1,
      breaker: { failureThreshold: 3, openMs: 60_000, halfOpenSuccesses: 1 },
    });
    const hook = await t.api<{ id: string }>('POST', '/api/v1/webhooks', {
      kind: 'json',
      url: `${receiver.url}/hook`,
      secret: SECRET,
      events: ['breaker.opened', 'breaker.closed'],
    });
    expect(hook.status).toBe(201);
    const { key } = await t.addUserWithKey();

    fake.setDefault({ kind: 'status', status: 500 });
    for (let i = 0; i < 3; i++) expect(await ask(key)).toBe(502);
    // Open now: further requests are refused without reaching the provider, and notify nothing more.
    for (let i = 0; i < 3; i++) expect(await ask(key)).toBe(503);
    expect(fake.calls).toHaveLength(3);
    expect(receiver.received).toHaveLength(0); // queued, not sent, on the request path

    await turn();
    await receiver.waitFor(1);
    await turn(1000);
    expect(receiver.received).toHaveLength(1);
    const [call] = receiver.received;
    const body = call?.json as { event: string; at: string; data: Record<string, unknown> };
    expect(body.event).toBe('breaker.opened');
    expect(body.at).toBe(new Date(START).toISOString());
    expect(body.data).toMatchObject({ providerId: provider.id, providerName: 'flaky', failures: 3 });
    expect(call?.headers['x-cchub-signature']).toBe(
      `sha256=${createHmac('sha256', SECRET)
        .update(call?.raw ?? '')
        .digest('hex')}`,
    );

    // Half-open after 60 s; one success closes it: exactly one breaker.closed.
    clock.advance(60_000);
    fake.setDefault({ kind: 'ok' });
    expect(await ask(key)).toBe(200);
    expect(await ask(key)).toBe(200);
    await turn();
    await receiver.waitFor(2);
    await turn(60_000);
    expect(receiver.received.map((r) => (r.json as { event: string }).event)).toEqual([
      'breaker.opened',
      'breaker.closed',
    ]);

    const log = await t.api<{ items: { event: string; status: string; attempts: number }[] }>(
      'GET',
      `/api/v1/webhooks/${hook.json.id}/deliveries`,
    );
    expect(log.json.items.map((d) => [d.event, d.status, d.attempts])).toEqual([
      ['breaker.closed', 'delivered', 1],
      ['breaker.opened', 'delivered', 1],
    ]);
  });
});
