// Optional body capture (SPEC §7): off by default; when on, whole up to a set size, compressed, under a budget and a
// retention of its own, secrets masked, message text redacted unless allowed.
import { randomBytes } from 'node:crypto';
import Anthropic from '@anthropic-ai/sdk';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FakeUpstream } from '../fake-upstream';
import { startRelayFixture } from '../helpers/relay-fixture';
import type { TestHub } from '../helpers/test-hub';

let fake: FakeUpstream;
let t: TestHub;
let key: string;
let stop: () => Promise<void>;

beforeAll(async () => {
  ({ fake, t, key, stop } = await startRelayFixture());
});
afterAll(() => stop());
afterEach(() => fake.reset());

type Detail = { id: string; bodies?: { request: string | null; response: string | null; truncated: boolean } };

async function ask(stream: boolean, content: string, flushAt = Date.now()): Promise<Detail> {
  const client = new Anthropic({ apiKey: key, baseURL: t.url, maxRetries: 0 });
  const req = { model: 'claude-sonnet-4-6', max_tokens: 10, messages: [{ role: 'user' as const, content }] };
  let id: string | null;
  if (stream) {
    const s = client.messages.stream(req);
    await s.finalMessage();
    id = (await s.withResponse()).response.headers.get('x-cchub-request-id');
  } else {
    id = (await client.messages.create(req).withResponse()).response.headers.get('x-cchub-request-id');
  }
  t.fold();
  await t.hub.internals.bodies.flush(flushAt);
  const detail = await t.api<Detail>('GET', `/api/v1/requests/${id}`);
  expect(detail.status).toBe(200);
  return detail.json;
}

describe('body capture', () => {
  it('is off by default', async () => {
    expect((await ask(false, 'nothing kept')).bodies).toBeUndefined();
  });

  it('keeps redacted request and response bodies, JSON and stream, with no secret in them', async () => {
    expect((await t.api('PATCH', '/api/v1/settings', { captureBodies: true })).status).toBe(200);
    fake.setDefault({ kind: 'ok', text: 'the private answer' });
    const json = await ask(false, 'my private question sk-ant-api03-abcdefghijklmnopqrstuvwxyz');
    expect(json.bodies?.request).toContain('"model": "claude-sonnet-4-6"');
    expect(json.bodies?.request).not.toContain('private question');
    expect(json.bodies?.request).toMatch(/redacted: \d+ chars/);
    expect(json.bodies?.response).toContain('"usage"');
    expect(json.bodies?.response).not.toContain('private answer');
    const streamed = await ask(true, 'streamed question');
    expect(streamed.bodies?.response).toContain('event: message_start');
    expect(streamed.bodies?.response).not.toContain('private');
    for (const d of [json, streamed]) {
      const all = JSON.stringify(d.bodies);
      expect(all).not.toContain(key);
      expect(all).not.toContain('sk-ant-provider-secret');
      expect(all).not.toContain('abcdefghijklmnop');
    }
  });

  it('keeps message text when explicitly allowed', async () => {
    await t.api('PATCH', '/api/v1/settings', { captureBodies: true, captureMessageText: true });
    fake.setDefault({ kind: 'ok', text: 'visible answer' });
    const d = await ask(true, 'visible question');
    expect(d.bodies?.request).toContain('visible question');
    expect(d.bodies?.response).toContain('visible');
    await t.api('PATCH', '/api/v1/settings', { captureBodies: false, captureMessageText: false });
  });

  it('keeps a 100 KB request whole (the Claude Code size), compressed', async () => {
    await t.api('PATCH', '/api/v1/settings', { captureBodies: true, captureMessageText: true });
    const prompt = `${'the same long system prompt line. '.repeat(3500)}end`;
    const d = await ask(false, prompt);
    expect(d.bodies?.truncated).toBe(false);
    expect(d.bodies?.request).toContain(prompt);
    const [row] = t.rows('SELECT codec, stored_bytes, original_bytes FROM request_bodies WHERE request_id = ?', d.id);
    expect(row?.codec).toBe('br');
    expect(row?.original_bytes as number).toBeGreaterThan(100_000);
    expect(row?.stored_bytes as number).toBeLessThan((row?.original_bytes as number) / 10);
    await t.api('PATCH', '/api/v1/settings', { captureCompression: 'gzip' });
    const g = await ask(false, prompt);
    expect(g.bodies?.request).toContain(prompt);
    expect(t.rows('SELECT codec FROM request_bodies WHERE request_id = ?', g.id)[0]?.codec).toBe('gzip');
    await t.api('PATCH', '/api/v1/settings', {
      captureBodies: false,
      captureMessageText: false,
      captureCompression: 'brotli',
    });
  });

  it('cuts a body past the configured size and says so', async () => {
    await t.api('PATCH', '/api/v1/settings', {
      captureBodies: true,
      captureMessageText: true,
      captureMaxBodyBytes: 4096,
    });
    const d = await ask(false, 'x'.repeat(10_000));
    expect(d.bodies?.truncated).toBe(true);
    expect(Buffer.byteLength(d.bodies?.request ?? '')).toBeLessThanOrEqual(4096);
    await t.api('PATCH', '/api/v1/settings', {
      captureBodies: false,
      captureMessageText: false,
      captureMaxBodyBytes: 4 * 1024 * 1024,
    });
  });

  it('holds the total size budget by dropping the oldest bodies, and drops bodies past their retention', async () => {
    const MiB = 1024 * 1024;
    await t.api('PATCH', '/api/v1/settings', {
      captureBodies: true,
      captureMessageText: true,
      captureBudgetBytes: MiB,
      captureRetentionDays: 7,
    });
    t.hub.context.database.sqlite.exec('DELETE FROM request_bodies');
    await t.hub.internals.bodies.flush(Date.now() + 120_000); // reads the stored total again
    const ids: string[] = [];
    // random text barely compresses: each body takes about 400 KB
    for (let i = 0; i < 4; i++) ids.push((await ask(false, randomBytes(300_000).toString('base64'))).id);
    const kept = t.rows('SELECT request_id FROM request_bodies').map((r) => r.request_id);
    const total = t.rows('SELECT total(stored_bytes) AS n FROM request_bodies')[0]?.n as number;
    expect(total).toBeLessThanOrEqual(MiB);
    expect(kept).not.toContain(ids[0]);
    expect(kept).toContain(ids[3]);
    expect(t.hub.internals.bodies.usedBytes()).toBe(total);
    // a week and a day later, retention drops the rest
    await t.hub.internals.bodies.flush(Date.now() + 8 * 86_400_000);
    expect(t.rows('SELECT count(*) AS n FROM request_bodies')[0]?.n).toBe(0);
    await t.api('PATCH', '/api/v1/settings', {
      captureBodies: false,
      captureMessageText: false,
      captureBudgetBytes: 512 * MiB,
    });
  });
});
