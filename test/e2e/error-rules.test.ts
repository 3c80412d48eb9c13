// The error rules page in Chromium against a real hub: the built-in rules listed, a rule added from the form and
// found by the tester, a built-in disabled and the defaults restored, the relay deciding by the new rule, zh-CN.
import Anthropic from '@anthropic-ai/sdk';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DecisionStep } from '../../main/core/model/decision';
import { type ConsoleEnv, login, type OpenPage, startConsoleEnv, UPSTREAM_KEY } from './helpers/console-env';
import { waitForText, waitUntil } from './helpers/wait';

let env: ConsoleEnv;
let admin: OpenPage;
let page: Page;
let key = '';
const url = (path: string) => `${env.hub.url}${path}`;

type Rule = { id: string; enabled: boolean; pattern: string; builtIn: boolean; countsForBreaker: boolean };
const rules = async () => (await env.hub.api<{ items: Rule[] }>('GET', '/api/v1/error-rules')).json.items;

beforeAll(async () => {
  env = await startConsoleEnv();
  await env.hub.addProvider(env.fake.url, { name: 'only', apiKey: UPSTREAM_KEY, attempts: 1 });
  ({ key } = await env.hub.addUserWithKey());
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

describe('error rules page', () => {
  it('lists the built-in rules in evaluation order', async () => {
    await page.goto(url('/error-rules'));
    const rows = page.getByTestId('error-rule-row');
    await rows.first().waitFor();
    const ids = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));
    expect(ids[0]).toBe('builtin.rate-limited');
    expect(ids.at(-1)).toBe('builtin.client-error');
  });

  it('adds a rule from the form; the tester names it; the relay decides by it', async () => {
    await page.getByTestId('error-rule-add').click();
    const form = page.getByTestId('error-rule-form');
    await form.locator('input[name=pattern]').fill('credit balance is too low');
    await form.locator('input[name=status]').fill('400');
    await form.locator('select[name=action]').selectOption('return');
    await form.locator('input[name=clientStatus]').fill('402');
    await form.locator('input[name=clientMessage]').fill('The team account is out of credit: tell the admin.');
    await page.getByTestId('form-save').click();
    const created = await waitUntil(async () => (await rules()).find((r) => !r.builtIn), 'the new rule');
    expect(created).toMatchObject({ pattern: 'credit balance is too low', enabled: true, countsForBreaker: false });
    await page.locator(`[data-testid=error-rule-row][data-id="${created.id}"]`).waitFor();

    const tester = page.getByTestId('error-rule-tester');
    await tester
      .locator('textarea[name=testBody]')
      .fill(
        '{"type":"error","error":{"type":"invalid_request_error","message":"Your credit balance is too low to access the Anthropic API."}}',
      );
    await page.getByTestId('error-rule-test-run').click();
    await page.locator(`[data-testid=error-rule-test-result][data-rule="${created.id}"]`).waitFor();

    env.fake.enqueue({ kind: 'realError', error: 'anthropic.credit-balance' });
    const err = (await new Anthropic({ apiKey: key, baseURL: env.hub.url, maxRetries: 0 }).messages
      .create({ model: 'claude-sonnet-4-6', max_tokens: 8, messages: [{ role: 'user', content: 'hi' }] })
      .catch((e: unknown) => e)) as InstanceType<typeof Anthropic.APIError>;
    expect(err.status).toBe(402);
    expect(err.message).toContain('The team account is out of credit');
    env.hub.fold();
    const [row] = env.hub.rows('SELECT decision_chain FROM requests ORDER BY created_at DESC LIMIT 1');
    const chain = JSON.parse(row?.decision_chain as string) as DecisionStep[];
    expect(chain.find((s) => s.kind === 'attempt')).toMatchObject({ status: 402, rule: created.id });
  });

  it('the tester names the fix a thinking-signature refusal calls for', async () => {
    await page
      .getByTestId('error-rule-tester')
      .locator('textarea[name=testBody]')
      .fill(
        '{"type":"error","error":{"type":"invalid_request_error","message":"messages.1.content.0: Invalid `signature` in `thinking` block"}}',
      );
    await page.getByTestId('error-rule-test-run').click();
    await page.locator('[data-testid=error-rule-test-result][data-rule="builtin.client-error"]').waitFor();
    await waitForText(page.getByTestId('error-rule-test-fix'), 'thinking blocks another provider signed');
  });

  it('disables a built-in rule, then restores the defaults', async () => {
    const row = page.locator('[data-testid=error-rule-row][data-id="builtin.server-error"]');
    await row.getByRole('switch').click();
    await waitUntil(
      async () => (await rules()).find((r) => r.id === 'builtin.server-error')?.enabled === false,
      'the rule disabled',
    );
    await page.getByTestId('error-rules-restore').click();
    await page.getByTestId('confirm').click();
    await waitUntil(
      async () => (await rules()).find((r) => r.id === 'builtin.server-error')?.enabled === true,
      'the defaults restored',
    );
    expect(await row.getByRole('switch').isChecked()).toBe(true);
    const audit = await env.hub.api<{ items: { action: string }[] }>('GET', '/api/v1/audit?action=errorRule.');
    expect(audit.json.items.map((e) => e.action)).toEqual([
      'errorRule.restoreDefaults',
      'errorRule.update',
      'errorRule.create',
    ]);
  });

  it('speaks Chinese', async () => {
    await page.getByTestId('language-switch').click();
    await page.getByTestId('language-zh-CN').click();
    await waitForText(page.locator('h1'), '错误规则');
    await waitForText(page.getByTestId('error-rule-tester'), '测试样例错误');
    await page.getByTestId('language-switch').click();
    await page.getByTestId('language-en').click();
    await waitForText(page.locator('h1'), 'Error rules');
  });
});
