// Debian's Chromium through playwright-core, and a watcher that fails a test on console errors, page errors,
// CSP violations or any request to another host.
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
}

export interface PageProblems {
  /** Console errors, uncaught page errors, CSP violations and off-origin requests seen so far. */
  list(): string[];
  /** Throws listing every problem, then starts a new list; call at the end of each test. */
  assertNone(): void;
  /** Until the next assertNone, console errors matching this are expected (e.g. the 401 of a wrong password). */
  expect(pattern: RegExp): void;
}

/** Reports securitypolicyviolation events to the test (init scripts and bindings work outside the page's CSP). */
const CSP_LISTENER = `
  document.addEventListener('securitypolicyviolation', (e) => {
    const report = window.__cchubCspViolation;
    if (typeof report === 'function') report(e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' ' + (e.sample || ''));
  });
`;

export async function newContext(
  browser: Browser,
  origin: string,
  options: { colorScheme?: 'light' | 'dark'; locale?: string } = {},
): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport: { width: 1360, height: 900 },
    colorScheme: options.colorScheme ?? 'light',
    locale: options.locale ?? 'en-US',
    timezoneId: 'UTC',
  });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
  await context.addInitScript(CSP_LISTENER);
  return context;
}

export async function watchPage(page: Page, origin: string): Promise<PageProblems> {
  const problems: string[] = [];
  const expected: RegExp[] = [];
  await page.exposeFunction('__cchubCspViolation', (text: string) => problems.push(`CSP violation: ${text}`));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const text = message.text();
    if (!expected.some((pattern) => pattern.test(text))) problems.push(`console error: ${text}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  // Name the failing call (the console error Chromium logs for it says only the status).
  page.on('response', async (response) => {
    if (response.status() < 500) return;
    const body = await response.text().catch(() => '');
    problems.push(`HTTP ${response.status()} ${response.request().method()} ${response.url()}: ${body.slice(0, 300)}`);
  });
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:')) {
      problems.push(`request to another host: ${url}`);
    }
  });
  return {
    list: () => [...problems],
    expect: (pattern) => {
      expected.push(pattern);
    },
    assertNone: () => {
      expected.length = 0;
      const all = problems.splice(0);
      if (all.length > 0) throw new Error(`problems on the page:\n${all.join('\n')}`);
    },
  };
}
