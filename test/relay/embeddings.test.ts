// Embeddings through the hub with the official SDKs: OpenAI's /v1/embeddings and Gemini's embedContent /
// batchEmbedContents, each a logged, billed request priced from the bundled table's embedding models.
import { GoogleGenAI } from '@google/genai';
import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type FakeUpstream, startFakeUpstream } from '../fake-upstream';
import { startTestHub, type TestHub } from '../helpers/test-hub';

let openAiFake: FakeUpstream;
let geminiFake: FakeUpstream;
let t: TestHub;

beforeAll(async () => {
  openAiFake = await startFakeUpstream({ apiKey: 'sk-embed-upstream' });
  geminiFake = await startFakeUpstream({ apiKey: 'gemini-embed-upstream' });
  t = await startTestHub();
  await t.addProvider(`${openAiFake.url}/v1`, { type: 'openai-chat', apiKey: 'sk-embed-upstream' });
  await t.addProvider(geminiFake.url, { type: 'gemini', apiKey: 'gemini-embed-upstream' });
});
afterAll(async () => {
  await t.stop();
  await openAiFake.close();
  await geminiFake.close();
});
afterEach(() => {
  openAiFake.reset();
  geminiFake.reset();
});

function rowsOf(keyId: string): Record<string, unknown>[] {
  t.fold();
  return t.rows('SELECT * FROM requests WHERE key_id = ? ORDER BY created_at, id', keyId);
}

function inputPrice(model: string): number {
  const entry = t.hub.context.prices.lookup(model)?.data as { input_cost_per_token: number; mode: string };
  expect(entry.mode).toBe('embedding');
  return entry.input_cost_per_token;
}

describe('embeddings', () => {
  it('the openai SDK: vectors back, the row has the tokens and the cost from the price table', async () => {
    const { key, keyId } = await t.addUserWithKey();
    openAiFake.enqueue({ kind: 'ok', usage: { input: 42 } });
    const openai = new OpenAI({ apiKey: key, baseURL: `${t.url}/v1`, maxRetries: 0 });
    const res = await openai.embeddings.create({ model: 'text-embedding-3-small', input: ['one', 'two'] });
    expect(res.data).toHaveLength(2);
    expect(res.data[0]?.embedding).toHaveLength(8);
    expect(res.usage.prompt_tokens).toBe(42);
    expect(openAiFake.calls.at(-1)?.headers.authorization).toBe('Bearer sk-embed-upstream');
    const [row] = rowsOf(keyId);
    expect(row).toMatchObject({
      endpoint: 'embeddings',
      format: 'openai-chat',
      status: 200,
      input_tokens: 42,
      output_tokens: 0,
      billed: 1,
    });
    expect(row?.cost_usd as number).toBeCloseTo(42 * inputPrice('text-embedding-3-small'), 15);
  });

  it('Gemini embedContent and batchEmbedContents (@google/genai): logged with tokens and cost', async () => {
    const { key, keyId } = await t.addUserWithKey();
    geminiFake.enqueue({ kind: 'ok', usage: { input: 11 } }, { kind: 'ok', usage: { input: 23 } });
    const genai = new GoogleGenAI({ apiKey: key, httpOptions: { baseUrl: t.url } });
    const one = await genai.models.embedContent({ model: 'gemini-embedding-001', contents: 'one' });
    expect(one.embeddings?.[0]?.values).toHaveLength(8);
    const direct = await fetch(`${t.url}/v1beta/models/gemini-embedding-001:embedContent`, {
      method: 'POST',
      headers: { 'x-goog-api-key': key, 'content-type': 'application/json' },
      body: JSON.stringify({ content: { parts: [{ text: 'two' }] } }),
    });
    expect(direct.status).toBe(200);
    const rows = rowsOf(keyId);
    expect(rows.map((r) => [r.endpoint, r.status, r.input_tokens])).toEqual([
      [geminiFake.calls[0]?.path.endsWith(':batchEmbedContents') ? 'batch_embed_contents' : 'embed_content', 200, 11],
      ['embed_content', 200, 23],
    ]);
    const price = inputPrice('gemini/gemini-embedding-001');
    expect(rows[1]?.cost_usd as number).toBeCloseTo(23 * price, 15);
  });
});
