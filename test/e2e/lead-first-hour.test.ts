// A team lead's first hour in Chromium: a provider tested before it is saved and shown failing everywhere after a
// failed test, a key handed out with its setup and pasted into the real Claude Code, a past expiry refused on its
// field, an expired key's request as a blocked row, field errors in words, and the phone layout without sideways
// scrolling. Screenshots at 1440×900 and 390×844, light and dark, English and Chinese, under test-results/lead/.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Anthropic from '@anthropic-ai/sdk';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from './helpers/build';
import { type ConsoleEnv, login, type OpenPage, startConsoleEnv, UPSTREAM_KEY } from './helpers/console-env';
import { waitForText, waitUntil } from './helpers/wait';

const SHOTS = join(REPO_ROOT, 'test-results', 'lead');
const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };

let env: ConsoleEnv;
let admin: OpenPage;
let page: Page;
const made = { providerId: '', userId: '', key: '', keyId: '' };
const url = (path: string) => `${env.hub.url}${path}`;
const ask = (apiKey: string) =>
  new Anthropic({ apiKey, baseURL: env.hub.url, maxRetries: 0 }).messages.create({
    model: 'claude-sonnet-4-6',
    max_tokens: 16,
    messages: [{ role: 'user', content: 'Say hello' }],
  });

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  env = await startConsoleEnv();
  admin = await env.open();
  page = admin.page;
  await page.setViewportSize(DESKTOP);
  await login(page, env.hub.url);
});
afterAll(async () => {
  await env?.stop();
});
afterEach(() => {
  admin.problems.assertNone();
});

/**
 * Something scrolls sideways: the document (content wider than the window), or a box inside the page that scrolls
 * its own overflow (a table in a card would hide the document's scroll that way).
 */
const scrollsSideways = (p: Page) =>
  p.evaluate<boolean>(`(() => {
    if ((document.scrollingElement?.scrollWidth ?? 0) > window.innerWidth) return true;
    return [...document.querySelectorAll('main *')].some((e) => {
      const x = getComputedStyle(e).overflowX;
      return (x === 'auto' || x === 'scroll') && e.scrollWidth > e.clientWidth + 1;
    });
  })()`);

describe('a provider', () => {
  it('is refused in words next to its fields, tested from the form before saving, and saved disabled', async () => {
    await page.goto(url('/providers'));
    await page.getByTestId('provider-add').click();
    const form = page.getByTestId('provider-form');
    const field = (name: string) => form.locator('.fui-Field', { has: page.locator(`[name="${name}"]`) });
    // One refusal at a time, each next to its field and in words.
    await form.locator('input[name=baseUrl]').fill('api.example.com');
    await form.locator('input[name=costMultiplier]').fill('-1');
    await page.getByTestId('form-save').click();
    await waitForText(field('name'), 'Name is required');
    await waitForText(form, 'Some fields need attention.');
    await form.locator('input[name=name]').fill('lead-upstream');
    await page.getByTestId('form-save').click();
    await waitForText(field('baseUrl'), 'Must be a URL starting with http:// or https://');
    await form.locator('input[name=baseUrl]').fill(env.fake.url);
    await page.getByTestId('form-save').click();
    await waitForText(field('costMultiplier'), 'Must be zero or more');
    expect(await form.textContent()).not.toContain('Something went wrong');

    await form.locator('input[name=costMultiplier]').fill('1');
    await form.locator('input[name=apiKey]').fill('sk-wrong-key');
    await page.getByTestId('provider-form-test').click();
    const result = form.getByTestId('provider-test-result');
    await result.waitFor();
    expect(await result.getAttribute('data-ok')).toBe('false');
    await form.locator('input[name=apiKey]').fill(UPSTREAM_KEY);
    await page.getByTestId('provider-form-test').click();
    await waitUntil(async () => (await result.getAttribute('data-ok')) === 'true', 'the draft test to pass');
    const before = await env.hub.api<{ items: unknown[] }>('GET', '/api/v1/providers');
    expect(before.json.items).toHaveLength(0); // testing saved nothing

    await page.getByTestId('provider-form-enabled').click();
    await page.getByTestId('form-save').click();
    await page.locator('[data-testid=provider-row][data-name=lead-upstream]').waitFor();
    const saved = (await env.hub.api<{ items: { id: string; enabled: boolean }[] }>('GET', '/api/v1/providers')).json
      .items[0];
    expect(saved?.enabled).toBe(false);
    made.providerId = saved?.id ?? '';
    await env.hub.api('PATCH', `/api/v1/providers/${made.providerId}`, { enabled: true });
  });

  it('shows failing on the list and the dashboard after a failed test, beside a closed breaker', async () => {
    await page.goto(url('/providers'));
    const row = page.locator('[data-testid=provider-row][data-name=lead-upstream]');
    await row.locator('[data-testid=provider-health-state][data-state=untested]').waitFor();
    env.fake.enqueue({
      kind: 'status',
      status: 500,
      body: { type: 'error', error: { type: 'api_error', message: 'down' } },
    });
    await row.getByTestId('provider-test').click();
    await page.getByTestId('provider-test-run').click();
    await page.locator('[data-testid=provider-test-result][data-ok=false]').waitFor();
    await page.getByRole('button', { name: 'Close' }).last().click();
    await row.locator('[data-testid=provider-health-state][data-state=failing]').waitFor();
    await waitForText(row.getByTestId('provider-health-error'), 'HTTP 500');
    expect(await row.locator('[data-testid=breaker-state]').getAttribute('data-state')).toBe('closed');
    await waitForText(row.locator('[data-testid=breaker-state]'), 'Closed');

    await page.getByTestId('nav-dashboard').click();
    await page
      .locator('[data-testid=provider-health] [data-testid=provider-health-state][data-state=failing]')
      .waitFor();

    // A good test heals it, and real traffic keeps it ok.
    await page.goto(url('/providers'));
    await row.getByTestId('provider-test').click();
    await page.getByTestId('provider-test-run').click();
    await page.locator('[data-testid=provider-test-result][data-ok=true]').waitFor();
    await page.getByRole('button', { name: 'Close' }).last().click();
    await row.locator('[data-testid=provider-health-state][data-state=ok]').waitFor();
  });

  it('confirms an inline weight edit with a toast that can undo it', async () => {
    const row = page.locator('[data-testid=provider-row][data-name=lead-upstream]');
    await row.getByTestId('provider-weight').fill('4');
    await row.getByTestId('provider-weight').press('Enter');
    const toast = page.getByTestId('undo-toast').last();
    await waitForText(toast, 'Weight set to 4');
    await toast.getByTestId('undo').click();
    await waitUntil(
      async () =>
        (await env.hub.api<{ weight: number }>('GET', `/api/v1/providers/${made.providerId}`)).json.weight === 1,
      'the weight to be put back',
    );
  });
});

describe('a key', () => {
  it('is handed out from the Keys page with its setup filled in, and works in the real Claude Code', async () => {
    const user = await env.hub.api<{ id: string }>('POST', '/api/v1/users', { name: 'bob', limits: { dailyUsd: 5 } });
    made.userId = user.json.id;
    await page.getByTestId('nav-keys').click();
    await page.getByTestId('key-new').click();
    const form = page.getByTestId('key-form');
    await form.getByTestId('key-form-user').selectOption(made.userId);
    await form.locator('input[name=name]').fill('bob-laptop');
    await form.locator('input[name=expiresAt]').fill('2020-01-01T09:00');
    await page.getByTestId('form-save').click();
    await waitForText(
      form.locator('.fui-Field', { has: page.locator('input[name=expiresAt]') }),
      'This time is already past',
    );
    await form.locator('input[name=expiresAt]').fill('');
    await page.getByTestId('form-save').click();

    made.key = ((await page.getByTestId('created-key').textContent()) ?? '').trim();
    expect(made.key).toMatch(/^sk-cchub-/);
    const setup = page.getByTestId('key-setup');
    await setup.getByTestId('usage-client-claude-code').click();
    const snippet = setup.getByTestId('usage-snippet').first();
    await waitForText(snippet, made.key);
    expect(await snippet.textContent()).toContain(`ANTHROPIC_BASE_URL="${env.hub.url}"`);
    for (const client of ['codex-cli', 'gemini-cli', 'sdk'])
      await setup.getByTestId(`usage-client-${client}`).waitFor();
    await page.screenshot({ path: join(SHOTS, 'key-created-desktop-light-en.png'), animations: 'disabled' });

    // Copied from the dialog, pasted into a shell: the real Claude Code answers through the hub.
    await snippet.getByTestId('copy-snippet').click();
    const pasted = await page.evaluate<string>('navigator.clipboard.readText()');
    const exported = Object.fromEntries(
      [...pasted.matchAll(/^export (\w+)="([^"]*)"$/gm)].map((m) => [m[1] as string, m[2] as string]),
    );
    expect(exported).toEqual({ ANTHROPIC_BASE_URL: env.hub.url, ANTHROPIC_AUTH_TOKEN: made.key });
    const home = mkdtempSync(join(tmpdir(), 'cchub-claude-home-'));
    try {
      const run = promisify(execFile)(
        join(REPO_ROOT, 'node_modules', '.bin', 'claude'),
        ['-p', 'Say hello', '--model', 'claude-sonnet-4-6'],
        {
          env: {
            PATH: process.env.PATH ?? '',
            HOME: home,
            ...exported,
            CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
            DISABLE_AUTOUPDATER: '1',
          },
          timeout: 60_000,
        },
      );
      run.child.stdin?.end(); // no piped prompt: -p has it
      const { stdout, stderr } = await run;
      expect(stdout, stderr).toContain('Hello from the fake upstream');
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
    await page.getByTestId('key-dialog-done').click();
    env.hub.fold();
    const rows = env.hub.rows('SELECT status FROM requests WHERE user_id = ? AND status = 200', made.userId);
    expect(rows.length).toBeGreaterThan(0);
  });

  it('once expired, leaves its refused request in the log as a blocked row with the reason', async () => {
    const card = page.locator('[data-testid=key-card][data-name=bob-laptop]');
    await card.getByTestId('key-menu').click();
    await page.getByTestId('key-expire').click();
    await page.getByTestId('confirm').click();
    await waitUntil(
      async () =>
        (await env.hub.api<{ items: { expiresAt: string | null }[] }>('GET', `/api/v1/keys?userId=${made.userId}`)).json
          .items[0]?.expiresAt,
      'the key to expire',
    );
    await expect(ask(made.key)).rejects.toMatchObject({ status: 401 });
    env.hub.fold();

    await page.goto(url('/logs'));
    await page.locator('select[name=status]').selectOption('blocked');
    await waitUntil(async () => new URL(page.url()).searchParams.get('status') === 'blocked', 'the status filter');
    const blocked = page.locator('[data-testid=log-row][data-blocked=true]');
    await waitUntil(async () => {
      const all = await page.locator('[data-testid=log-row]').count();
      return all > 0 && all === (await blocked.count());
    }, 'only blocked rows');
    await waitForText(blocked.first(), 'blocked: the key has expired');
    await blocked.first().click();
    await waitForText(page.getByTestId('request-drawer'), 'Blocked by: the key has expired');
    await page.keyboard.press('Escape');
    await page.getByTestId('request-drawer').waitFor({ state: 'detached' });

    // Text filters apply as you type, without Enter.
    await page.locator('select[name=status]').selectOption('');
    await page.locator('input[name=model]').pressSequentially('claude-sonnet-4-6');
    await waitUntil(async () => new URL(page.url()).searchParams.get('model') === 'claude-sonnet-4-6', 'typing');
  });
});

describe('lists', () => {
  it("show a user's spend today against the limit, link them to their requests, and leaderboard names onward", async () => {
    await page.goto(url('/users'));
    const row = page.locator('[data-testid=user-row][data-name=bob]');
    await waitForText(row.getByTestId('user-today'), '/ $5.00');
    await row.getByRole('link', { name: 'bob' }).click();
    await page.getByTestId('user-requests').click();
    await waitUntil(async () => new URL(page.url()).searchParams.get('userId') === made.userId, 'the user filter');
    await page.locator('[data-testid=log-row]').first().waitFor();

    await page.goto(url('/leaderboard?scope=user&period=daily'));
    await page.locator('[data-testid=leaderboard-row][data-name=bob]').getByRole('link', { name: 'bob' }).click();
    await page.waitForURL((u) => u.pathname === `/users/${made.userId}`);
  });

  it('the setup guide is one click from the navigation, inside the console', async () => {
    await page.getByTestId('nav-setup').click();
    await page.waitForURL((u) => u.pathname === '/setup');
    await page.getByTestId('usage-snippet').first().waitFor();
    await page.getByTestId('nav-providers').waitFor(); // still inside the console's frame
  });
});

describe('on a phone', () => {
  it('providers, logs and users stack without sideways scrolling; the log filters fold behind one button', async () => {
    const phone = await env.open();
    await phone.page.setViewportSize(PHONE);
    await login(phone.page, env.hub.url);
    for (const path of ['/providers', '/logs', '/users']) {
      await phone.page.goto(url(path));
      await phone.page.locator('table tbody tr').first().waitFor();
      expect(await scrollsSideways(phone.page), path).toBe(false);
    }
    await phone.page.goto(url('/providers'));
    const row = phone.page.locator('[data-testid=provider-row]').first();
    await row.getByTestId('provider-health-state').waitFor(); // visible: health shows on the stacked row
    await phone.page.goto(url('/logs'));
    expect(await phone.page.getByTestId('log-filters').count()).toBe(0);
    await phone.page.getByTestId('log-filters-toggle').click();
    await phone.page.getByTestId('log-filters').waitFor();
    expect(await scrollsSideways(phone.page)).toBe(false);
    const first = phone.page.locator('[data-testid=log-row]').first();
    await first.getByTestId('http-status').waitFor();
    phone.problems.assertNone();
  });
});

describe('screenshots', () => {
  it('saves the lead’s pages at 1440×900 and 390×844, light and dark, English and Chinese', async () => {
    for (const locale of ['en-US', 'zh-CN'] as const) {
      for (const colorScheme of ['light', 'dark'] as const) {
        const view = await env.open({ locale, colorScheme });
        await login(view.page, env.hub.url);
        for (const [size, viewport] of [
          ['desktop', DESKTOP],
          ['phone', PHONE],
        ] as const) {
          await view.page.setViewportSize(viewport);
          for (const [name, path] of [
            ['dashboard', '/'],
            ['providers', '/providers'],
            ['users', '/users'],
            ['logs', '/logs'],
            ['keys', '/keys'],
          ] as const) {
            await view.page.goto(url(path));
            const listed = name === 'providers' || name === 'users' || name === 'logs';
            await view.page
              .locator(listed ? 'main table tbody tr' : 'main h1')
              .first()
              .waitFor();
            await view.page.locator(`html[data-theme=${colorScheme}]`).waitFor({ state: 'attached' });
            const lang = locale === 'en-US' ? 'en' : 'zh';
            await view.page.screenshot({
              path: join(SHOTS, `${name}-${size}-${colorScheme}-${lang}.png`),
              fullPage: size === 'phone',
              animations: 'disabled',
            });
            if (size === 'phone' && name !== 'dashboard' && name !== 'keys') {
              expect(await scrollsSideways(view.page), `${name} ${locale} ${colorScheme}`).toBe(false);
            }
          }
        }
        view.problems.assertNone();
        await view.context.close();
      }
    }
  });
});
