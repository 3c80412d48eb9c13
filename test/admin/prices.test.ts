// Price route: model names with "/" and ".", raw or percent-encoded; layer source and updatedAt; 404 when unknown.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { CreatedKey, Price, User } from '../../shared/api-schemas';
import { as, call, expectError, startTestHub, type TestHub } from './helpers';

let hub: TestHub;
const IMPORTED_AT = Date.UTC(2026, 0, 3, 8, 30);

beforeAll(async () => {
  hub = await startTestHub();
  const data = { litellm_provider: 'anthropic', mode: 'chat', input_cost_per_token: 1e-6, output_cost_per_token: 5e-6 };
  hub.ctx.prices.set('import', 'anthropic/claude-x.1', data);
  hub.database.sqlite
    .prepare("INSERT INTO prices (model, source, price_data, updated_at) VALUES (?, 'import', ?, ?)")
    .run('anthropic/claude-x.1', JSON.stringify(data), IMPORTED_AT);
  hub.ctx.prices.set('manual', 'gpt-4.1', { litellm_provider: 'openai', mode: 'chat', input_cost_per_token: 2e-6 });
});
afterAll(async () => {
  await hub.close();
});

test('a bundled model: source bundled, updatedAt null, LiteLLM fields verbatim', async () => {
  const p = as(await call(hub, 'GET', '/prices/claude-sonnet-4-5'), 200, Price);
  expect(p).toEqual({
    model: 'claude-sonnet-4-5',
    source: 'bundled',
    priceData: { litellm_provider: 'anthropic', mode: 'chat', input_cost_per_token: 3e-6 },
    updatedAt: null,
  });
});

test('a name with "/" and "." works percent-encoded and raw', async () => {
  for (const path of ['/prices/anthropic%2Fclaude-x.1', '/prices/anthropic/claude-x.1']) {
    const p = as(await call(hub, 'GET', path), 200, Price);
    expect(p).toMatchObject({
      model: 'anthropic/claude-x.1',
      source: 'import',
      updatedAt: new Date(IMPORTED_AT).toISOString(),
    });
    expect(p.priceData.output_cost_per_token).toBe(5e-6);
  }
});

test('a manual entry without a stored row still answers, updatedAt null', async () => {
  expect(as(await call(hub, 'GET', '/prices/gpt-4.1'), 200, Price)).toMatchObject({
    source: 'manual',
    updatedAt: null,
  });
});

test("the table's matching applies: a vendor-prefixed request finds the bare entry", async () => {
  expect(as(await call(hub, 'GET', '/prices/openrouter/claude-sonnet-4-5'), 200, Price).model).toBe(
    'claude-sonnet-4-5',
  );
});

test('an unknown model is a 404', async () => {
  expectError(await call(hub, 'GET', '/prices/no-such-model'), 404, 'not_found');
});

test('any authenticated caller may read prices; nobody else', async () => {
  const u = as(await call(hub, 'POST', '/users', { body: { name: 'reader' } }), 201, User);
  const k = as(await call(hub, 'POST', `/users/${u.id}/keys`, { body: { name: 'r' } }), 201, CreatedKey);
  expect((await call(hub, 'GET', '/prices/claude-sonnet-4-5', { token: k.key })).status).toBe(200);
  expectError(await call(hub, 'GET', '/prices/claude-sonnet-4-5', { token: null }), 401, 'unauthorized');
});
