// The console shows a Responses WebSocket turn like any other request: in the request log (marked WebSocket) and in
// its detail (transport), beside an HTTP request that says HTTP.
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { type ConsoleEnv, login, type OpenPage, startConsoleEnv, UPSTREAM_KEY } from './helpers/console-env';
import { waitUntil } from './helpers/wait';

let env: ConsoleEnv;
let admin: OpenPage;
let page: Page;

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

const create = {
  model: 'gpt-5',
  input: [{ type: 'message', role: 'user', content: [{ type: 'input_text', text: 'hi' }] }],
  stream: true,
  store: false,
};

/** One response.create on a Responses WebSocket, resolved with the id of the hub's log row for it. */
function socketTurn(key: string): Promise<void> {
  const ws = new WebSocket(`${env.hub.url.replace('http', 'ws')}/v1/responses`, {
    headers: { authorization: `Bearer ${key}` },
  });
  return new Promise((resolve, reject) => {
    ws.once('error', reject);
    ws.once('open', () => ws.send(JSON.stringify({ type: 'response.create', ...create })));
    ws.on('message', (data) => {
      if ((JSON.parse(String(data)) as { type: string }).type === 'response.completed') {
        ws.close();
        resolve();
      }
    });
  });
}

describe('WebSocket turns in the console', () => {
  it('the log marks the WebSocket turn and its detail names the transport; an HTTP request says HTTP', async () => {
    await env.hub.addProvider(`${env.fake.url}/v1`, { type: 'openai-responses', apiKey: UPSTREAM_KEY });
    const { key } = await env.hub.addUserWithKey({ name: 'e2e-codex' });
    const http = await fetch(`${env.hub.url}/v1/responses`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ ...create, stream: false }),
    });
    expect(http.status).toBe(200);
    const httpId = http.headers.get('x-cchub-request-id') as string;
    await socketTurn(key);
    env.hub.fold();
    const [socketRow] = env.hub.rows("SELECT id FROM requests WHERE transport = 'websocket'") as { id: string }[];
    expect(socketRow).toBeDefined();

    await login(page, env.hub.url, env.hub.hub.adminToken);
    await page.goto(`${env.hub.url}/logs`);
    const row = (id: string) => page.locator(`[data-testid=log-row][data-id="${id}"]`);
    await waitUntil(async () => (await row(httpId).count()) === 1, 'the HTTP row');
    await row(socketRow?.id as string).waitFor();
    expect(
      await row(socketRow?.id as string)
        .getByTestId('log-transport')
        .textContent(),
    ).toBe('WebSocket');
    expect(await row(httpId).getByTestId('log-transport').count()).toBe(0);

    await row(socketRow?.id as string).click();
    const transport = page.getByTestId('request-drawer').getByTestId('request-transport');
    await transport.waitFor();
    expect(await transport.getAttribute('data-transport')).toBe('websocket');
    expect(await transport.textContent()).toBe('WebSocket');
    await page.keyboard.press('Escape');
    await page.waitForURL((u) => u.pathname === '/logs');
    await row(httpId).click();
    await waitUntil(async () => (await transport.getAttribute('data-transport')) === 'http', 'the HTTP detail');
    expect(await transport.textContent()).toBe('HTTP');
  });
});
