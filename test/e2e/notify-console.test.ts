// The console in Chromium for notifications and self-service: an admin adds a signed webhook and tests it against a
// local receiver; a member creates a key on the keys page and uses it with the Anthropic SDK; an admin resets a
// quota window; the notifications page in Simplified Chinese.
import { createHmac } from 'node:crypto';
import Anthropic from '@anthropic-ai/sdk';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startWebhookReceiver, type WebhookReceiver } from '../helpers/webhook-receiver';
import { type ConsoleEnv, login, type OpenPage, startConsoleEnv, UPSTREAM_KEY } from './helpers/console-env';
import { waitForText, waitUntil } from './helpers/wait';

let env: ConsoleEnv;
let admin: OpenPage;
let page: Page;
let receiver: WebhookReceiver;
const SECRET = 'whsec-console-e2e';
const made = { userId: '', memberKey: '', newKey: '' };
const url = (path: string) => `${env.hub.url}${path}`;

beforeAll(async () => {
  env = await startConsoleEnv();
  receiver = await startWebhookReceiver();
  admin = await env.open();
  page = admin.page;
  await env.hub.addProvider(env.fake.url, { name: 'main', apiKey: UPSTREAM_KEY });
  const user = await env.hub.addUser({ name: 'mia', limits: { dailyUsd: 5 } });
  made.userId = user.id;
  made.memberKey = (await env.hub.addKey(user.id, { name: 'console', canLogin: true })).key;
  env.fake.setDefault({ kind: 'ok', usage: { input: 1000, output: 1000 } });
});
afterAll(async () => {
  await env?.stop();
  await receiver?.close();
});
afterEach(() => {
  admin.problems.assertNone();
});

describe('notifications page', () => {
  it('adds a signed JSON webhook, sends a test to the receiver and shows it delivered in the log', async () => {
    await login(page, env.hub.url);
    await page.goto(url('/notifications'));
    await page.getByTestId('webhook-add').click();
    const form = page.getByTestId('webhook-form');
    await form.locator('input[name=name]').fill('ops hook');
    await form.locator('input[name=url]').fill(`${receiver.url}/hooks/secret-path-77`);
    await form.locator('input[name=secret]').fill(SECRET);
    await form.getByTestId('event-spend.threshold').check();
    await page.getByTestId('form-save').click();
    const card = page.locator('[data-testid=webhook-card][data-name="ops hook"]');
    await waitForText(card, `${receiver.url}/…`);
    expect(await card.textContent()).not.toContain('secret-path-77');

    await card.getByTestId('webhook-test').click();
    const [got] = await receiver.waitFor(1);
    expect(got?.url).toBe('/hooks/secret-path-77');
    expect(got?.json).toMatchObject({ event: 'test' });
    expect(got?.headers['x-cchub-signature']).toBe(
      `sha256=${createHmac('sha256', SECRET)
        .update(got?.raw ?? '')
        .digest('hex')}`,
    );
    await card.locator('[data-testid=webhook-last][data-status=delivered]').waitFor();

    await card.getByTestId('webhook-log').click();
    await page.locator('[data-testid=delivery-row][data-status=delivered]').waitFor();
    expect(await page.getByTestId('delivery-row').count()).toBe(1);
    await page.keyboard.press('Escape');

    const stored = await env.hub.api<{ items: { events: string[]; hasSecret: boolean }[] }>('GET', '/api/v1/webhooks');
    expect(stored.json.items[0]).toMatchObject({ hasSecret: true });
    expect(stored.json.items[0]?.events).toContain('spend.threshold');
  });
});

describe('self-service keys', () => {
  it('a member creates a key from the keys page, sees it once, and uses it with the Anthropic SDK', async () => {
    const member = await env.open();
    try {
      await login(member.page, env.hub.url, made.memberKey);
      await member.page.goto(url('/keys'));
      await waitForText(member.page.getByTestId('my-key-count'), '1 of 5');
      await member.page.getByTestId('my-key-add').click();
      const form = member.page.getByTestId('my-key-form');
      await form.locator('input[name=name]').fill('laptop');
      // looser than the user's $5 a day: refused by the hub, shown on the field
      await form.locator('input[name="limits.dailyUsd"]').fill('50');
      member.problems.expect(/400/);
      await member.page.getByTestId('form-save').click();
      await waitForText(form, 'may not exceed');
      await form.locator('input[name="limits.dailyUsd"]').fill('1');
      await member.page.getByTestId('form-save').click();
      const shown = member.page.getByTestId('created-key');
      await shown.waitFor();
      made.newKey = (await shown.textContent())?.trim() ?? '';
      expect(made.newKey).toMatch(/^sk-cchub-[0-9A-Za-z]{32}$/);
      await member.page.getByTestId('key-dialog-done').click();
      await member.page.locator('[data-testid=key-card][data-name=laptop]').waitFor();
      await waitForText(member.page.getByTestId('my-key-count'), '2 of 5');

      const answer = await new Anthropic({ apiKey: made.newKey, baseURL: env.hub.url, maxRetries: 0 }).messages.create({
        model: 'claude-sonnet-4-6',
        max_tokens: 32,
        messages: [{ role: 'user', content: 'Say hello' }],
      });
      expect(answer.type).toBe('message');
      env.hub.fold();
      await member.page.reload();
      const bar = member.page.locator(
        '[data-testid=key-card][data-name=laptop] [data-testid=quota-item][data-window=daily]',
      );
      await waitForText(bar.getByTestId('quota-usage'), '$0.018 / $1.00');
      // a member has no reset buttons
      expect(await member.page.getByTestId('quota-reset').count()).toBe(0);

      // rename, then disable it: the SDK is refused
      const card = member.page.locator('[data-testid=key-card][data-name=laptop]');
      await card.getByTestId('key-menu').click();
      await member.page.getByTestId('key-toggle').click();
      await waitUntil(async () => {
        const r = await env.hub.api<{ items: { name: string; enabled: boolean }[] }>(
          'GET',
          `/api/v1/keys?userId=${made.userId}`,
        );
        return r.json.items.find((k) => k.name === 'laptop')?.enabled === false;
      }, 'the key disabled');
      const refused = await new Anthropic({ apiKey: made.newKey, baseURL: env.hub.url, maxRetries: 0 }).messages
        .create({ model: 'claude-sonnet-4-6', max_tokens: 8, messages: [{ role: 'user', content: 'x' }] })
        .catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(Anthropic.AuthenticationError);
      member.problems.assertNone();
    } finally {
      await member.context.close();
    }
  });

  it('an admin resets the user’s daily window from the user page', async () => {
    await page.goto(url(`/users/${made.userId}`));
    const daily = page.locator('[data-testid=user-quota] [data-testid=quota-item][data-window=daily]');
    await waitForText(daily.getByTestId('quota-usage'), '$0.018 / $5.00');
    await daily.getByTestId('quota-reset').click();
    await page.getByTestId('confirm').click();
    await waitForText(daily.getByTestId('quota-usage'), '$0.00 / $5.00');
    const audit = await env.hub.api<{ items: { action: string }[] }>('GET', '/api/v1/audit?action=user.quota.reset');
    expect(audit.json.items).toHaveLength(1);
  });
});

describe('provider quota', () => {
  it('an admin resets a provider’s daily window from its breaker and quota dialog', async () => {
    const providers = await env.hub.api<{ items: { id: string; name: string }[] }>('GET', '/api/v1/providers');
    const main = providers.json.items.find((p) => p.name === 'main') as { id: string };
    expect((await env.hub.api('PATCH', `/api/v1/providers/${main.id}`, { limits: { dailyUsd: 50 } })).status).toBe(200);
    await page.goto(url('/providers'));
    await page.locator('[data-testid=provider-row][data-name=main]').getByTestId('breaker-open').click();
    const daily = page.locator('[data-testid=provider-quota] [data-testid=quota-item][data-window=daily]');
    await waitForText(daily.getByTestId('quota-usage'), '$0.018 / $50.00');
    await daily.getByTestId('quota-reset').click();
    await page.getByTestId('confirm').click();
    await waitForText(daily.getByTestId('quota-usage'), '$0.00 / $50.00');
    const audit = await env.hub.api<{ items: { action: string }[] }>(
      'GET',
      '/api/v1/audit?action=provider.quota.reset',
    );
    expect(audit.json.items).toHaveLength(1);
  });
});

describe('in Simplified Chinese', () => {
  it('shows the notifications page and its form in zh-CN', async () => {
    const zh = await env.open({ locale: 'zh-CN' });
    try {
      await login(zh.page, env.hub.url);
      await zh.page.goto(url('/notifications'));
      await waitForText(zh.page.locator('h1, h2').first(), '通知');
      await zh.page.locator('[data-testid=webhook-card][data-name="ops hook"]').waitFor();
      await waitForText(zh.page.getByTestId('webhook-card').first(), '通用 JSON（签名）');
      await zh.page.getByTestId('webhook-add').click();
      await waitForText(zh.page.getByTestId('webhook-form'), '花费超过限额比例');
      zh.problems.assertNone();
    } finally {
      await zh.context.close();
    }
  });
});
