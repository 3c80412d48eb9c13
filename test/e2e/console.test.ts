// The admin console in Chromium against a real hub and the fake upstream: login, providers, users and keys, traffic
// on the dashboard, logs and leaderboard, quotas, theme and language, prices paging, and what a restricted key sees.
import Anthropic from '@anthropic-ai/sdk';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFakeUpstream } from '../fake-upstream';
import { type ConsoleEnv, login, type OpenPage, startConsoleEnv, UPSTREAM_KEY } from './helpers/console-env';
import { waitForText, waitUntil } from './helpers/wait';

let env: ConsoleEnv;
let admin: OpenPage;
let page: Page;
/** Filled as the story goes: the provider, the user and the key the console created. */
const made = { providerId: '', userId: '', keyId: '', key: '' };

const sdk = (apiKey: string) => new Anthropic({ apiKey, baseURL: env.hub.url, maxRetries: 0 });
const ask = (apiKey: string, model = 'claude-sonnet-4-6') =>
  sdk(apiKey).messages.create({ model, max_tokens: 32, messages: [{ role: 'user', content: 'Say hello' }] });
const url = (path: string) => `${env.hub.url}${path}`;

beforeAll(async () => {
  env = await startConsoleEnv();
  admin = await env.open();
  page = admin.page;
});
afterAll(async () => {
  await env?.stop();
});
afterEach(() => {
  admin.problems.assertNone();
});

describe('serving the console', () => {
  it('answers deep links with index.html carrying a fresh CSP nonce; assets and API paths are not swallowed', async () => {
    const first = await fetch(url('/users/usr_nothing?x=1'));
    const second = await fetch(url('/logs'));
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toMatch(/text\/html/);
    const csp = first.headers.get('content-security-policy') ?? '';
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1] ?? '';
    expect(nonce).not.toBe('');
    for (const directive of [
      "default-src 'self'",
      `script-src 'self' 'nonce-${nonce}'`,
      `style-src 'self' 'nonce-${nonce}'`,
      "img-src 'self' data:",
      "connect-src 'self'",
      "object-src 'none'",
      "base-uri 'self'",
      "frame-ancestors 'none'",
    ])
      expect(csp).toContain(directive);
    const html = await first.text();
    expect(html).toContain(`<meta property="csp-nonce" nonce="${nonce}"`);
    expect(html).not.toContain('__CCHUB_CSP_NONCE__');
    expect(html).not.toMatch(/(src|href)="\.\//);
    const otherNonce = /'nonce-([^']+)'/.exec(second.headers.get('content-security-policy') ?? '')?.[1];
    expect(otherNonce).toBeDefined();
    expect(otherNonce).not.toBe(nonce);

    const favicon = await fetch(url('/favicon.svg'));
    expect(favicon.status).toBe(200);
    expect(favicon.headers.get('content-type')).toMatch(/svg/);
    expect((await fetch(url('/assets/no-such-chunk.js'))).status).toBe(404);
    const api = await fetch(url('/api/v1/no-such-route'));
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toMatch(/json/);
  });
});

describe('signing in', () => {
  it('asks for the session (no 401 before login), shows the server’s error with its request id, then logs in', async () => {
    const apiStatuses: string[] = [];
    page.on('response', (r) => {
      if (r.url().includes('/api/v1/')) apiStatuses.push(`${r.status()} ${new URL(r.url()).pathname}`);
    });
    await page.goto(url('/providers'));
    await page.waitForURL((u) => u.pathname === '/login');
    expect(new URL(page.url()).searchParams.get('from')).toBe('/providers');
    await page.locator('input[type=password][name=token]').waitFor();
    expect(apiStatuses).toContain('200 /api/v1/auth/session');
    expect(apiStatuses.filter((s) => s.startsWith('401'))).toEqual([]);

    admin.problems.expect(/401/);
    await page.locator('input[name=token]').fill('sk-cchub-not-a-real-key-000000000000');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('error-message').waitFor();
    await waitForText(page.getByTestId('error-message'), 'unknown, disabled or expired');
    expect(await page.getByTestId('error-request-id').textContent()).toMatch(/^req_/);

    await page.locator('input[name=token]').fill(env.hub.hub.adminToken);
    await page.getByTestId('login-submit').click();
    await page.waitForURL((u) => u.pathname === '/providers');
    await page.getByTestId('provider-add').waitFor();
    await page.reload();
    await page.getByTestId('provider-add').waitFor();
    expect(new URL(page.url()).pathname).toBe('/providers');
  });
});

describe('providers', () => {
  it('adds a provider with the form, edits its weight inline and tests it', async () => {
    await page.getByTestId('provider-add').click();
    const form = page.getByTestId('provider-form');
    await form.locator('input[name=name]').fill('fake-anthropic');
    await form.locator('select[name=type]').selectOption('anthropic');
    await form.locator('input[name=apiKey]').fill(UPSTREAM_KEY);
    await form.locator('input[name=baseUrl]').fill('ftp://upstream.example');
    await page.getByTestId('form-save').click();
    // Refused next to the field, in words, by the form itself (the server words the same reason alike).
    await waitForText(
      form.locator('.fui-Field', { has: page.locator('input[name=baseUrl]') }),
      'Must be a URL starting with http:// or https://',
    );
    await waitForText(form, 'Some fields need attention.');

    // The timeouts show their defaults and what the settings mean for a provider that never answers, as they change.
    await waitForText(form, 'Default 30 s');
    await waitForText(form, 'left after 60 s for a stream and 300 s for a non-stream request');
    await form.locator('input[name=attempts]').fill('3');
    await waitForText(form, 'left after 90 s for a stream');
    await form.locator('input[name=attempts]').fill('2');

    await form.locator('input[name=baseUrl]').fill(env.fake.url);
    await form.locator('input[name=costMultiplier]').fill('1');
    await page.getByTestId('form-save').click();
    const row = page.locator('[data-testid=provider-row][data-name=fake-anthropic]');
    await row.waitFor();
    const listed = await env.hub.api<{ items: { id: string; name: string; apiKey: string }[] }>(
      'GET',
      '/api/v1/providers',
    );
    const created = listed.json.items.find((p) => p.name === 'fake-anthropic');
    expect(created?.apiKey).not.toContain(UPSTREAM_KEY);
    made.providerId = created?.id ?? '';

    await row.getByTestId('provider-weight').fill('3');
    await row.getByTestId('provider-weight').press('Enter');
    await waitUntil(
      async () =>
        (await env.hub.api<{ weight: number }>('GET', `/api/v1/providers/${made.providerId}`)).json.weight === 3,
      'the weight to be saved',
    );

    await row.getByTestId('provider-test').click();
    await page.getByTestId('provider-test-run').click();
    const result = page.getByTestId('provider-test-result');
    await result.waitFor();
    expect(await result.getAttribute('data-ok')).toBe('true');
    expect((await page.getByTestId('provider-test-words').textContent())?.trim()).not.toBe('—');
    await page.getByRole('button', { name: 'Close' }).last().click();
    await result.waitFor({ state: 'detached' });
  });
});

describe('users and keys', () => {
  it('creates a user, issues a key shown once and copies it', async () => {
    await page.getByTestId('nav-users').click();
    await page.getByTestId('user-add').click();
    const form = page.getByTestId('user-form');
    await form.locator('input[name=name]').fill('e2e-alice');
    await page.getByTestId('form-save').click();
    await page.waitForURL((u) => u.pathname.startsWith('/users/usr_'));
    made.userId = decodeURIComponent(new URL(page.url()).pathname.split('/')[2] ?? '');

    await page.getByTestId('key-add').click();
    await page.getByTestId('key-form').locator('input[name=name]').fill('laptop');
    await page.getByTestId('form-save').click();
    const shown = page.getByTestId('created-key');
    await shown.waitFor();
    made.key = (await shown.textContent())?.trim() ?? '';
    expect(made.key).toMatch(/^sk-cchub-[0-9A-Za-z]{32}$/);
    await page.getByTestId('copy-key').click();
    await page.locator('[data-testid=copy-key][data-copied=true]').waitFor();
    expect(await page.evaluate<string>('navigator.clipboard.readText()')).toBe(made.key);
    await page.getByTestId('key-dialog-done').click();
    await page.locator('[data-testid=key-card][data-name=laptop]').waitFor();
    const keys = await env.hub.api<{ items: { id: string }[] }>('GET', `/api/v1/keys?userId=${made.userId}`);
    made.keyId = keys.json.items[0]?.id ?? '';
    expect(made.keyId).not.toBe('');
  });
});

describe('traffic', () => {
  it('shows requests sent with the SDK on the dashboard, in the logs (decision chain, tokens) and on the leaderboard', async () => {
    env.fake.setDefault({ kind: 'ok', usage: { input: 1200, output: 300, cacheRead: 400, cacheWrite5m: 100 } });
    for (let i = 0; i < 3; i++) await ask(made.key);
    env.fake.reset();

    await page.goto(url('/'));
    await waitForText(page.getByTestId('card-requests-value'), /^3$/);
    await page.getByTestId('usage-chart').getByTestId('stacked-chart').waitFor();

    await page.getByTestId('nav-logs').click();
    const rows = page.getByTestId('log-row');
    await waitUntil(async () => (await rows.count()) >= 3, 'three log rows');
    await rows.first().click();
    await page.waitForURL((u) => u.pathname.startsWith('/logs/req_'));
    const drawer = page.getByTestId('request-drawer');
    await drawer.getByTestId('decision-chain').waitFor();
    const kinds = await drawer
      .getByTestId('decision-step')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')));
    expect(kinds).toContain('attempt');
    expect(kinds[kinds.length - 1]).toBe('result');
    const tokens = async (category: string) =>
      drawer.locator(`[data-testid=token-row][data-category=${category}] [data-testid=token-count]`).textContent();
    expect(await tokens('input')).toBe('1,200');
    expect(await tokens('output')).toBe('300');
    expect(await tokens('cacheRead')).toBe('400');
    expect(await tokens('cacheWrite5m')).toBe('100');
    expect(await drawer.getByTestId('cost-total').textContent()).toMatch(/^\$\d/);
    await page.reload();
    await drawer.getByTestId('decision-chain').waitFor();
    await page.keyboard.press('Escape');
    await page.waitForURL((u) => u.pathname === '/logs');

    await page.getByTestId('nav-leaderboard').click();
    const leader = page.locator('[data-testid=leaderboard-row][data-name=e2e-alice]');
    await leader.waitFor();
    expect(await leader.getByTestId('leaderboard-requests').textContent()).toBe('3');
  });

  it('pages through the log by keyset as it scrolls (100 rows a page, never a count)', async () => {
    const asked: string[] = [];
    page.on('request', (r) => {
      if (new URL(r.url()).pathname === '/api/v1/requests') asked.push(r.url());
    });
    await Promise.all(Array.from({ length: 110 }, () => ask(made.key, 'claude-haiku-4-5')));
    await page.goto(url('/logs'));
    const rows = page.getByTestId('log-row');
    await waitUntil(async () => (await rows.count()) === 100, 'the first page of 100 rows');
    await page.mouse.wheel(0, 100_000);
    await waitUntil(async () => (await rows.count()) >= 113, 'the second page');
    const second = asked.map((u) => new URL(u)).find((u) => u.searchParams.has('cursor'));
    expect(second?.searchParams.get('limit')).toBe('100');
    expect(asked.every((u) => !/count|total|offset/i.test(new URL(u).search))).toBe(true);
  });
});

describe('circuit breaker', () => {
  it('shows a failing provider’s breaker open on the dashboard and providers page, with its history, and resets it', async () => {
    const flaky = await startFakeUpstream({ apiKey: UPSTREAM_KEY });
    try {
      flaky.setDefault({ kind: 'status', status: 500 });
      await env.hub.addProvider(flaky.url, {
        name: 'flaky',
        apiKey: UPSTREAM_KEY,
        groups: ['flaky'],
        attempts: 1,
        breaker: { failureThreshold: 1, openMs: 600_000, halfOpenSuccesses: 1 },
      });
      const { key } = await env.hub.addUserWithKey({ name: 'e2e-flaky', groups: ['flaky'] });
      const failed = await ask(key).then(
        () => null,
        (err: unknown) => err,
      );
      expect(failed).toBeInstanceOf(Anthropic.APIError);

      await page.goto(url('/'));
      await page.locator('[data-testid=provider-health] [data-testid=breaker-state][data-state=open]').waitFor();
      await page.getByTestId('nav-providers').click();
      const row = page.locator('[data-testid=provider-row][data-name=flaky]');
      await row.locator('[data-testid=breaker-state][data-state=open]').waitFor();
      await row.getByTestId('breaker-open').click();
      const dialog = page.getByTestId('breaker-dialog');
      await dialog.locator('[data-testid=breaker-state][data-state=open]').first().waitFor();
      await dialog.getByTestId('breaker-history-row').first().waitFor();
      await page.getByTestId('breaker-reset').click();
      await dialog.locator('[data-testid=breaker-state][data-state=closed]').first().waitFor();
      await waitUntil(
        async () => (await dialog.getByTestId('breaker-history-row').count()) >= 2,
        'the reset in the history',
      );
      await page.keyboard.press('Escape');
      await row.locator('[data-testid=breaker-state][data-state=closed]').waitFor();
    } finally {
      await flaky.close();
    }
  });
});

describe('quotas', () => {
  it('a daily limit set on the key refuses the next request, and its bar shows full', async () => {
    await page.goto(url(`/users/${made.userId}`));
    const card = page.locator('[data-testid=key-card][data-name=laptop]');
    await card.getByTestId('key-menu').click();
    await page.getByTestId('key-edit').click();
    const form = page.getByTestId('key-form');
    await form.locator('input[name="limits.dailyUsd"]').fill('0.000001');
    await page.getByTestId('form-save').click();
    await form.waitFor({ state: 'detached' });
    const key = await env.hub.api<{ limits: { dailyUsd: number } }>('GET', `/api/v1/keys/${made.keyId}`);
    expect(key.json.limits.dailyUsd).toBe(0.000001);

    const refusal = await ask(made.key).then(
      () => null,
      (err: unknown) => err,
    );
    expect(refusal).toBeInstanceOf(Anthropic.APIError);
    expect((refusal as InstanceType<typeof Anthropic.APIError>).status).toBe(402);

    await page.reload();
    await card.locator('[data-testid=quota-item][data-window=daily][data-full=true]').waitFor();
  });
});

describe('preferences', () => {
  it('switches theme and language, and both survive a reload', async () => {
    await page.goto(url('/'));
    await page.getByTestId('theme-switch').click();
    await page.getByTestId('theme-dark').click();
    await page.locator('html[data-theme=dark]').waitFor({ state: 'attached' });
    await page.getByTestId('language-switch').click();
    await page.getByTestId('language-zh-CN').click();
    await waitForText(page.getByTestId('nav-dashboard'), '仪表盘');
    expect(await page.evaluate<string>('document.documentElement.lang')).toBe('zh-CN');

    await page.reload();
    await waitForText(page.getByTestId('nav-dashboard'), '仪表盘');
    expect(await page.evaluate<string>('document.documentElement.dataset.theme')).toBe('dark');

    await page.getByTestId('language-switch').click();
    await page.getByTestId('language-en').click();
    await waitForText(page.getByTestId('nav-dashboard'), 'Dashboard');
    await page.getByTestId('theme-switch').click();
    await page.getByTestId('theme-system').click();
    await page.locator('html[data-theme=light]').waitFor({ state: 'attached' });
  });
});

describe('prices', () => {
  it('keeps page size and cursor in the URL, across a reload', async () => {
    await page.goto(url('/prices?size=20'));
    const rows = page.getByTestId('price-row');
    await waitUntil(async () => (await rows.count()) === 20, '20 prices');
    const firstOfPage1 = await rows.first().getAttribute('data-model');
    await page.getByTestId('prices-next').click();
    await page.waitForURL((u) => u.searchParams.has('cursor') && u.searchParams.get('size') === '20');
    await waitUntil(async () => (await rows.first().getAttribute('data-model')) !== firstOfPage1, 'the second page');
    const firstOfPage2 = await rows.first().getAttribute('data-model');
    await page.reload();
    await waitUntil(async () => (await rows.first().getAttribute('data-model')) === firstOfPage2, 'the same page');
    await page.getByTestId('prices-prev').click();
    await waitUntil(async () => (await rows.first().getAttribute('data-model')) === firstOfPage1, 'the first page');

    await page.getByTestId('prices-search').fill('claude-sonnet-4');
    await page.waitForURL((u) => u.searchParams.get('search') === 'claude-sonnet-4');
    await waitUntil(async () => {
      const models = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-model') ?? ''));
      return models.length > 0 && models.every((m) => m.includes('claude-sonnet-4'));
    }, 'search results');
  });
});

describe('a key without console login', () => {
  it('lands on "my usage" and sees nothing else', async () => {
    const user = await env.hub.addUser({ name: 'e2e-carol', limits: { dailyUsd: 50 } });
    const key = await env.hub.addKey(user.id, { name: 'ci-runner', canLogin: false });
    await ask(key.key);
    const viewer = await env.open();
    try {
      await login(viewer.page, env.hub.url, key.key);
      await viewer.page.waitForURL((u) => u.pathname === '/me');
      await viewer.page.getByTestId('nav-me').waitFor();
      // "my usage" and the setup guide
      expect(await viewer.page.locator('[data-testid^=nav-]').count()).toBe(2);
      await viewer.page.getByTestId('nav-setup').waitFor();
      await viewer.page.locator('[data-testid=my-user-quota] [data-testid=quota-item][data-window=daily]').waitFor();
      await waitUntil(async () => (await viewer.page.getByTestId('log-row').count()) === 1, 'my one request');
      await waitForText(viewer.page.getByTestId('me-requests-value'), /^1$/);

      await viewer.page.goto(url('/providers'));
      await viewer.page.waitForURL((u) => u.pathname === '/me');
      await viewer.page.getByTestId('logout').click();
      await viewer.page.waitForURL((u) => u.pathname === '/login');
      viewer.problems.assertNone();
    } finally {
      await viewer.context.close();
    }
  });

  it('a key allowed to log in sees its own dashboard and logs, not the admin pages', async () => {
    const user = await env.hub.addUser({ name: 'e2e-dave' });
    const key = await env.hub.addKey(user.id, { name: 'console', canLogin: true });
    const member = await env.open();
    try {
      await login(member.page, env.hub.url, key.key);
      await member.page.waitForURL((u) => u.pathname === '/');
      await member.page.getByTestId('card-requests').waitFor();
      await waitForText(member.page.getByTestId('account-name'), 'e2e-dave'); // their own name in the header
      const nav = await member.page
        .locator('[data-testid^=nav-]')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
      expect(nav).toEqual([
        'nav-dashboard',
        'nav-me',
        'nav-keys',
        'nav-logs',
        'nav-leaderboard',
        'nav-docs',
        'nav-setup',
      ]);
      await member.page.goto(url('/users'));
      await member.page.waitForURL((u) => u.pathname === '/');
      member.problems.assertNone();
    } finally {
      await member.context.close();
    }
  });
});

describe('inside the desktop app', () => {
  it('signs in by itself with the admin token the preload bridge hands over', async () => {
    const desktop = await env.open();
    try {
      const token = JSON.stringify(env.hub.hub.adminToken);
      await desktop.context.addInitScript(
        `window.cchubDesktop = Object.freeze({ isDesktop: true, adminToken: () => Promise.resolve(${token}) });`,
      );
      await desktop.page.goto(url('/providers'));
      await desktop.page.getByTestId('provider-add').waitFor();
      expect(new URL(desktop.page.url()).pathname).toBe('/providers');
      desktop.problems.assertNone();
    } finally {
      await desktop.context.close();
    }
  });
});

describe('the public usage page', () => {
  it('needs no login and copies setup snippets filled with this hub’s address', async () => {
    const visitor = await env.open();
    try {
      await visitor.page.goto(url('/usage'));
      await waitForText(visitor.page.getByTestId('usage-base-url'), env.hub.url);
      const snippet = visitor.page.getByTestId('usage-snippet').first();
      await snippet.getByTestId('copy-snippet').click();
      await snippet.locator('[data-copied=true]').waitFor();
      expect(await visitor.page.evaluate<string>('navigator.clipboard.readText()')).toContain(env.hub.url);
      visitor.problems.assertNone();
    } finally {
      await visitor.context.close();
    }
  });
});

describe('screenshots', () => {
  it('saves every page in both themes under test-results/console', async () => {
    const { shootBothThemes } = await import('./helpers/screenshots');
    const visit = async (path: string, ready: string, name: string, fullPage = false) => {
      await page.goto(url(path));
      await page.locator(ready).first().waitFor();
      await shootBothThemes(page, name, fullPage);
    };
    await visit('/', '[data-testid=stacked-chart]', 'dashboard', true);
    await visit('/providers', '[data-testid=provider-row]', 'providers');
    await page.getByTestId('provider-row').first().locator('button[aria-label="More actions"]').click();
    await page.getByRole('menuitem', { name: 'Edit' }).click();
    await page.getByTestId('provider-form').waitFor();
    await shootBothThemes(page, 'provider-form');
    await page.keyboard.press('Escape');
    await page.getByTestId('provider-form').waitFor({ state: 'detached' });
    await page.locator('[data-testid=provider-row][data-name=flaky]').getByTestId('breaker-open').click();
    await page.getByTestId('breaker-history-row').first().waitFor();
    await shootBothThemes(page, 'provider-breaker');
    await page.keyboard.press('Escape');
    await visit('/users', '[data-testid=user-row]', 'users');
    await visit(`/users/${made.userId}`, '[data-testid=key-card]', 'user-detail');
    await visit('/keys', '[data-testid=key-card]', 'keys');
    await visit('/logs', '[data-testid=log-row]', 'logs');
    await page.getByTestId('log-row').first().click();
    await page.getByTestId('decision-chain').waitFor();
    await shootBothThemes(page, 'log-detail');
    await visit('/leaderboard?scope=provider&period=all', '[data-testid=leaderboard-row]', 'leaderboard');
    await visit('/prices', '[data-testid=price-row]', 'prices');
    await visit('/settings', '[data-testid=settings-form]', 'settings');
    await visit('/audit', '[data-testid=audit-row]', 'audit');
    await visit('/docs', '[data-testid=doc-link]', 'docs');
    await visit('/no-such-page', '[data-testid=empty-state]', 'not-found');

    await page.getByTestId('language-switch').click();
    await page.getByTestId('language-zh-CN').click();
    await waitForText(page.getByTestId('nav-dashboard'), '仪表盘');
    await visit('/', '[data-testid=stacked-chart]', 'dashboard-zh', true);
    await visit(`/users/${made.userId}`, '[data-testid=key-card]', 'user-detail-zh');
    await visit('/logs', '[data-testid=log-row]', 'logs-zh');
    await page.getByTestId('log-row').first().click();
    await page.getByTestId('decision-chain').waitFor();
    await shootBothThemes(page, 'log-detail-zh');
    await page.keyboard.press('Escape');
    await page.getByTestId('request-drawer').waitFor({ state: 'detached' });
    await page.getByTestId('language-switch').click();
    await page.getByTestId('language-en').click();
    await waitForText(page.getByTestId('nav-dashboard'), 'Dashboard');

    const visitor = await env.open();
    try {
      await visitor.page.goto(url('/login'));
      await visitor.page.getByTestId('login-form').waitFor();
      await shootBothThemes(visitor.page, 'login');
      await visitor.page.goto(url('/usage'));
      await visitor.page.getByTestId('usage-snippet').first().waitFor();
      await shootBothThemes(visitor.page, 'usage');
      const user = await env.hub.addUser({ name: 'e2e-erin', limits: { dailyUsd: 2, monthlyUsd: 20 } });
      const key = await env.hub.addKey(user.id, { name: 'erin-laptop', limits: { fiveHourUsd: 1 } });
      await ask(key.key);
      await login(visitor.page, env.hub.url, key.key);
      await visitor.page.locator('[data-testid=quota-item]').first().waitFor();
      await visitor.page.getByTestId('log-row').first().waitFor();
      await shootBothThemes(visitor.page, 'my-usage', true);
      visitor.problems.assertNone();
    } finally {
      await visitor.context.close();
    }
  });
});
