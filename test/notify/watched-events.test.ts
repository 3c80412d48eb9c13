// The clock-driven events through a real hub: spend crossing a share of a limit (once per crossing, however many
// requests), a key about to expire, the daily leaderboard at its local time, and a format left without a provider.
import Anthropic from '@anthropic-ai/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../main/core/clock';
import { TICK_MS } from '../../main/core/notify/notifier';
import { type FakeUpstream, startFakeUpstream } from '../fake-upstream';
import { startTestHub, type TestHub } from '../helpers/test-hub';
import { startWebhookReceiver, type WebhookReceiver } from '../helpers/webhook-receiver';

/** 2026-11-23 (Monday) 10:00 UTC = 18:00 in Shanghai. */
const START = Date.UTC(2026, 10, 23, 10, 0, 0);
const HOUR = 3_600_000;
let fake: FakeUpstream;
let receiver: WebhookReceiver;
let t: TestHub;
const clock = new ManualClock(START);

beforeAll(async () => {
  fake = await startFakeUpstream();
  fake.setDefault({ kind: 'ok', usage: { input: 1000, output: 1000 } }); // $0.018 a request
  receiver = await startWebhookReceiver();
  t = await startTestHub({ clock, env: { TZ: 'UTC' } });
  await t.api('PATCH', '/api/v1/settings', { timezone: 'Asia/Shanghai', notifyLeaderboardTime: '09:00' });
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

/** Moves the hub's clock, letting the minute ticks and the sends they start run. */
async function move(ms: number): Promise<void> {
  const notifier = t.hub.internals.notifier;
  for (let left = ms; left > 0; left -= TICK_MS) {
    clock.advance(Math.min(TICK_MS, left));
    await notifier.queue.idle();
    clock.advance(0);
    await notifier.queue.idle();
  }
}

const events = (name: string) =>
  receiver.received
    .map((r) => r.json as { event: string; data: Record<string, unknown> })
    .filter((b) => b.event === name);

describe('watched events', () => {
  it('spend.threshold once per crossing, key.expiring once, leaderboard.daily at 09:00 Shanghai, provider.none', async () => {
    await t.api('POST', '/api/v1/webhooks', {
      kind: 'json',
      url: `${receiver.url}/all`,
      events: ['spend.threshold', 'key.expiring', 'leaderboard.daily', 'provider.none'],
    });
    const provider = await t.addProvider(fake.url, { name: 'main' });
    const user = await t.addUser({ name: 'ann', limits: { dailyUsd: 0.05 } });
    const expiresAt = START + 4 * 24 * HOUR;
    const key = await t.addKey(user.id, { expiresAt: new Date(expiresAt).toISOString() });

    expect(await ask(key.key)).toBe(200);
    expect(await ask(key.key)).toBe(200); // $0.036 of $0.05: 72 %
    t.fold();
    await move(TICK_MS);
    expect(events('spend.threshold')).toHaveLength(0);
    expect(await ask(key.key)).toBe(200); // $0.054: over 80 % (and over the limit)
    expect(await ask(key.key)).toBe(402); // refused: counts nothing
    t.fold();
    await move(3 * TICK_MS);
    expect(events('spend.threshold')).toHaveLength(1);
    expect(events('spend.threshold')[0]?.data).toMatchObject({
      scope: 'user',
      id: user.id,
      name: 'ann',
      window: 'daily',
      limitUsd: 0.05,
    });

    // 06:00 UTC the next day is 14:00 in Shanghai… the daily window resets at local midnight (16:00 UTC):
    // the next day's spend crossing the share again notifies again, once.
    await move(7 * HOUR); // 17:00 UTC = 01:00 Shanghai, a new day
    for (let i = 0; i < 3; i++) expect(await ask(key.key)).toBe(200);
    t.fold();
    await move(2 * TICK_MS);
    expect(events('spend.threshold')).toHaveLength(2);

    // 09:00 Shanghai (01:00 UTC): the previous local day's leaderboard, once a day
    expect(events('leaderboard.daily')).toHaveLength(0);
    await move(Date.UTC(2026, 10, 24, 1, 0) - clock.now() - TICK_MS);
    expect(events('leaderboard.daily')).toHaveLength(0);
    await move(TICK_MS);
    expect(events('leaderboard.daily')).toHaveLength(1);
    await move(Date.UTC(2026, 10, 25, 1, 0) - clock.now());
    const boards = events('leaderboard.daily').map((e) => e.data as { date: string; entries: { name: string }[] });
    expect(boards.map((b) => b.date)).toEqual(['2026-11-23', '2026-11-24']);
    expect(boards.map((b) => b.entries.map((e) => e.name))).toEqual([['ann'], ['ann']]);
    await move(HOUR);
    expect(events('leaderboard.daily')).toHaveLength(2);

    // the minute tick that came 3 days before the key expires sent one key.expiring (the moves above passed it)
    const expiring = receiver.received
      .map((r) => r.json as { event: string; at: string; data: Record<string, unknown> })
      .filter((b) => b.event === 'key.expiring');
    expect(expiring).toHaveLength(1);
    expect(expiring[0]?.data).toMatchObject({ keyId: key.id, userName: 'ann' });
    const warnedAt = Date.parse(expiring[0]?.at ?? '');
    expect(warnedAt).toBeGreaterThanOrEqual(expiresAt - 3 * 24 * HOUR);
    expect(warnedAt).toBeLessThanOrEqual(expiresAt - 3 * 24 * HOUR + TICK_MS);

    // the only anthropic provider disabled: provider.none for that format, once
    await t.api('PATCH', `/api/v1/providers/${provider.id}`, { enabled: false });
    await move(3 * TICK_MS);
    expect(events('provider.none').map((e) => e.data.format)).toEqual(['anthropic']);
  });

  it('drops delivery log rows after their retention (settings.webhookDeliveryRetentionDays)', async () => {
    const count = () => t.rows('SELECT count(*) AS n FROM webhook_deliveries')[0]?.n as number;
    const before = count();
    expect(before).toBeGreaterThan(5);
    await t.api('PATCH', '/api/v1/settings', { webhookDeliveryRetentionDays: 2 });
    clock.advance(2 * 24 * HOUR + 2 * HOUR); // the ticks run; the hourly prune drops rows older than 2 days
    await t.hub.internals.notifier.queue.idle();
    const left = t.rows('SELECT created_at FROM webhook_deliveries') as { created_at: number }[];
    expect(left.length).toBeLessThan(before);
    expect(left.every((r) => r.created_at >= clock.now() - 2 * 24 * HOUR - HOUR)).toBe(true);
  });
});
