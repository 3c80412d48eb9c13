// The API docs pages in headless Chromium: Swagger UI and Scalar render the API title and request nothing off-origin.
import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestHub, type TestHub } from '../helpers/test-hub';

const CHROMIUM = '/usr/bin/chromium';
let hub: TestHub;
let browser: Browser;

beforeAll(async () => {
  hub = await startTestHub();
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
});
afterAll(async () => {
  await browser?.close();
  await hub?.stop();
});

/** Loads a page, records every request it makes (and every console error), waits for `ready` to appear. */
async function visit(path: string, ready: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const requests: string[] = [];
  const failures: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('requestfailed', (r) => failures.push(`${r.url()} ${r.failure()?.errorText ?? ''}`));
  page.on('console', (m) => {
    if (m.type() === 'error') failures.push(`console: ${m.text()}`);
  });
  await page.goto(hub.url + path, { waitUntil: 'load' });
  await page.getByText(ready).first().waitFor({ timeout: 20_000 });
  await page.waitForLoadState('networkidle');
  const title = await page.title();
  const body = (await page.locator('body').textContent()) ?? '';
  await context.close();
  return { requests, failures, title, body };
}

describe.skipIf(!existsSync(CHROMIUM))('docs pages in Chromium', () => {
  for (const [name, path] of [
    ['Swagger UI', '/api/docs'],
    ['Scalar', '/api/scalar'],
  ] as const) {
    test(`${name} renders the API from this hub alone`, async () => {
      const r = await visit(path, 'cchub admin API');
      expect(r.requests.length).toBeGreaterThan(2);
      for (const url of r.requests) expect(new URL(url).origin, url).toBe(hub.url);
      expect(r.requests).toContain(`${hub.url}/api/v1/openapi.json`);
      // a blocked off-origin load (CSP) or a failed one would show here
      expect(r.failures).toEqual([]);
      expect(r.body).toContain('cchub admin API');
      expect(r.title).toContain('cchub admin API');
      expect(r.body).toMatch(/providers/i);
    });
  }
});

describe('docs pages over HTTP', () => {
  test('served with a same-origin CSP; assets come from the installed packages', async () => {
    for (const path of ['/api/docs', '/api/scalar']) {
      const res = await fetch(hub.url + path);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(res.headers.get('content-security-policy')).toContain("connect-src 'self'");
      const html = await res.text();
      expect(html).not.toMatch(/https?:\/\//);
    }
    const init = await (await fetch(`${hub.url}/api/docs/init.js`)).text();
    expect(init).toContain('validatorUrl: null');
    const scalarInit = await (await fetch(`${hub.url}/api/scalar/init.js`)).text();
    expect(scalarInit).toContain('"withDefaultFonts":false');
    expect(scalarInit).toContain('"telemetry":false');
    expect(scalarInit).not.toContain('proxyUrl');
    for (const asset of [
      '/api/docs/assets/swagger-ui-bundle.js',
      '/api/docs/assets/swagger-ui.css',
      '/api/scalar/assets/standalone.js',
    ]) {
      const res = await fetch(hub.url + asset);
      expect(res.status, asset).toBe(200);
      expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(10_000);
    }
    expect((await fetch(`${hub.url}/api/docs/assets/..%2Fpackage.json`)).status).toBe(404);
    expect((await fetch(`${hub.url}/api/docs/assets/package.json`)).status).toBe(404);
  });
});
