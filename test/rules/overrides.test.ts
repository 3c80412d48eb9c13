// Request overrides per provider through the official SDKs: body fields set or removed on the bytes, headers set,
// appended and removed; the chain lists them and the captured body is what the upstream received.
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type FakeUpstream, startFakeUpstream } from '../fake-upstream';
import { startTestHub, type TestHub } from '../helpers/test-hub';

let fake: FakeUpstream;
let t: TestHub;
let key: string;
let anthropicProvider: string;

beforeAll(async () => {
  fake = await startFakeUpstream();
  t = await startTestHub();
  anthropicProvider = (
    await t.addProvider(fake.url, {
      type: 'anthropic',
      overrides: {
        body: [
          { op: 'set', path: 'max_tokens', value: 1000 },
          { op: 'set', path: 'thinking.budget_tokens', value: 512 },
          { op: 'remove', path: 'service_tier' },
          { op: 'remove', path: 'metadata.user_id' },
        ],
        headers: [
          { op: 'append', name: 'anthropic-beta', value: 'context-1m-2025-08-07' },
          { op: 'set', name: 'x-vendor-route', value: 'eu' },
          { op: 'remove', name: 'x-stainless-os' },
        ],
      },
    })
  ).id;
  await t.addProvider(`${fake.url}/v1`, {
    type: 'openai-responses',
    overrides: {
      body: [
        { op: 'set', path: 'reasoning.effort', value: 'high' },
        { op: 'set', path: 'service_tier', value: 'flex' },
      ],
    },
  });
  ({ key } = await t.addUserWithKey());
  expect((await t.api('PATCH', '/api/v1/settings', { captureBodies: true, captureMessageText: true })).status).toBe(
    200,
  );
});
afterAll(async () => {
  await t.stop();
  await fake.close();
});
afterEach(() => fake.reset());

async function detail(id: string | null) {
  t.fold();
  await t.hub.internals.bodies.flush(Date.now());
  const r = await t.api<{
    decisionChain: { kind: string; reason?: string; providerId?: string }[];
    bodies?: { request: string | null };
  }>('GET', `/api/v1/requests/${id}`);
  expect(r.status).toBe(200);
  return r.json;
}

describe('request overrides', () => {
  it('Anthropic: body fields set and removed on the bytes, headers appended, set and removed', async () => {
    const client = new Anthropic({ apiKey: key, baseURL: t.url, maxRetries: 0 });
    const { response } = await client.messages
      .create(
        {
          model: 'claude-sonnet-4-6',
          max_tokens: 8192,
          thinking: { type: 'enabled', budget_tokens: 4000 },
          service_tier: 'auto',
          metadata: { user_id: 'u-123' },
          messages: [{ role: 'user', content: 'keep   my "bytes" \u00e9 as sent' }],
        },
        { headers: { 'anthropic-beta': 'interleaved-thinking-2025-05-14' } },
      )
      .withResponse();
    const call = fake.calls.at(-1);
    const sent = call?.json as Record<string, unknown>;
    expect(sent.max_tokens).toBe(1000);
    expect(sent.thinking).toEqual({ type: 'enabled', budget_tokens: 512 });
    expect(sent).not.toHaveProperty('service_tier');
    expect(sent.metadata).toEqual({});
    // Members no override touches keep the client's bytes.
    const original = JSON.stringify([{ role: 'user', content: 'keep   my "bytes" \u00e9 as sent' }]);
    expect(call?.body.toString('utf8')).toContain(`"messages":${original}`);
    expect(call?.headers['anthropic-beta']).toBe('interleaved-thinking-2025-05-14,context-1m-2025-08-07');
    expect(call?.headers['x-vendor-route']).toBe('eu');
    expect(call?.headers).not.toHaveProperty('x-stainless-os');
    const d = await detail(response.headers.get('x-cchub-request-id'));
    const step = d.decisionChain.find((s) => s.kind === 'override');
    expect(step).toMatchObject({ providerId: anthropicProvider });
    expect(step?.reason).toContain('body: set max_tokens, set thinking.budget_tokens, remove service_tier');
    expect(step?.reason).toContain('headers: append anthropic-beta, set x-vendor-route, remove x-stainless-os');
    expect(d.bodies?.request).toContain('"max_tokens": 1000');
    expect(d.bodies?.request).not.toContain('8192');
  });

  it('an append already present is not repeated; a header the client lacks is created', async () => {
    const client = new Anthropic({ apiKey: key, baseURL: t.url, maxRetries: 0 });
    await client.messages.create(
      { model: 'claude-sonnet-4-6', max_tokens: 5, messages: [{ role: 'user', content: 'hi' }] },
      { headers: { 'anthropic-beta': 'context-1m-2025-08-07' } },
    );
    expect(fake.calls.at(-1)?.headers['anthropic-beta']).toBe('context-1m-2025-08-07');
    await client.messages.create({
      model: 'claude-sonnet-4-6',
      max_tokens: 5,
      messages: [{ role: 'user', content: 'hi' }],
    });
    const sent = fake.calls.at(-1);
    expect(sent?.headers['anthropic-beta']).toBe('context-1m-2025-08-07');
    expect((sent?.json as { thinking?: unknown } | undefined)?.thinking).toEqual({ budget_tokens: 512 });
  });

  it("OpenAI Responses: a nested field merged into the client's object, a missing top-level field added", async () => {
    const openai = new OpenAI({ apiKey: key, baseURL: `${t.url}/v1`, maxRetries: 0 });
    const res = await openai.responses.create({
      model: 'gpt-5',
      input: 'hi',
      reasoning: { summary: 'auto', effort: 'low' },
    });
    expect(res.output_text).toBeTypeOf('string');
    const sent = fake.calls.at(-1)?.json as Record<string, unknown>;
    expect(sent.reasoning).toEqual({ summary: 'auto', effort: 'high' });
    expect(sent.service_tier).toBe('flex');
    expect(sent.input).toBe('hi');
  });
});

describe('overrides API', () => {
  it('keeps a credential-named header override out of the audit log', async () => {
    const created = await t.addProvider(fake.url, {
      overrides: { headers: [{ op: 'set', name: 'X-Api-Key-Extra', value: 'vendor-secret-value-123' }] },
    });
    const audit = await t.api<{ items: { after: unknown }[] }>('GET', `/api/v1/audit?target=${created.id}`);
    expect(JSON.stringify(audit.json.items)).not.toContain('vendor-secret-value-123');
    expect(JSON.stringify(audit.json.items)).toContain('X-Api-Key-Extra');
  });

  it('refuses an override of a header the hub sets itself, and a set without a value', async () => {
    const header = await t.api<{ error: { field?: string } }>('PATCH', `/api/v1/providers/${anthropicProvider}`, {
      overrides: { headers: [{ op: 'set', name: 'Content-Length', value: '1' }] },
    });
    expect(header.status).toBe(400);
    expect(header.json.error.field).toContain('overrides');
    const body = await t.api('PATCH', `/api/v1/providers/${anthropicProvider}`, {
      overrides: { body: [{ op: 'set', path: 'max_tokens' }] },
    });
    expect(body.status).toBe(400);
  });
});
