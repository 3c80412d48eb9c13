// Configuration transfer of content rules, error rules and webhooks, and of the provider, user and key settings the
// later features added: an export from a configured hub restores the same configuration on an empty one, in force at
// once, and carries no secret without a passphrase.
import Anthropic from '@anthropic-ai/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeUpstream, startFakeUpstream } from '../fake-upstream';
import { startTestHub, type TestHub } from '../helpers/test-hub';

const UPSTREAM_KEY = 'sk-ant-upstream-rules-0123456789';
const PASSPHRASE = 'correct horse battery staple';
const HOOK_URL = 'https://hooks.example.test/services/T000/hook-token-5f2a9c';
const HOOK_SECRET = 'webhook-signing-secret-7e1d';
const PHRASE = 'project-bluebird';
const TOKEN = 'test-admin-token-0123456789';

type Doc = Record<string, unknown> & {
  rules: { content: Record<string, unknown>[]; error: Record<string, unknown>[] };
  webhooks: Record<string, unknown>[];
};
interface Change {
  section: string;
  id: string;
  action: string;
  note?: string;
}

let fake: FakeUpstream;
let source: TestHub;
const made = { providerId: '', wsProviderId: '', userId: '', key: '', ruleId: '', hookId: '' };

async function exportFrom(hub: TestHub, passphrase?: string): Promise<{ doc: Doc; text: string }> {
  const res = await fetch(`${hub.url}/api/v1/config/export`, {
    headers: { authorization: `Bearer ${TOKEN}`, ...(passphrase ? { 'x-cchub-passphrase': passphrase } : {}) },
  });
  expect(res.status).toBe(200);
  const text = await res.text();
  return { doc: JSON.parse(text) as Doc, text };
}

async function importInto(hub: TestHub, doc: unknown, opts: { dryRun: boolean; passphrase?: string }) {
  const res = await fetch(`${hub.url}/api/v1/config/import?dryRun=${opts.dryRun}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${TOKEN}`,
      'content-type': 'application/json',
      ...(opts.passphrase ? { 'x-cchub-passphrase': opts.passphrase } : {}),
    },
    body: JSON.stringify(doc),
  });
  const json = (await res.json()) as { changes: Change[]; summary: Record<string, number>; error?: { field?: string } };
  return { status: res.status, json };
}

const ask = (hub: TestHub, key: string, text: string) =>
  new Anthropic({ apiKey: key, baseURL: hub.url, maxRetries: 0 }).messages.create({
    model: 'claude-sonnet-4-6',
    max_tokens: 16,
    messages: [{ role: 'user', content: text }],
  });

/** The document without what differs between two exports of the same configuration: time, salt, ciphertexts. */
function comparable(doc: Doc): unknown {
  const { exportedAt: _at, secrets: _secrets, ...rest } = doc;
  return JSON.parse(JSON.stringify(rest, (k, v) => (k === 'sealed' ? undefined : v)));
}

const OVERRIDE_SECRET = 'override-token-7d1e4b2a';

beforeAll(async () => {
  fake = await startFakeUpstream({ apiKey: UPSTREAM_KEY });
  source = await startTestHub();
  made.providerId = (await source.addProvider(fake.url, { apiKey: UPSTREAM_KEY })).id;
  made.wsProviderId = (
    await source.addProvider(`${fake.url}/v1`, {
      type: 'openai-responses',
      apiKey: UPSTREAM_KEY,
      websocket: true,
      serves: ['openai-chat'],
      priority: 9,
      overrides: {
        body: [{ op: 'set', path: 'reasoning.effort', value: 'low' }],
        headers: [
          { op: 'set', name: 'x-team', value: 'blue' },
          { op: 'set', name: 'x-vendor-token', value: OVERRIDE_SECRET },
        ],
      },
    })
  ).id;
  const user = await source.addUser({ clients: { block: ['codex-cli'] } });
  const key = await source.addKey(user.id, { clients: { allow: ['anthropic-sdk', 'claude-code'] } });
  Object.assign(made, { userId: user.id, key: key.key });
  const rule = await source.api<{ id: string }>('POST', '/api/v1/content-rules', {
    match: 'contains',
    pattern: PHRASE,
  });
  expect(rule.status).toBe(201);
  made.ruleId = rule.json.id;
  const edited = await source.api('PATCH', '/api/v1/error-rules/builtin.not-found', { priority: 50, note: 'edited' });
  expect(edited.status).toBe(200);
  const own = await source.api('POST', '/api/v1/error-rules', {
    pattern: 'overloaded',
    match: 'contains',
    status: 529,
    providerId: made.providerId,
    action: 'return',
    clientStatus: 503,
    clientMessage: 'busy, try later',
  });
  expect(own.status).toBe(201);
  const hook = await source.api<{ id: string }>('POST', '/api/v1/webhooks', {
    kind: 'json',
    name: 'ops',
    url: HOOK_URL,
    secret: HOOK_SECRET,
    events: ['breaker.opened', 'provider.none'],
    ratePerMinute: 5,
  });
  expect(hook.status).toBe(201);
  made.hookId = hook.json.id;
});
afterAll(async () => {
  await source?.stop();
  await fake?.close();
});

describe('config export of rules and webhooks', () => {
  it('holds the content rule, the edited built-in and the operator rule, the webhook, and no secret', async () => {
    const { doc, text } = await exportFrom(source);
    expect(doc.rules.content).toEqual([
      expect.objectContaining({ id: made.ruleId, match: 'contains', pattern: PHRASE, enabled: true }),
    ]);
    // Only the built-in an admin edited: the others live in the hub's code.
    expect(doc.rules.error.map((r) => [r.id, r.builtIn])).toEqual([
      ['builtin.not-found', true],
      [expect.stringMatching(/^err/), false],
    ]);
    expect(doc.rules.error[1]).toMatchObject({ providerId: made.providerId, clientStatus: 503, status: 529 });
    expect(doc.webhooks).toEqual([
      expect.objectContaining({
        id: made.hookId,
        name: 'ops',
        urlHint: 'https://hooks.example.test/…',
        events: ['breaker.opened', 'provider.none'],
        withheld: ['url', 'secret'],
      }),
    ]);
    for (const secret of [UPSTREAM_KEY, HOOK_SECRET, 'hook-token-5f2a9c', made.key, OVERRIDE_SECRET]) {
      expect(text).not.toContain(secret);
    }
    // A secret-named header override keeps its place, its value withheld.
    const ws = (doc.providers as Record<string, unknown>[]).find((p) => p.id === made.wsProviderId);
    expect(ws).toMatchObject({
      overrides: {
        headers: [
          { name: 'x-team', value: 'blue' },
          { name: 'x-vendor-token', value: '[withheld]' },
        ],
      },
      withheld: expect.arrayContaining(['overrides.headers[1]']),
    });
  });
});

describe('config import of rules and webhooks', () => {
  it('restores the same configuration on an empty hub, rules in force at once', async () => {
    const first = await exportFrom(source, PASSPHRASE);
    expect(first.text).not.toContain(HOOK_SECRET);
    expect(first.text).not.toContain('hook-token-5f2a9c');
    const target = await startTestHub();
    try {
      const dry = await importInto(target, first.doc, { dryRun: true, passphrase: PASSPHRASE });
      expect(dry.status).toBe(200);
      const created = (section: string) =>
        dry.json.changes.filter((c) => c.section === section && c.action === 'create');
      expect(created('rules.content')).toHaveLength(1);
      expect(created('rules.error').map((c) => c.id)).toContain('builtin.not-found');
      expect(created('rules.error')).toHaveLength(2);
      expect(created('webhooks')).toEqual([expect.objectContaining({ id: made.hookId })]);
      expect(created('webhooks')[0]?.note).toBeUndefined();
      expect(target.rows('SELECT id FROM content_rules')).toEqual([]);

      const applied = await importInto(target, first.doc, { dryRun: false, passphrase: PASSPHRASE });
      expect(applied.status).toBe(200);
      await expect(ask(target, made.key, `tell me about ${PHRASE}`)).rejects.toMatchObject({ status: 400 });
      expect(await ask(target, made.key, 'hello')).toMatchObject({ type: 'message' });

      const hooks = await target.api<{ items: Record<string, unknown>[] }>('GET', '/api/v1/webhooks');
      expect(hooks.json.items).toEqual([
        expect.objectContaining({ id: made.hookId, name: 'ops', enabled: true, hasSecret: true, ratePerMinute: 5 }),
      ]);
      const stored = target.rows('SELECT url_ciphertext, secret_ciphertext FROM webhooks')[0] as Record<string, string>;
      expect(target.hub.context.secrets.decrypt(stored.url_ciphertext as string)).toBe(HOOK_URL);
      expect(target.hub.context.secrets.decrypt(stored.secret_ciphertext as string)).toBe(HOOK_SECRET);

      const rules = await target.api<{ items: { id: string; priority: number; builtIn: boolean }[] }>(
        'GET',
        '/api/v1/error-rules',
      );
      const sourceRules = await source.api<{ items: { id: string }[] }>('GET', '/api/v1/error-rules');
      expect(rules.json.items.map((r) => r.id)).toEqual(sourceRules.json.items.map((r) => r.id));
      expect(rules.json.items.find((r) => r.id === 'builtin.not-found')).toMatchObject({ priority: 50 });

      // Everything round-trips, the later providers', users' and keys' settings included (the secrets aside).
      const second = await exportFrom(target, PASSPHRASE);
      expect(comparable(second.doc)).toEqual(comparable(first.doc));
      const ws = (second.doc.providers as Record<string, unknown>[]).find((p) => p.id === made.wsProviderId);
      expect(ws).toMatchObject({ websocket: true, serves: ['openai-chat'], overrides: { body: [expect.any(Object)] } });
      // The sealed header override's value came back with the passphrase.
      const restored = await target.api<{ overrides: { headers: { name: string; value?: string }[] } }>(
        'GET',
        `/api/v1/providers/${made.wsProviderId}`,
      );
      expect(restored.json.overrides.headers).toContainEqual(
        expect.objectContaining({ name: 'x-vendor-token', value: OVERRIDE_SECRET }),
      );
      expect((second.doc.users as Record<string, unknown>[])[0]).toMatchObject({ clients: { block: ['codex-cli'] } });
      expect((second.doc.keys as Record<string, unknown>[])[0]).toMatchObject({
        clients: { allow: expect.any(Array) },
      });

      const again = await importInto(target, first.doc, { dryRun: true, passphrase: PASSPHRASE });
      expect(again.json.changes.filter((c) => c.section !== 'groups' && c.action !== 'unchanged')).toEqual([]);
    } finally {
      await target.stop();
    }
  });

  it('without a passphrase creates the webhook disabled with a note, and an update names the changed fields', async () => {
    const { doc } = await exportFrom(source);
    const target = await startTestHub();
    try {
      const applied = await importInto(target, doc, { dryRun: false });
      expect(applied.json.changes.find((c) => c.section === 'webhooks')).toMatchObject({
        action: 'create',
        note: expect.stringMatching(/created disabled/),
      });
      const hooks = await target.api<{ items: Record<string, unknown>[] }>('GET', '/api/v1/webhooks');
      expect(hooks.json.items).toEqual([
        expect.objectContaining({ id: made.hookId, enabled: false, urlHint: 'https://hooks.example.test/…' }),
      ]);
      await expect(ask(target, made.key, PHRASE)).rejects.toMatchObject({ status: 400 });

      // The operator gives the webhook its URL here; the next import keeps it and shows what else it changes.
      await target.api('PATCH', `/api/v1/webhooks/${made.hookId}`, { url: HOOK_URL, enabled: true, ratePerMinute: 9 });
      await target.api('PATCH', `/api/v1/content-rules/${made.ruleId}`, { enabled: false });
      const dry = await importInto(target, doc, { dryRun: true });
      const change = (section: string) => dry.json.changes.find((c) => c.section === section);
      expect(change('webhooks')).toMatchObject({ action: 'update', fields: ['ratePerMinute'] });
      expect(change('rules.content')).toMatchObject({ action: 'update', fields: ['enabled'] });
      expect(change('webhooks')?.note).toMatch(/secret/);

      const bad = structuredClone(doc);
      (bad.rules.error[1] as Record<string, unknown>).providerId = 'prv_nowhere';
      const refused = await importInto(target, { ...bad, providers: [] }, { dryRun: true });
      expect(refused.status).toBe(400);
      expect(refused.json.error).toMatchObject({ field: 'rules.error[1].providerId' });
    } finally {
      await target.stop();
    }
  });
});
