// Optional body capture (SPEC §7): off by default; when on, capped, secrets masked, message text redacted unless allowed.
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

type Detail = { bodies?: { request: string | null; response: string | null; truncated: boolean } };

async function ask(stream: boolean, content: string): Promise<Detail> {
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
  t.hub.internals.bodies.flush(Date.now());
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

  it('caps each body at 64 KiB and says it was cut', async () => {
    await t.api('PATCH', '/api/v1/settings', { captureBodies: true, captureMessageText: true });
    const d = await ask(false, 'x'.repeat(100_000));
    expect(d.bodies?.truncated).toBe(true);
    expect(Buffer.byteLength(d.bodies?.request ?? '')).toBeLessThanOrEqual(64 * 1024);
    await t.api('PATCH', '/api/v1/settings', { captureBodies: false, captureMessageText: false });
  });
});
