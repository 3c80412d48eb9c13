// Admin API input validation and error format: unknown fields, wrong types, bad JSON, unknown routes, request ids.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ProviderList } from '../../shared/api-schemas';
import { as, call, expectError, startTestHub, type TestHub } from './helpers';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(async () => {
  await hub.close();
});

const provider = {
  name: 'p',
  type: 'anthropic',
  baseUrl: 'https://api.example.com',
  apiKey: 'sk-ant-abcdefghijklmnop',
};

describe('bodies', () => {
  test('an unknown top-level field is a 400 naming it', async () => {
    const err = expectError(
      await call(hub, 'POST', '/providers', { body: { ...provider, bogus: 1 } }),
      400,
      'unknown_field',
      'bogus',
    );
    expect(err.message).toContain('bogus');
  });

  test('an unknown nested field is a 400 naming its path', async () => {
    const body = { ...provider, breaker: { failureThreshold: 1, openMs: 1, halfOpenSuccesses: 1, extra: true } };
    expectError(await call(hub, 'POST', '/providers', { body }), 400, 'unknown_field', 'breaker.extra');
  });

  test('a wrong type is a 400 naming the field', async () => {
    const err = expectError(
      await call(hub, 'POST', '/providers', { body: { ...provider, priority: 'high' } }),
      400,
      'invalid_field',
      'priority',
    );
    expect(err.message).toContain('priority');
  });

  test('a missing required field is a 400 naming it', async () => {
    const { apiKey: _apiKey, ...withoutKey } = provider;
    expectError(await call(hub, 'POST', '/providers', { body: withoutKey }), 400, 'invalid_field', 'apiKey');
  });

  test('the base URL must be http(s)', async () => {
    const res = await call(hub, 'POST', '/providers', { body: { ...provider, baseUrl: 'ftp://example.com' } });
    expectError(res, 400, 'invalid_field', 'baseUrl');
  });

  test('a model rule with a broken regex names the rule', async () => {
    const body = {
      ...provider,
      allowedModels: [
        { match: 'prefix', pattern: 'claude' },
        { match: 'regex', pattern: '(' },
      ],
    };
    expectError(await call(hub, 'POST', '/providers', { body }), 400, 'invalid_field', 'allowedModels.1.pattern');
  });

  test('a wrong type in a PATCH is a 400 too, and nothing is written', async () => {
    const created = await call(hub, 'POST', '/users', { body: { name: 'v' } });
    const id = (created.body as { id: string }).id;
    expectError(await call(hub, 'PATCH', `/users/${id}`, { body: { rpm: '10' } }), 400, 'invalid_field', 'rpm');
    expectError(
      await call(hub, 'PATCH', `/users/${id}`, { body: { name: 'w', nme: 'x' } }),
      400,
      'unknown_field',
      'nme',
    );
    expect((await call(hub, 'GET', `/users/${id}`)).body).toMatchObject({ name: 'v', rpm: null });
  });

  test('malformed JSON is a 400 invalid_json', async () => {
    const res = await call(hub, 'POST', '/providers', { body: '{"name": "p",' });
    expectError(res, 400, 'invalid_json');
  });

  test('a JSON scalar body is invalid JSON for this API', async () => {
    expectError(await call(hub, 'POST', '/users', { body: '"just a string"' }), 400, 'invalid_json');
  });

  test('a body that is not JSON is a 415', async () => {
    const res = await call(hub, 'POST', '/users', { body: 'name=x', headers: { 'content-type': 'text/plain' } });
    expectError(res, 415, 'unsupported_media_type');
  });

  test('an empty body is validated as {} and names the first missing field', async () => {
    expectError(await call(hub, 'POST', '/users'), 400, 'invalid_field', 'name');
  });
});

describe('queries', () => {
  test('an unknown query parameter is a 400 naming it', async () => {
    expectError(await call(hub, 'GET', '/providers?limt=5'), 400, 'unknown_field', 'limt');
  });

  test('limit must be a whole number from 1 to 500', async () => {
    for (const bad of ['abc', '0', '501', '2.5']) {
      expectError(await call(hub, 'GET', `/requests?limit=${bad}`), 400, 'invalid_field', 'limit');
    }
    as(await call(hub, 'GET', '/providers?limit=500'), 200, ProviderList);
  });

  test('a repeated scalar parameter is rejected', async () => {
    expectError(await call(hub, 'GET', '/requests?userId=a&userId=b'), 400, 'invalid_field', 'userId');
  });

  test('from/to must be ISO date-times', async () => {
    expectError(await call(hub, 'GET', '/requests?from=yesterday'), 400, 'invalid_field', 'from');
  });

  test('a cursor the API did not issue is a 400 naming cursor', async () => {
    for (const bad of ['not-a-cursor', Buffer.from('[1]').toString('base64url'), 'a+b/c=']) {
      expectError(
        await call(hub, 'GET', `/requests?cursor=${encodeURIComponent(bad)}`),
        400,
        'invalid_field',
        'cursor',
      );
    }
  });
});

describe('routes and ids', () => {
  test('an unknown route under /api/v1 is a 404 in the same format, with or without credentials', async () => {
    expectError(await call(hub, 'GET', '/nope'), 404, 'not_found');
    expectError(await call(hub, 'GET', '/nope', { token: null }), 404, 'not_found');
    expectError(await call(hub, 'PUT', '/providers'), 404, 'not_found');
  });

  test('an unknown id is a 404', async () => {
    expectError(await call(hub, 'GET', '/providers/prv_missing'), 404, 'not_found');
    expectError(await call(hub, 'PATCH', '/users/usr_missing', { body: { name: 'x' } }), 404, 'not_found');
    expectError(await call(hub, 'DELETE', '/keys/key_missing'), 404, 'not_found');
  });

  test('every answer carries its own x-cchub-request-id', async () => {
    const a = await call(hub, 'GET', '/providers');
    const b = await call(hub, 'GET', '/providers');
    const c = await call(hub, 'GET', '/openapi.json', { token: null });
    const ids = [a, b, c].map((r) => r.headers.get('x-cchub-request-id'));
    for (const id of ids) expect(id).toMatch(/^req_[0-9a-z]{9}[0-9A-Za-z]{8,9}$/);
    expect(new Set(ids).size).toBe(3);
  });

  test('an unexpected failure is a 500 in the same format, logged with its request id', async () => {
    hub.database.sqlite
      .prepare(
        `INSERT INTO providers (id, name, type, base_url, secret_ciphertext, secret_hint, breaker, timeouts, created_at, updated_at)
         VALUES ('prv_broken', 'b', 'anthropic', 'https://x', 'v1:x', 'x', 'not json', '{}', 0, 0)`,
      )
      .run();
    const res = await call(hub, 'GET', '/providers/prv_broken');
    const err = expectError(res, 500, 'internal_error');
    expect(
      hub.logLines.some((line) => line.includes(err.requestId) && line.includes('/api/v1/providers/prv_broken')),
    ).toBe(true);
    hub.database.sqlite.prepare("DELETE FROM providers WHERE id = 'prv_broken'").run();
  });
});
