// One console test environment: a real hub (serving the built console) with the fake upstream, and Chromium.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { type FakeUpstream, startFakeUpstream } from '../../fake-upstream';
import { startTestHub, TEST_ADMIN_TOKEN, type TestHub } from '../../helpers/test-hub';
import { launchChromium, newContext, type PageProblems, watchPage } from './browser';
import { assertConsoleBuilt } from './build';

export const UPSTREAM_KEY = 'sk-ant-upstream-e2e-secret';

export interface ConsoleEnv {
  hub: TestHub;
  fake: FakeUpstream;
  browser: Browser;
  /** A fresh browser context with a watched page. */
  open(options?: { colorScheme?: 'light' | 'dark'; locale?: string }): Promise<OpenPage>;
  stop(): Promise<void>;
}

export interface OpenPage {
  context: BrowserContext;
  page: Page;
  problems: PageProblems;
}

export async function startConsoleEnv(): Promise<ConsoleEnv> {
  assertConsoleBuilt();
  const fake = await startFakeUpstream({ apiKey: UPSTREAM_KEY });
  const hub = await startTestHub();
  const browser = await launchChromium();
  const contexts: BrowserContext[] = [];
  return {
    hub,
    fake,
    browser,
    open: async (options = {}) => {
      const context = await newContext(browser, hub.url, options);
      contexts.push(context);
      const page = await context.newPage();
      return { context, page, problems: await watchPage(page, hub.url) };
    },
    stop: async () => {
      for (const c of contexts) await c.close().catch(() => {});
      await browser.close();
      await hub.stop();
      await fake.close();
    },
  };
}

/** Signs in through the login form and waits to leave the login page. */
export async function login(page: Page, origin: string, token = TEST_ADMIN_TOKEN): Promise<void> {
  await page.goto(`${origin}/login`);
  await page.locator('input[type=password][name=token]').fill(token);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}
