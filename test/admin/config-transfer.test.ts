// Configuration export and import against real hubs: no secret without a passphrase, a dry run that shows the
// difference and changes nothing, an atomic apply, and an exported configuration serving the same keys elsewhere.
import Anthropic from '@anthropic-ai/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeUpstream, startFakeUpstream } from '../fake-upstream';
import { startTestHub, type TestHub } from '../helpers/test-hub';

const UPSTREAM_KEY = 'sk-ant-upstream-transfer-0123456789';
const PASSPHRASE = 'correct horse battery staple';

let fake: FakeUpstream;
let source: TestHub;
const made = { providerId: '', userId: '', keyId: '', key: '' };

type Doc = Record<string, unknown> & { providers: Record<string, unknown>[]; keys: Record<string, unknown>[] };
interface Change {
  section: string;
  id: string;
  action: string;
  fields?: string[];
  note?: string;
}
interface ImportAnswer {
  dryRun: boolean;
  applied: boolean;
  changes: Change[];
  summary: Record<string, number>;
}

async function exportFrom(hub: TestHub, passphrase?: string): Promise<{ status: number; doc: Doc; text: string }> {
  const res = await fetch(`${hub.url}/api/v1/config/export`, {
    headers: {
      authorization: 'Bearer test-admin-token-0123456789',
      ...(passphrase ? { 'x-cchub-passphrase': passphrase } : {}),
    },
  });
  const text = await res.text();
  return { status: res.status, doc: JSON.parse(text) as Doc, text };
}

async function importInto(hub: TestHub, doc: unknown, opts: { dryRun: boolean; passphrase?: string }) {
  const res = await fetch(`${hub.url}/api/v1/config/import?dryRun=${opts.dryRun}`, {
    method: 'POST',
    headers: {
      authorization: 'Bearer test-admin-token-0123456789',
      'content-type': 'application/json',
      ...(opts.passphrase ? { 'x-cchub-passphrase': opts.passphrase } : {}),
    },
    body: JSON.stringify(doc),
  });
  return {
    status: res.status,
    json: (await res.json()) as ImportAnswer & { error?: { code: string; field?: string } },
  };
}

const ask = (hub: TestHub, key: string) =>
  new Anthropic({ apiKey: key, baseURL: hub.url, maxRetries: 0 }).messages.create({
    model: 'claude-sonnet-4-6',
    max_tokens: 16,
    messages: [{ role: 'user', content: 'hello' }],
  });

beforeAll(async () => {
  fake = await startFakeUpstream({ apiKey: UPSTREAM_KEY });
  source = await startTestHub();
  const p = await source.addProvider(fake.url, {
    apiKey: UPSTREAM_KEY,
    groups: ['team-a'],
    headers: { 'x-trace': 'on', authorization: 'Bearer header-secret-value-123' },
    limits: { dailyUsd: 25 },
  });
  made.providerId = p.id;
  const u = await source.addUserWithKey({ groups: ['team-a'], rpm: 60 });
  Object.assign(made, u);
  expect(
    (await source.api('PUT', '/api/v1/prices/my-model', { priceData: { input_cost_per_token: 0.000001 } })).status,
  ).toBe(200);
  expect((await source.api('PATCH', '/api/v1/settings', { currencySymbol: '€' })).status).toBe(200);
  await ask(source, made.key);
});
afterAll(async () => {
  await source?.stop();
  await fake?.close();
});

describe('config export', () => {
  it('holds every section, keys as hashes, and no secret without a passphrase', async () => {
    const { status, doc, text } = await exportFrom(source);
    expect(status).toBe(200);
    expect(Object.keys(doc).sort()).toEqual(
      [
        'exportedAt',
        'groups',
        'keys',
        'prices',
        'providers',
        'rules',
        'secrets',
        'settings',
        'users',
        'version',
        'webhooks',
      ].sort(),
    );
    expect(doc.version).toBe(1);
    expect(doc.secrets).toBeNull();
    expect(doc.rules).toEqual({ content: [], error: [] });
    expect(doc.webhooks).toEqual([]);
    expect(doc.groups).toEqual([{ name: 'team-a', providers: [made.providerId], users: [made.userId], keys: [] }]);
    expect(doc.prices).toEqual([{ model: 'my-model', priceData: { input_cost_per_token: 0.000001 } }]);
    expect(doc.settings).toMatchObject({ currencySymbol: '€' });
    expect(doc.keys[0]).toMatchObject({ id: made.keyId, userId: made.userId });
    expect(doc.keys[0]?.keyHash).toMatch(/^[0-9a-f]{64}$/);
    expect(doc.keys[0]).not.toHaveProperty('lastUsedAt');
    expect(doc.providers[0]).toMatchObject({
      id: made.providerId,
      headers: { 'x-trace': 'on' },
      withheld: ['apiKey', 'headers.authorization'],
    });
    for (const secret of [UPSTREAM_KEY, 'header-secret-value-123', made.key]) expect(text).not.toContain(secret);
  });

  it('seals the secrets with a passphrase (and refuses a short one)', async () => {
    const { doc, text } = await exportFrom(source, PASSPHRASE);
    expect(doc.secrets).toMatchObject({ kdf: 'scrypt' });
    expect(doc.providers[0]?.sealed).toMatchObject({
      apiKey: expect.any(String),
      headers: { authorization: expect.any(String) },
    });
    for (const secret of [UPSTREAM_KEY, 'header-secret-value-123', made.key, PASSPHRASE])
      expect(text).not.toContain(secret);
    const short = await exportFrom(source, 'short');
    expect(short.status).toBe(400);
  });

  it('is audited without the passphrase or any secret', async () => {
    const audit = await source.api<{ items: { action: string }[] }>('GET', '/api/v1/audit?action=config.');
    expect(audit.json.items.map((i) => i.action)).toContain('config.export');
    const text = JSON.stringify(audit.json);
    for (const secret of [UPSTREAM_KEY, PASSPHRASE, made.key]) expect(text).not.toContain(secret);
  });
});

describe('config import', () => {
  it('into an empty hub: the dry run lists every creation and changes nothing; applied, the same keys work', async () => {
    const { doc } = await exportFrom(source, PASSPHRASE);
    const target = await startTestHub();
    try {
      const dry = await importInto(target, doc, { dryRun: true, passphrase: PASSPHRASE });
      expect(dry.status).toBe(200);
      expect(dry.json).toMatchObject({ dryRun: true, applied: false, summary: { create: 4, update: 1, skip: 1 } });
      expect(dry.json.changes.filter((c) => c.action === 'create').map((c) => c.section)).toEqual([
        'providers',
        'users',
        'keys',
        'prices',
      ]);
      expect(dry.json.changes.find((c) => c.section === 'settings')).toMatchObject({ fields: ['currencySymbol'] });
      expect(target.rows('SELECT id FROM users')).toEqual([]);
      await expect(ask(target, made.key)).rejects.toMatchObject({ status: 401 });

      const applied = await importInto(target, doc, { dryRun: false, passphrase: PASSPHRASE });
      expect(applied.json).toMatchObject({ applied: true });
      const answer = await ask(target, made.key);
      expect(answer.content[0]).toMatchObject({ type: 'text' });
      const provider = await target.api<{ apiKey: string; headers: Record<string, string>; limits: object }>(
        'GET',
        `/api/v1/providers/${made.providerId}`,
      );
      expect(provider.json).toMatchObject({ limits: { dailyUsd: 25 }, headers: { authorization: expect.any(String) } });
      expect((await target.api('GET', '/api/v1/settings')).json).toMatchObject({ currencySymbol: '€' });

      const again = await importInto(target, doc, { dryRun: true, passphrase: PASSPHRASE });
      expect(again.json.summary).toMatchObject({ create: 0, update: 0 });
      expect(again.json.changes.filter((c) => c.section !== 'groups').every((c) => c.action === 'unchanged')).toBe(
        true,
      );
    } finally {
      await target.stop();
    }
  });

  it('shows the fields an update changes, keeps what the import withheld, and a wrong passphrase applies nothing', async () => {
    const { doc } = await exportFrom(source);
    const target = await startTestHub();
    try {
      const created = await importInto(target, doc, { dryRun: false });
      const providerChange = created.json.changes.find((c) => c.section === 'providers');
      expect(providerChange).toMatchObject({ action: 'create', note: expect.stringMatching(/created disabled/) });
      const p = await target.api<{ enabled: boolean }>('GET', `/api/v1/providers/${made.providerId}`);
      expect(p.json.enabled).toBe(false);
      // The operator gives the provider its key on the new hub; the next import keeps it (the export withheld it).
      await target.api('PATCH', `/api/v1/providers/${made.providerId}`, {
        apiKey: UPSTREAM_KEY,
        enabled: true,
        weight: 7,
      });
      await target.api('PATCH', `/api/v1/users/${made.userId}`, { name: 'renamed', note: 'local' });
      const dry = await importInto(target, doc, { dryRun: true });
      expect(dry.json.changes.find((c) => c.section === 'users')).toMatchObject({
        action: 'update',
        fields: ['name', 'note'],
      });
      expect(dry.json.changes.find((c) => c.section === 'providers')).toMatchObject({
        action: 'update',
        fields: ['weight'],
      });
      const { doc: sealed } = await exportFrom(source, PASSPHRASE);
      const wrong = await importInto(target, sealed, { dryRun: false, passphrase: 'not the passphrase' });
      expect(wrong.status).toBe(400);
      expect(wrong.json.error).toMatchObject({ code: 'wrong_passphrase' });
      expect(target.rows('SELECT name FROM users')).toEqual([{ name: 'renamed' }]);
      await importInto(target, doc, { dryRun: false });
      expect(target.rows('SELECT name FROM users')).toEqual([{ name: (doc.users as { name: string }[])[0]?.name }]);
      expect(await ask(target, made.key)).toMatchObject({ type: 'message' });
    } finally {
      await target.stop();
    }
  });

  it('refuses a key without its user, and applies all or nothing', async () => {
    const { doc } = await exportFrom(source);
    const target = await startTestHub();
    try {
      const orphan = await importInto(target, { ...doc, users: [] }, { dryRun: true });
      expect(orphan.status).toBe(400);
      expect(orphan.json.error).toMatchObject({ code: 'invalid_field', field: 'keys[0].userId' });
      // A second key with the same hash fails part-way through the apply: the users and providers written before it
      // are rolled back with it.
      const clash = { ...doc.keys[0], id: 'key_clashing0000000' };
      const failed = await importInto(target, { ...doc, keys: [doc.keys[0], clash] }, { dryRun: false });
      expect(failed.status).toBe(409);
      expect(failed.json.error).toMatchObject({ code: 'import_failed' });
      expect(target.rows('SELECT id FROM users')).toEqual([]);
      expect(target.rows('SELECT id FROM providers')).toEqual([]);
      const unknown = await importInto(target, { ...doc, extra: [] }, { dryRun: true });
      expect(unknown.status).toBe(400);
      const newer = await importInto(target, { ...doc, version: 2 }, { dryRun: true });
      expect(newer.status).toBe(400);
    } finally {
      await target.stop();
    }
  });

  it('is for admins only', async () => {
    expect((await source.api('GET', '/api/v1/config/export', undefined, made.key)).status).toBe(403);
    expect((await source.api('POST', '/api/v1/config/import', {}, made.key)).status).toBe(403);
  });
});
