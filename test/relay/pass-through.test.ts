// The rest of OpenAI's /v1/* passed through to an OpenAI-format provider: the hub key checked, request quotas
// applied, bodies streamed untouched both ways (multipart and binary), one row each, priced when the answer carries
// usage; an operator setting turns it off.
import { randomBytes } from 'node:crypto';
import OpenAI, { toFile } from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type FakeUpstream, startFakeUpstream } from '../fake-upstream';
import { startTestHub, type TestHub } from '../helpers/test-hub';

const UPSTREAM_KEY = 'sk-pass-upstream';
let fake: FakeUpstream;
let t: TestHub;
let providerId: string;

beforeAll(async () => {
  fake = await startFakeUpstream({ apiKey: UPSTREAM_KEY });
  t = await startTestHub();
  providerId = (await t.addProvider(`${fake.url}/v1`, { type: 'openai-chat', apiKey: UPSTREAM_KEY })).id;
});
afterAll(async () => {
  await t.stop();
  await fake.close();
});
afterEach(async () => {
  fake.reset();
  await t.api('PATCH', '/api/v1/settings', { openAiPassThrough: true });
});

function rowsOf(keyId: string): Record<string, unknown>[] {
  t.fold();
  return t.rows('SELECT * FROM requests WHERE key_id = ? ORDER BY created_at, id', keyId);
}

/** A multipart body with a binary part (every byte value, and random bytes), as a client would send it. */
function multipart(boundary: string, file: Buffer): Buffer {
  return Buffer.concat([
    Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="model"\r\n\r\ngpt-4o-transcribe\r\n`),
    Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="a.wav"\r\n`),
    Buffer.from('content-type: audio/wav\r\n\r\n'),
    file,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
}

describe('OpenAI pass-through', () => {
  it('a multipart upload passes through byte for byte, and the answer comes back byte for byte', async () => {
    const { key, keyId } = await t.addUserWithKey();
    const file = Buffer.concat([Buffer.from(Array.from({ length: 256 }, (_, i) => i)), randomBytes(300_000)]);
    const body = multipart('cchub-boundary-7MA4YWxk', file);
    const res = await fetch(`${t.url}/v1/audio/transcriptions`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${key}`,
        'content-type': 'multipart/form-data; boundary=cchub-boundary-7MA4YWxk',
      },
      body,
    });
    const answer = Buffer.from(await res.arrayBuffer());
    expect(res.status).toBe(200);
    const call = fake.calls.at(-1);
    expect(call?.path).toBe('/v1/audio/transcriptions');
    expect(call?.body.equals(body)).toBe(true);
    expect(call?.headers['content-type']).toBe('multipart/form-data; boundary=cchub-boundary-7MA4YWxk');
    expect(call?.headers.authorization).toBe(`Bearer ${UPSTREAM_KEY}`);
    expect(answer.equals(body)).toBe(true);
    const [row] = rowsOf(keyId);
    expect(row).toMatchObject({
      endpoint: 'passthrough_audio',
      status: 200,
      provider_id: providerId,
      cost_usd: null,
      transport: 'http',
    });
    expect(res.headers.get('x-cchub-request-id')).toBe(row?.id);
  });

  it('the openai SDK: files.create (multipart) and moderations are logged unpriced, completions priced', async () => {
    const { key, keyId } = await t.addUserWithKey();
    const openai = new OpenAI({ apiKey: key, baseURL: `${t.url}/v1`, maxRetries: 0 });
    const content = randomBytes(5000);
    const file = await openai.files.create({ file: await toFile(content, 'data.jsonl'), purpose: 'batch' });
    expect(file).toMatchObject({ object: 'file', bytes: 5000, filename: 'data.jsonl', purpose: 'batch' });
    expect(fake.calls.at(-1)?.body.includes(content)).toBe(true);
    const moderation = await openai.moderations.create({ model: 'omni-moderation-latest', input: 'hello' });
    expect(moderation.results[0]?.flagged).toBe(false);
    const completion = await openai.completions.create({ model: 'gpt-3.5-turbo-instruct', prompt: 'Say hi' });
    expect(completion.usage?.completion_tokens).toBe(2);
    const rows = rowsOf(keyId);
    expect(rows.map((r) => [r.endpoint, r.status])).toEqual([
      ['passthrough_files', 200],
      ['passthrough_moderations', 200],
      ['passthrough_completions', 200],
    ]);
    expect(rows[0]?.cost_usd).toBeNull();
    expect(rows[1]?.cost_usd).toBeNull();
    const price = t.hub.context.prices.lookup('gpt-3.5-turbo-instruct')?.data as Record<string, number>;
    const usage = completion.usage as { prompt_tokens: number; completion_tokens: number };
    expect(rows[2]).toMatchObject({
      model: 'gpt-3.5-turbo-instruct',
      input_tokens: usage.prompt_tokens,
      output_tokens: 2,
    });
    expect(rows[2]?.cost_usd as number).toBeCloseTo(
      usage.prompt_tokens * (price.input_cost_per_token as number) + 2 * (price.output_cost_per_token as number),
      12,
    );
  });

  it('checks the key and applies the request quota; turned off, the paths are 404', async () => {
    const anonymous = await fetch(`${t.url}/v1/files`, { method: 'GET' });
    expect(anonymous.status).toBe(401);
    const { key, keyId } = await t.addUserWithKey({ rpm: 1 });
    const list = () => fetch(`${t.url}/v1/batches?limit=2`, { headers: { authorization: `Bearer ${key}` } });
    expect((await list()).status).toBe(200);
    expect(fake.calls.at(-1)).toMatchObject({ method: 'GET', path: '/v1/batches', query: 'limit=2' });
    const limited = await list();
    expect(limited.status).toBe(429);
    expect(rowsOf(keyId).map((r) => [r.endpoint, r.status, r.blocked_by])).toEqual([
      ['passthrough_batches', 200, null],
      ['passthrough_batches', 429, 'rpm_limit'],
    ]);
    await t.api('PATCH', '/api/v1/settings', { openAiPassThrough: false });
    const { key: other } = await t.addUserWithKey();
    const off = await fetch(`${t.url}/v1/files`, { headers: { authorization: `Bearer ${other}` } });
    expect(off.status).toBe(404);
    expect(((await off.json()) as { error: { code: string } }).error.code).toBe('unknown_endpoint');
  });
});
