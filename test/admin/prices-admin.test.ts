// Price administration: search and pages, manual entries winning, LiteLLM imports (body, multipart, URL) and refusals.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseLiteLlmTable } from '../../main/core/billing/price-data';
import { resourcePath } from '../../main/core/resources';
import { AuditList, CreatedKey, Price, PriceImportResult, PriceList, User } from '../../shared/api-schemas';
import { LITELLM_SOURCE_PATH } from '../helpers/price-source';
import { ADMIN_TOKEN, as, call, expectError, startTestHub, type TestHub } from './helpers';

const litellmText = readFileSync(LITELLM_SOURCE_PATH, 'utf8');
const litellm = JSON.parse(litellmText) as Record<string, Record<string, unknown>>;
const kept = parseLiteLlmTable(litellm).models;

let hub: TestHub;
let files: Server;
let filesUrl: string;
let userKey: string;

const storedRows = () =>
  hub.database.sqlite.prepare('SELECT model, source, price_data, updated_at FROM prices ORDER BY model, source').all();

async function importJson(body: unknown) {
  return call(hub, 'POST', '/prices/import', { body });
}

beforeAll(async () => {
  hub = await startTestHub({ priceFetch: { timeoutMs: 300, maxBytes: 4 * 1024 * 1024 } });
  files = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/prices.json') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(litellmText);
    } else if (path === '/big.json') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(`{"pad":"${'x'.repeat(5 * 1024 * 1024)}"}`);
    } else if (path === '/slow.json') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{');
      // never finishes
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => files.listen(0, '127.0.0.1', resolve));
  filesUrl = `http://127.0.0.1:${(files.address() as AddressInfo).port}`;
  const u = as(await call(hub, 'POST', '/users', { body: { name: 'reader' } }), 201, User);
  userKey = as(await call(hub, 'POST', `/users/${u.id}/keys`, { body: { name: 'r' } }), 201, CreatedKey).key;
});
afterAll(async () => {
  files.closeAllConnections();
  await new Promise<void>((resolve) => files.close(() => resolve()));
  await hub.close();
});

describe('import', () => {
  test('the bundled LiteLLM file as the JSON body: every kept model added, persisted, live at once', async () => {
    const r = as(await importJson(litellm), 200, PriceImportResult);
    expect(r.models).toBe(kept.size);
    expect(r.added).toHaveLength(kept.size);
    expect(r).toMatchObject({ changed: [], unchanged: 0, removed: [] });
    expect(r.skipped).toBeGreaterThan(0);
    expect(storedRows()).toHaveLength(kept.size);
    expect(hub.changes).toContain('prices');
    const sample = [...kept.keys()].find((m) => m.startsWith('claude-')) ?? '';
    expect(as(await call(hub, 'GET', `/prices/${sample}`), 200, Price)).toMatchObject({
      model: sample,
      source: 'import',
    });
  });

  test('the same file again: all unchanged, updatedAt kept', async () => {
    const before = storedRows();
    hub.clock.advance(60_000);
    const r = as(await importJson(litellm), 200, PriceImportResult);
    expect(r).toMatchObject({ added: [], changed: [], removed: [], unchanged: kept.size });
    expect(storedRows()).toEqual(before);
  });

  test('a multipart upload: changes and removals are reported', async () => {
    const models = [...kept.keys()];
    const changedModel = models[0] as string;
    const removedModel = models[1] as string;
    const next: Record<string, unknown> = { ...litellm };
    next[changedModel] = { ...(litellm[changedModel] as object), input_cost_per_token: 0.123 };
    delete next[removedModel];
    const form = new FormData();
    form.set('file', new Blob([JSON.stringify(next)], { type: 'application/json' }), 'prices.json');
    const res = await fetch(`${hub.api}/prices/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
      body: form,
    });
    const text = await res.text();
    const r = as({ status: res.status, body: JSON.parse(text), text, headers: res.headers }, 200, PriceImportResult);
    expect(r).toMatchObject({ added: [], changed: [changedModel], removed: [removedModel], unchanged: kept.size - 2 });
    expect(hub.ctx.prices.get(changedModel)?.data.input_cost_per_token).toBe(0.123);
    expect(hub.ctx.prices.get(removedModel)).toBeUndefined();
  });

  test('the hub’s own resources/prices.json shape imports too', async () => {
    const bundled = JSON.parse(readFileSync(resourcePath('prices'), 'utf8'));
    const r = as(await importJson(bundled), 200, PriceImportResult);
    expect(r.models).toBe(Object.keys(bundled.models).length);
  });

  test('from a URL, with the import reported', async () => {
    hub.clock.advance(1000);
    const r = as(await importJson({ url: `${filesUrl}/prices.json` }), 200, PriceImportResult);
    expect(r.models).toBe(kept.size);
    const audit = as(await call(hub, 'GET', '/audit?action=prices.import'), 200, AuditList);
    expect(audit.items[0]?.after).toMatchObject({ from: 'url', models: kept.size });
  });
});

describe('refusals change nothing', () => {
  const expectUnchanged = async (run: () => Promise<void>) => {
    const rows = storedRows();
    const table = hub.ctx.prices.size;
    await run();
    expect(storedRows()).toEqual(rows);
    expect(hub.ctx.prices.size).toBe(table);
  };

  test('a malformed file is a clear 400 naming the bad entry', async () => {
    await expectUnchanged(async () => {
      const bad = { ...litellm, 'claude-bogus': { mode: 'chat', input_cost_per_token: -1 } };
      const err = expectError(await importJson(bad), 400, 'invalid_price_file', 'claude-bogus.input_cost_per_token');
      expect(err.message).toContain('claude-bogus');
      expectError(await importJson([1, 2]), 400, 'invalid_price_file');
      expectError(await importJson({ 'gpt-x': 'cheap' }), 400, 'invalid_price_file', 'gpt-x');
      expectError(await importJson({ 'image-only': { mode: 'image_generation' } }), 400, 'invalid_price_file');
      const notJson = await call(hub, 'POST', '/prices/import', { body: '{"a": ' });
      expectError(notJson, 400, 'invalid_price_file');
    });
  });

  test('URLs: validated, fetched with a deadline and a size cap', async () => {
    await expectUnchanged(async () => {
      expectError(await importJson({ url: 'ftp://example.com/x.json' }), 400, 'invalid_field', 'url');
      expectError(await importJson({ url: `${filesUrl}/missing.json` }), 502, 'price_fetch_failed');
      expectError(await importJson({ url: `${filesUrl}/big.json` }), 413, 'payload_too_large');
      const slow = expectError(
        await importJson({ url: `${filesUrl}/slow.json?token=secret-value` }),
        502,
        'price_fetch_failed',
      );
      expect(slow.message).toContain('within 300 ms');
      expect(slow.message).not.toContain('secret-value');
    });
  });

  test('other content types are a 415; non-admins are refused before anything is read', async () => {
    await expectUnchanged(async () => {
      const res = await call(hub, 'POST', '/prices/import', {
        body: 'x',
        headers: { 'content-type': 'text/plain' },
      });
      expectError(res, 415, 'unsupported_media_type');
      expectError(await call(hub, 'POST', '/prices/import', { token: userKey, body: litellm }), 403, 'forbidden');
      expectError(await call(hub, 'POST', '/prices/import', { token: null, body: litellm }), 401, 'unauthorized');
    });
  });
});

describe('manual entries and search', () => {
  test('a manual price wins over the import, also after a re-import', async () => {
    const model = [...kept.keys()].find((m) => m.startsWith('gpt-4o')) ?? '';
    const put = as(
      await call(hub, 'PUT', `/prices/${model}`, {
        body: { priceData: { input_cost_per_token: 7e-6, output_cost_per_token: 9e-6 } },
      }),
      200,
      Price,
    );
    expect(put).toMatchObject({ model, source: 'manual', updatedAt: new Date(hub.clock.now()).toISOString() });
    await importJson(litellm);
    const got = as(await call(hub, 'GET', `/prices/${model}`), 200, Price);
    expect(got).toMatchObject({ source: 'manual', priceData: { input_cost_per_token: 7e-6 } });
    const audit = as(await call(hub, 'GET', '/audit?action=price.update'), 200, AuditList);
    expect(audit.items[0]).toMatchObject({ target: model, after: { source: 'manual' } });
  });

  test('a manual price with a slash in the name; bad entries are 400s naming the field', async () => {
    as(
      await call(hub, 'PUT', '/prices/my-vendor/my-model', { body: { priceData: { input_cost_per_token: 1e-6 } } }),
      200,
      Price,
    );
    expect(as(await call(hub, 'GET', '/prices/my-vendor%2Fmy-model'), 200, Price).source).toBe('manual');
    expectError(
      await call(hub, 'PUT', '/prices/x', { body: { priceData: { input_cost_per_token: -1 } } }),
      400,
      'invalid_field',
      'priceData.input_cost_per_token',
    );
    expectError(
      await call(hub, 'PUT', '/prices/x', { body: { priceData: { mode: 'chat' } } }),
      400,
      'invalid_field',
      'priceData',
    );
    expectError(await call(hub, 'PUT', '/prices/x', { body: {} }), 400, 'invalid_field', 'priceData');
    expectError(
      await call(hub, 'PUT', '/prices/x', { token: userKey, body: { priceData: { input_cost_per_token: 1 } } }),
      403,
      'forbidden',
    );
  });

  test('search pages through the effective table in name order without repeats', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const q: string = `/prices?search=claude&limit=25${cursor ? `&cursor=${cursor}` : ''}`;
      const page = as(await call(hub, 'GET', q, { token: userKey }), 200, PriceList);
      seen.push(...page.items.map((p) => p.model));
      cursor = page.nextCursor;
    } while (cursor);
    const expected = [...hub.ctx.prices.search('claude', 100_000).items.map((e) => e.model)];
    expect(seen).toEqual(expected);
    expect(seen.length).toBeGreaterThan(25);
    expect(new Set(seen).size).toBe(seen.length);
    expectError(await call(hub, 'GET', '/prices?cursor=!!'), 400, 'invalid_field', 'cursor');
    expectError(await call(hub, 'GET', '/prices?limit=501'), 400, 'invalid_field', 'limit');
  });
});
