// Gemini generateContent / streamGenerateContent / countTokens end to end with the official @google/genai SDK.
import { GoogleGenAI } from '@google/genai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type FakeUpstream, startFakeUpstream } from '../fake-upstream';
import { startTestHub, type TestHub } from '../helpers/test-hub';

let fake: FakeUpstream;
let t: TestHub;
let key: string;
let providerId: string;
const MODEL = 'gemini-2.5-flash';

beforeAll(async () => {
  fake = await startFakeUpstream({ apiKey: 'gemini-upstream-key' });
  t = await startTestHub();
  providerId = (await t.addProvider(fake.url, { type: 'gemini', apiKey: 'gemini-upstream-key' })).id;
  ({ key } = await t.addUserWithKey());
});
afterAll(async () => {
  await t.stop();
  await fake.close();
});
afterEach(() => fake.reset());

const genai = () => new GoogleGenAI({ apiKey: key, httpOptions: { baseUrl: t.url } });

function lastRow(endpoint: string): Record<string, unknown> {
  t.fold();
  const [row] = t.rows('SELECT * FROM requests WHERE endpoint = ? ORDER BY created_at DESC, id DESC LIMIT 1', endpoint);
  if (!row) throw new Error(`no ${endpoint} row`);
  return row;
}

describe('Gemini relay', () => {
  it('generateContent: answer, usage (thoughts count as output), cost, the upstream key only', async () => {
    fake.enqueue({ kind: 'ok', text: 'gemini says hi', usage: { input: 120, output: 8, cacheRead: 20 } });
    const res = await genai().models.generateContent({ model: MODEL, contents: 'hello' });
    expect(res.text).toBe('gemini says hi');
    const call = fake.calls.at(-1);
    // @google/genai 3 speaks the stable /v1 (fetch below covers /v1beta): the hub keeps the version it was asked in.
    expect(call?.path).toBe(`/v1/models/${MODEL}:generateContent`);
    expect(call?.headers['x-goog-api-key']).toBe('gemini-upstream-key');
    expect(JSON.stringify(call?.headers)).not.toContain(key);
    const row = lastRow('generate_content');
    expect(row).toMatchObject({ provider_id: providerId, format: 'gemini', model: MODEL, status: 200, stream: 0 });
    expect(row.input_tokens).toBe(120);
    expect(row.cache_read_tokens).toBe(20);
    expect(row.output_tokens).toBeGreaterThanOrEqual(8);
    expect(row.cost_usd).not.toBeNull();
  });

  it('streamGenerateContent with alt=sse: chunks arrive, usage from the last one', async () => {
    fake.enqueue({ kind: 'ok', text: 'one two three', usage: { input: 30, output: 3 } });
    const stream = await genai().models.generateContentStream({ model: MODEL, contents: 'stream please' });
    let text = '';
    for await (const chunk of stream) text += chunk.text ?? '';
    expect(text).toBe('one two three');
    expect(fake.calls.at(-1)?.query).toContain('alt=sse');
    expect(lastRow('stream_generate_content')).toMatchObject({ stream: 1, status: 200, input_tokens: 30 });
  });

  it('countTokens is relayed and never billed', async () => {
    const res = await genai().models.countTokens({ model: MODEL, contents: 'count these' });
    expect(res.totalTokens).toBeGreaterThan(0);
    expect(lastRow('gemini_count_tokens')).toMatchObject({ status: 200, cost_usd: null });
  });

  it('?key= works as the hub key and never reaches the upstream; errors come in the Gemini shape', async () => {
    const ok = await fetch(`${t.url}/v1beta/models/${MODEL}:generateContent?key=${key}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'hi' }] }] }),
    });
    expect(ok.status).toBe(200);
    expect(fake.calls.at(-1)?.query).toBe('');
    const bad = await fetch(`${t.url}/v1beta/models/${MODEL}:generateContent?key=sk-cchub-wrong`, {
      method: 'POST',
      body: '{}',
    });
    expect(bad.status).toBe(401);
    expect(await bad.json()).toMatchObject({ error: { code: 401, status: 'UNAUTHENTICATED' } });
  });

  it('a model redirect rewrites the path, and the log keeps both names', async () => {
    const solo = await startTestHub();
    await solo.addProvider(fake.url, {
      type: 'gemini',
      apiKey: 'gemini-upstream-key',
      modelRedirects: [{ match: 'exact', pattern: 'gemini-alias', target: MODEL }],
    });
    const { key: soloKey } = await solo.addUserWithKey();
    const res = await new GoogleGenAI({ apiKey: soloKey, httpOptions: { baseUrl: solo.url } }).models.generateContent({
      model: 'gemini-alias',
      contents: 'x',
    });
    expect(res.text).toBeTruthy();
    expect(fake.calls.at(-1)?.path).toBe(`/v1/models/${MODEL}:generateContent`);
    solo.fold();
    const [row] = solo.rows('SELECT model, upstream_model FROM requests');
    expect(row).toEqual({ model: 'gemini-alias', upstream_model: MODEL });
    await solo.stop();
  });

  it('a JSON-array stream (no alt=sse) passes through and is accounted', async () => {
    fake.enqueue({ kind: 'ok', text: 'array form', usage: { input: 9, output: 2 } });
    const res = await fetch(`${t.url}/v1beta/models/${MODEL}:streamGenerateContent`, {
      method: 'POST',
      headers: { 'x-goog-api-key': key, 'content-type': 'application/json' },
      body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'hi' }] }] }),
    });
    const chunks = JSON.parse(await res.text()) as { candidates?: { content: { parts: { text: string }[] } }[] }[];
    expect(chunks.map((c) => c.candidates?.[0]?.content.parts[0]?.text ?? '').join('')).toBe('array form');
    expect(lastRow('stream_generate_content')).toMatchObject({ status: 200, input_tokens: 9 });
  });

  it('an error right after the head fails over to the next provider', async () => {
    const other = await startFakeUpstream();
    const solo = await startTestHub();
    await solo.addProvider(fake.url, { type: 'gemini', apiKey: 'gemini-upstream-key', attempts: 1 });
    await solo.addProvider(other.url, { type: 'gemini', priority: 1 });
    const { key: soloKey } = await solo.addUserWithKey();
    fake.enqueue({ kind: 'errorAfterHead' });
    other.enqueue({ kind: 'ok', text: 'from the spare' });
    const stream = await new GoogleGenAI({
      apiKey: soloKey,
      httpOptions: { baseUrl: solo.url },
    }).models.generateContentStream({
      model: MODEL,
      contents: 'x',
    });
    let text = '';
    for await (const chunk of stream) text += chunk.text ?? '';
    expect(text).toBe('from the spare');
    await solo.stop();
    await other.close();
  });

  it('the model list is in the Gemini shape', async () => {
    const pager = await genai().models.list();
    const names: string[] = [];
    for await (const m of pager) names.push(m.name ?? '');
    expect(names).toContain(`models/${MODEL}`);
  });
});
