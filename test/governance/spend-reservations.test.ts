// Spend limits under concurrency through the real relay: bursts of 64 parallel requests against tiny limits, with the
// official SDKs as clients, and reservations that always return to zero after failures and client aborts.
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../main/core/clock';
import { type FakeUpstream, startFakeUpstream } from '../fake-upstream';
import { startTestHub, type TestHub } from '../helpers/test-hub';

/** Monday 2026-11-23 10:00 UTC. */
const START = Date.UTC(2026, 10, 23, 10, 0, 0);
const BURST = 64;
/** Long enough that the whole burst reaches the guard before the first answer is charged, even on a loaded machine. */
const UPSTREAM_DELAY_MS = 1500;

let fake: FakeUpstream;
beforeAll(async () => {
  fake = await startFakeUpstream();
});
afterAll(async () => {
  await fake.close();
});
afterEach(() => {
  fake.reset();
});

interface QuotaItem {
  window: string;
  used: number;
  reserved?: number;
  limit: number | null;
}

async function quota(t: TestHub, path: string): Promise<QuotaItem[]> {
  const r = await t.api<{ items: QuotaItem[] }>('GET', path);
  expect(r.status).toBe(200);
  return r.json.items;
}

const daily = (items: QuotaItem[]) => items.find((i) => i.window === 'daily') as QuotaItem;

/** Polls a condition the test cannot await directly (what the fake upstream has received). */
async function until(condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error('timed out waiting for the condition');
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** What the burst did: answers, refusals, and the costs the hub charged. */
async function outcome(t: TestHub, userId: string) {
  await t.hub.relay.drained();
  t.fold();
  const charged = t.rows(
    'SELECT cost_usd AS cost FROM requests WHERE user_id = ? AND billed = 1 AND cost_usd > 0',
    userId,
  ) as { cost: number }[];
  const ledger = t.rows('SELECT COALESCE(SUM(cost_usd), 0) AS total FROM usage_ledger WHERE user_id = ?', userId)[0]
    ?.total as number;
  return { charged: charged.map((r) => r.cost), ledger };
}

describe('a burst of 64 against a tiny daily limit', () => {
  it('streams (Anthropic): spend ends at most one request over the limit; the rest get 402 billing_error', async () => {
    const t = await startTestHub({ clock: new ManualClock(START), env: { TZ: 'UTC' } });
    await t.addProvider(fake.url);
    const limit = 0.001;
    const { key, userId } = await t.addUserWithKey({ limits: { dailyUsd: limit } });
    // each answer costs 20 × $3/M + 5 × $15/M = $0.000135 at claude-sonnet-4-6 prices; the hub's estimate
    // (≈105 body bytes / 4 input tokens and max_tokens 5 output) is a little above that
    fake.setDefault({
      kind: 'slowFirstByte',
      ms: UPSTREAM_DELAY_MS,
      after: { kind: 'ok', usage: { input: 20, output: 5 } },
    });
    const client = new Anthropic({ apiKey: key, baseURL: t.url, maxRetries: 0 });

    const results = await Promise.allSettled(
      Array.from({ length: BURST }, async (_, i) => {
        const stream = await client.messages.create({
          model: 'claude-sonnet-4-6',
          max_tokens: 5,
          stream: true,
          messages: [{ role: 'user', content: `question ${i}` }],
        });
        let text = '';
        for await (const event of stream) {
          if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') text += event.delta.text;
        }
        return text;
      }),
    );

    const answered = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(answered.length).toBeGreaterThan(0);
    expect(refused.length).toBeGreaterThan(0);
    for (const r of refused) {
      const err = r.reason as InstanceType<typeof Anthropic.APIError>;
      expect(err).toBeInstanceOf(Anthropic.APIError);
      expect(err.status).toBe(402);
      expect((err.error as { error: { type: string } }).error.type).toBe('billing_error');
      expect(err.headers?.get('x-cchub-error-code')).toBe('spend_limit');
    }

    const { charged, ledger } = await outcome(t, userId);
    expect(charged.length).toBe(answered.length);
    const oneRequest = Math.max(...charged);
    const spent = daily(await quota(t, `/api/v1/users/${userId}/quota`));
    expect(spent.used).toBeCloseTo(ledger, 12);
    expect(spent.used).toBeLessThanOrEqual(limit + oneRequest);
    expect(spent.reserved).toBe(0);
    await t.stop();
  });

  it('JSON (OpenAI Chat) against a $0.0001 key limit: one request over it at most; the rest get 402 insufficient_quota', async () => {
    const t = await startTestHub({ clock: new ManualClock(START), env: { TZ: 'UTC' } });
    await t.addProvider(fake.url, { type: 'openai-chat' });
    const limit = 0.0001;
    const user = await t.addUser();
    const { key, id: keyId } = await t.addKey(user.id, { limits: { dailyUsd: limit } });
    // each answer costs 20 × $2/M + 5 × $8/M = $0.00008 at gpt-4.1 prices
    fake.setDefault({
      kind: 'slowFirstByte',
      ms: UPSTREAM_DELAY_MS,
      after: { kind: 'ok', usage: { input: 20, output: 5 } },
    });
    const client = new OpenAI({ apiKey: key, baseURL: `${t.url}/v1`, maxRetries: 0 });

    const results = await Promise.allSettled(
      Array.from({ length: BURST }, (_, i) =>
        client.chat.completions.create({
          model: 'gpt-4.1',
          max_completion_tokens: 5,
          messages: [{ role: 'user', content: `question ${i}` }],
        }),
      ),
    );

    const answered = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(answered.length).toBeGreaterThan(0);
    expect(refused.length).toBeGreaterThan(0);
    for (const r of refused) {
      const err = r.reason as InstanceType<typeof OpenAI.APIError>;
      expect(err).toBeInstanceOf(OpenAI.APIError);
      expect(err.status).toBe(402);
      expect(err.type).toBe('insufficient_quota');
      expect(err.code).toBe('spend_limit');
    }

    const { charged, ledger } = await outcome(t, user.id);
    expect(charged.length).toBe(answered.length);
    const oneRequest = Math.max(...charged);
    const spent = daily(await quota(t, `/api/v1/keys/${keyId}/quota`));
    expect(spent.used).toBeCloseTo(ledger, 12);
    expect(spent.used).toBeLessThanOrEqual(limit + oneRequest);
    expect(spent.reserved).toBe(0);
    await t.stop();
  });
});

describe('reservations never leak', () => {
  it('after a burst of answers, failures, upstream errors and client aborts, nothing stays reserved', async () => {
    const t = await startTestHub({ clock: new ManualClock(START), env: { TZ: 'UTC' } });
    const provider = await t.addProvider(fake.url, {
      limits: { dailyUsd: 100 },
      breaker: { failureThreshold: 1000, openMs: 1000, halfOpenSuccesses: 1, countNetworkErrors: false },
    });
    const user = await t.addUser({ limits: { dailyUsd: 100 } });
    const { key, id: keyId } = await t.addKey(user.id, { limits: { weeklyUsd: 100 } });
    const client = new Anthropic({ apiKey: key, baseURL: t.url, maxRetries: 0 });
    const governance = t.hub.context.governance;

    type Plan = {
      behaviour: { kind: string } & Record<string, unknown>;
      stream: boolean;
      leave?: 'waiting' | 'midAnswer';
    };
    const plans: Plan[] = [
      { behaviour: { kind: 'ok', usage: { input: 1000, output: 100 } }, stream: true },
      { behaviour: { kind: 'ok', usage: { input: 1000, output: 100 } }, stream: false },
      { behaviour: { kind: 'status', status: 500 }, stream: true },
      { behaviour: { kind: 'status', status: 400 }, stream: false },
      { behaviour: { kind: 'reset' }, stream: true },
      { behaviour: { kind: 'errorMidStream', afterDeltas: 2 }, stream: true },
      // the client leaves while the provider has not answered
      { behaviour: { kind: 'hang' }, stream: true, leave: 'waiting' },
      // the client leaves mid-answer, after the first text: charged what the upstream reported so far
      {
        behaviour: { kind: 'ok', text: 'a b c d e f g h', deltaDelayMs: 50, usage: { input: 1000, output: 100 } },
        stream: true,
        leave: 'midAnswer',
      },
    ];
    const waiting: AbortController[] = [];
    const send = async (i: number) => {
      const plan = plans[i % plans.length] as Plan;
      const controller = new AbortController();
      if (plan.leave === 'waiting') waiting.push(controller);
      const options = { headers: { 'x-fake-behaviour': JSON.stringify(plan.behaviour) }, signal: controller.signal };
      const body = {
        model: 'claude-sonnet-4-6',
        max_tokens: 100,
        messages: [{ role: 'user' as const, content: `question ${i}` }],
      };
      if (!plan.stream) return client.messages.create(body, options);
      const stream = await client.messages.create({ ...body, stream: true }, options);
      for await (const event of stream) {
        if (plan.leave === 'midAnswer' && event.type === 'content_block_delta') controller.abort();
      }
      return null;
    };

    const burst = Promise.allSettled(Array.from({ length: BURST }, (_, i) => send(i)));
    // once every hanging request has reached the provider, their estimates are held on key, user and provider
    const hanging = BURST / plans.length;
    await until(() => fake.calls.filter((c) => c.headers['x-fake-behaviour']?.includes('hang')).length === hanging);
    expect(governance.reservations.open()).toBeGreaterThanOrEqual(hanging);
    expect(daily(await quota(t, `/api/v1/providers/${provider.id}/quota`)).reserved).toBeGreaterThan(0);
    for (const c of waiting) c.abort();
    const results = await burst;
    expect(results.some((r) => r.status === 'fulfilled')).toBe(true);
    expect(results.some((r) => r.status === 'rejected')).toBe(true);

    // a request whose client left is closed before its handling ends (the upstream is cut, the row journaled)
    await until(() => governance.reservations.open() === 0);
    expect(governance.reservations.totalNanos()).toBe(0);
    for (const path of [
      `/api/v1/users/${user.id}/quota`,
      `/api/v1/keys/${keyId}/quota`,
      `/api/v1/providers/${provider.id}/quota`,
    ]) {
      for (const item of await quota(t, path)) if (item.reserved !== undefined) expect(item.reserved).toBe(0);
    }
    // the client that left mid-answer was still charged what the upstream reported
    t.fold();
    const aborted = t.rows('SELECT COUNT(*) AS n FROM requests WHERE status = 499 AND cost_usd > 0')[0]?.n as number;
    expect(aborted).toBeGreaterThan(0);
    await t.stop();
  });
});
