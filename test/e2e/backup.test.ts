// The Backup page in Chromium against a real hub: download a database backup, export the configuration with a
// passphrase, then import it back with a dry-run diff before applying; in English and Simplified Chinese.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type ConsoleEnv, login, type OpenPage, startConsoleEnv, UPSTREAM_KEY } from './helpers/console-env';
import { shootBothThemes } from './helpers/screenshots';
import { waitForText } from './helpers/wait';

let env: ConsoleEnv;
let admin: OpenPage;
let page: Page;
const made = { userId: '', key: '', providerId: '' };
let exported = '';

beforeAll(async () => {
  env = await startConsoleEnv();
  made.providerId = (await env.hub.addProvider(env.fake.url, { apiKey: UPSTREAM_KEY })).id;
  const user = await env.hub.addUserWithKey({ name: 'original-name' });
  made.userId = user.userId;
  made.key = user.key;
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

describe('the Backup page', () => {
  it('downloads a database backup', async () => {
    await page.goto(`${env.hub.url}/backup`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('backup-download').click()]);
    expect(download.suggestedFilename()).toMatch(/^cchub-backup-.*\.sqlite$/);
    const file = readFileSync((await download.path()) as string);
    expect(file.subarray(0, 16).toString('latin1')).toBe('SQLite format 3\u0000');
    await waitForText(page.getByTestId('backup-done'), download.suggestedFilename());
  });

  it('exports the configuration sealed with a passphrase', async () => {
    await page.locator('input[name=export-passphrase]').fill('a long passphrase');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-download').click()]);
    expect(download.suggestedFilename()).toMatch(/^cchub-config-\d{4}-\d{2}-\d{2}\.json$/);
    exported = readFileSync((await download.path()) as string, 'utf8');
    const doc = JSON.parse(exported) as { secrets: unknown; users: { name: string }[] };
    expect(doc.secrets).toMatchObject({ kdf: 'scrypt' });
    expect(doc.users.map((u) => u.name)).toEqual(['original-name']);
    for (const secret of [UPSTREAM_KEY, made.key]) expect(exported).not.toContain(secret);
  });

  it('imports it back: the dry run shows the difference, and apply restores it', async () => {
    await env.hub.api('PATCH', `/api/v1/users/${made.userId}`, { name: 'changed-meanwhile' });
    await page.getByTestId('import-file').setInputFiles({
      name: 'config.json',
      mimeType: 'application/json',
      buffer: Buffer.from(exported),
    });
    await page.locator('input[name=import-passphrase]').fill('a long passphrase');
    await page.getByTestId('import-preview').click();
    const userRow = page.getByTestId(`change-users-${made.userId}`);
    await waitForText(userRow, 'update');
    expect(await userRow.textContent()).toContain('name');
    expect(await page.getByTestId(`change-providers-${made.providerId}`).textContent()).toContain('unchanged');
    await shootBothThemes(page, 'backup-dry-run', true);
    // The dry run changed nothing.
    expect((await env.hub.api<{ name: string }>('GET', `/api/v1/users/${made.userId}`)).json.name).toBe(
      'changed-meanwhile',
    );

    await page.getByTestId('import-apply').click();
    await waitForText(page.getByTestId('import-summary'), 'Applied');
    expect((await env.hub.api<{ name: string }>('GET', `/api/v1/users/${made.userId}`)).json.name).toBe(
      'original-name',
    );
    expect(await page.getByTestId('import-apply').isDisabled()).toBe(true);
  });

  it('speaks Simplified Chinese', async () => {
    const zh = await env.open({ locale: 'zh-CN' });
    await login(zh.page, env.hub.url);
    await zh.page.goto(`${env.hub.url}/backup`);
    await waitForText(zh.page.locator('h1'), '备份');
    expect(await zh.page.getByTestId('backup-download').textContent()).toContain('下载备份');
    expect(await zh.page.getByRole('navigation').textContent()).toContain('备份');
    zh.problems.assertNone();
  });
});
