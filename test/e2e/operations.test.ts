// The operations pages in Chromium against a real hub and the fake upstream: a provider's availability timeline, the
// sessions list and one session's timeline (chain, bodies, ending it), the capture and status-page settings, the
// public status page without a login, and the pages in Chinese.
import Anthropic from '@anthropic-ai/sdk';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type FakeUpstream, startFakeUpstream } from '../fake-upstream';
import { type ConsoleEnv, login, type OpenPage, startConsoleEnv, UPSTREAM_KEY } from './helpers/console-env';
import { waitForText, waitUntil } from './helpers/wait';

let env: ConsoleEnv;
let admin: OpenPage;
let page: Page;
let flakyFake: FakeUpstream;
const made = { flaky: '', steady: '', key: '' };
const SESSION = 'sess-e2e-operations-1';

const url = (path: string) => `${env.hub.url}${path}`;
const sdk = () => new Anthropic({ apiKey: made.key, baseURL: env.hub.url, maxRetries: 0 });
const turn = (content: string, sessionId?: string) =>
  sdk().messages.create({
    model: 'claude-sonnet-4-6',
    max_tokens: 16,
    messages: [{ role: 'user', content }],
    ...(sessionId
      ? { metadata: { user_id: JSON.stringify({ device_id: 'd', account_uuid: '', session_id: sessionId }) } }
      : {}),
  });

beforeAll(async () => {
  env = await startConsoleEnv();
  flakyFake = await startFakeUpstream({ apiKey: UPSTREAM_KEY });
  flakyFake.setDefault({ kind: 'status', status: 529 });
  const breaker = { failureThreshold: 2, openMs: 600_000, halfOpenSuccesses: 1 };
  made.flaky = (
    await env.hub.addProvider(flakyFake.url, { name: 'flaky-e2e', apiKey: UPSTREAM_KEY, attempts: 1, breaker })
  ).id;
  made.steady = (await env.hub.addProvider(env.fake.url, { name: 'steady-e2e', apiKey: UPSTREAM_KEY, priority: 1 })).id;
  made.key = (await env.hub.addUserWithKey({ name: 'e2e-ops-user' })).key;
  await env.hub.api('PATCH', '/api/v1/settings', { captureBodies: true });
  // two sessions of their own fail over from the flaky provider, which opens its breaker; then a three-turn session
  await turn('first question');
  await turn('second question');
  for (let i = 0; i < 3; i++) await turn(`turn ${i}`, SESSION);
  env.hub.fold();
  env.hub.hub.internals.breakerLog.flush();
  await env.hub.hub.internals.bodies.flush(Date.now());
  admin = await env.open();
  page = admin.page;
  await login(page, env.hub.url);
});
afterAll(async () => {
  await env?.stop();
  await flakyFake?.close();
});
afterEach(() => {
  admin.problems.assertNone();
});

describe('provider availability', () => {
  it('shows the flaky provider down with its failed attempts and breaker transition, the steady one up', async () => {
    await page.getByTestId('nav-availability').click();
    await page.getByTestId('availability-provider').selectOption(made.flaky);
    await page.locator('[data-testid=availability-strip] li[data-status=down]').first().waitFor();
    await waitForText(page.getByTestId('availability-retried'), '2');
    await waitForText(page.getByTestId('availability-errors'), 'upstream_5xx');
    await waitForText(page.getByTestId('availability-transitions'), 'consecutive failures');
    await page.locator('[data-testid=breaker-state][data-state=open]').waitFor();

    await page.getByTestId('availability-provider').selectOption(made.steady);
    await waitForText(page.getByTestId('availability-total'), '100');
    await page.locator('[data-testid=availability-strip] li[data-status=ok]').first().waitFor();
    expect(await page.locator('[data-testid=availability-strip] li[data-status=down]').count()).toBe(0);
    await page.getByTestId('availability-range').selectOption('7d');
    await waitUntil(async () => new URL(page.url()).searchParams.get('range') === '7d', 'the range in the URL');
    await page.locator('[data-testid=availability-strip] li[data-status=ok]').first().waitFor();
  });
});

describe('sessions', () => {
  it('lists the session with its client and turns, opens its timeline with chain and bodies, and ends it', async () => {
    await page.getByTestId('nav-sessions').click();
    const row = page.locator(`[data-testid=session-row][data-id="${SESSION}"]`);
    await row.waitFor();
    await waitForText(row, 'anthropic-sdk');
    await waitForText(row, 'steady-e2e');
    expect(await page.getByTestId('session-row').count()).toBe(3);
    await page.getByTestId('sessions-provider').selectOption(made.flaky);
    await page.getByText('No sessions in the request log yet.').waitFor();
    await page.getByTestId('sessions-provider').selectOption('');
    await row.getByRole('link').click();

    await page.getByTestId('session-summary').waitFor();
    await page.getByTestId('session-live').waitFor();
    await waitUntil(async () => (await page.getByTestId('session-turn').count()) === 3, 'three turns');
    const first = page.getByTestId('session-turn').first();
    await first.getByTestId('turn-toggle').click();
    await waitForText(first.getByTestId('turn-detail'), 'steady-e2e');
    await waitForText(first.getByTestId('captured-bodies'), 'claude-sonnet-4-6');

    await page.getByTestId('session-end').click();
    await page.getByTestId('confirm').click();
    await page.getByTestId('session-live').waitFor({ state: 'detached' });
    const live = await env.hub.api<{ items: { sessionId: string }[] }>('GET', '/api/v1/sessions');
    expect(live.json.items.map((s) => s.sessionId)).not.toContain(SESSION);
  });
});

describe('settings and the public status page', () => {
  it('sets the capture size and publishes chosen providers under a public name, seen without a login', async () => {
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('capture-max-body').fill('2048');
    await page.getByTestId('status-enabled').click();
    await page.getByTestId('status-title').fill('Team relay status');
    await page.getByTestId('status-add-provider').click();
    await page.getByTestId('status-display-name').first().fill('Public Claude');
    await page.getByTestId('status-providers').locator('select').first().selectOption(made.steady);
    await page.getByTestId('settings-save').click();
    await waitUntil(async () => {
      const s = await env.hub.api<{ captureMaxBodyBytes: number; statusPage: { enabled: boolean } }>(
        'GET',
        '/api/v1/settings',
      );
      return s.json.statusPage.enabled && s.json.captureMaxBodyBytes === 2048 * 1024;
    }, 'the saved settings');

    const visitor = await env.open();
    await visitor.page.goto(url('/status'));
    await waitForText(visitor.page.getByTestId('status-page'), 'Team relay status');
    const card = visitor.page.getByTestId('status-provider');
    await waitForText(card, 'Public Claude');
    expect(await card.count()).toBe(1);
    await card.locator('[data-testid=status-state][data-status=ok]').waitFor();
    const text = (await visitor.page.getByTestId('status-page').textContent()) ?? '';
    expect(text).not.toContain('steady-e2e');
    expect(text).not.toContain('flaky-e2e');
    visitor.problems.assertNone();
  });
});

describe('in Chinese', () => {
  it('shows the availability and sessions pages in zh-CN', async () => {
    const zh = await env.open({ locale: 'zh-CN' });
    await login(zh.page, env.hub.url);
    await zh.page.goto(url('/availability'));
    await waitForText(zh.page.getByTestId('nav-availability'), '可用性');
    await waitForText(zh.page.locator('main'), '熔断器状态变化');
    await zh.page.goto(url('/sessions'));
    await waitForText(zh.page.getByTestId('nav-sessions'), '会话');
    await waitForText(zh.page.getByTestId('sessions-table'), '轮次');
    zh.problems.assertNone();
  });
});
