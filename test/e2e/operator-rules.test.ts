// Operator rules from the console alone, in Chromium against a real hub: a content rule with its tester, request
// overrides in the provider form, client restrictions in the user form; each then holds for a real SDK call.
import Anthropic from '@anthropic-ai/sdk';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type ConsoleEnv, login, type OpenPage, startConsoleEnv, UPSTREAM_KEY } from './helpers/console-env';
import { waitForText } from './helpers/wait';

let env: ConsoleEnv;
let admin: OpenPage;
let page: Page;
let key = '';

const ask = (content: string, headers: Record<string, string> = {}) =>
  new Anthropic({ apiKey: key, baseURL: env.hub.url, maxRetries: 0, defaultHeaders: headers }).messages.create({
    model: 'claude-sonnet-4-6',
    max_tokens: 32,
    messages: [{ role: 'user', content }],
  });

beforeAll(async () => {
  env = await startConsoleEnv();
  admin = await env.open();
  page = admin.page;
  await login(page, env.hub.url);
});
afterAll(async () => {
  await env?.stop();
});
afterEach(() => {
  admin.problems.assertNone();
});

describe('operator rules in the console', () => {
  it('a provider with overrides from the form: the upstream gets the changed body and header', async () => {
    await page.goto(`${env.hub.url}/providers`);
    await page.getByTestId('provider-add').click();
    const form = page.getByTestId('provider-form');
    await form.locator('input[name=name]').fill('with-overrides');
    await form.locator('select[name=type]').selectOption('anthropic');
    await form.locator('input[name=apiKey]').fill(UPSTREAM_KEY);
    await form.locator('input[name=baseUrl]').fill(env.fake.url);
    const body = form.getByTestId('body-overrides');
    await body.getByRole('button', { name: 'Add body override' }).click();
    await body.getByLabel('Path', { exact: true }).fill('max_tokens');
    await body.getByLabel('Value', { exact: true }).fill('77');
    const headers = form.getByTestId('header-overrides');
    await headers.getByRole('button', { name: 'Add header override' }).click();
    await headers.getByLabel('Header', { exact: true }).fill('anthropic-beta');
    await headers.getByLabel('Value', { exact: true }).fill('context-1m-2025-08-07');
    await page.getByTestId('form-save').click();
    await page.locator('[data-testid=provider-row][data-name=with-overrides]').waitFor();

    ({ key } = await env.hub.addUserWithKey());
    await ask('hello');
    const call = env.fake.calls.at(-1);
    expect((call?.json as { max_tokens?: number } | undefined)?.max_tokens).toBe(77);
    expect(call?.headers['anthropic-beta']).toBe('context-1m-2025-08-07');
  });

  it('a content rule added on its page, found by the tester, refuses a matching request', async () => {
    await page.getByTestId('nav-contentRules').click();
    await page.getByTestId('content-rule-add').click();
    const form = page.getByTestId('content-rule-form');
    await form.locator('input[name=pattern]').fill('Project Nightingale');
    await form.locator('textarea[name=note]').fill('codename');
    await page.getByTestId('form-save').click();
    await page.locator('[data-testid=content-rule-row][data-pattern="Project Nightingale"]').waitFor();

    await page.locator('textarea[name=sample]').fill('a note about project NIGHTINGALE');
    await page.getByTestId('content-rule-test').click();
    await waitForText(page.getByTestId('content-rule-test-result'), 'Contains rule "Project Nightingale"');
    await page.locator('textarea[name=sample]').fill('nothing to see');
    await page.getByTestId('content-rule-test').click();
    await waitForText(page.getByTestId('content-rule-test-result'), 'No enabled rule matches');

    const err = await ask('tell me about project nightingale').catch((e: { status: number }) => e);
    expect((err as { status: number }).status).toBe(400);
  });

  it('client restrictions set in the user form refuse other clients', async () => {
    await page.getByTestId('nav-users').click();
    await page.getByTestId('user-add').click();
    const form = page.getByTestId('user-form');
    await form.locator('input[name=name]').fill('cc-only');
    const allow = form.locator('input[name="clients.allow"]');
    await allow.fill('claude-code');
    await allow.press('Enter');
    await page.getByTestId('form-save').click();
    await page.waitForURL((u) => u.pathname.startsWith('/users/usr_'));
    const userId = decodeURIComponent(new URL(page.url()).pathname.split('/')[2] ?? '');
    const user = await env.hub.api<{ clients: unknown }>('GET', `/api/v1/users/${userId}`);
    expect(user.json.clients).toEqual({ allow: ['claude-code'] });

    ({ key } = await env.hub.addKey(userId));
    const err = (await ask('hi').catch((e: unknown) => e)) as { status: number; message: string };
    expect(err.status).toBe(403);
    expect(err.message).toContain('claude-code');
    const ok = await ask('hi', { 'user-agent': 'claude-cli/2.1.337 (external, cli)', 'x-app': 'cli' });
    expect(ok.content).toHaveLength(1);
  });
});
