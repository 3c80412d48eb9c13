// Client restrictions per user and per key through the official SDKs and real client User-Agents: block, allow,
// custom patterns and minimum versions; a refusal is a 403 in the client's format naming the client required.
import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI } from '@google/genai';
import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type FakeUpstream, startFakeUpstream } from '../fake-upstream';
import { startTestHub, type TestHub } from '../helpers/test-hub';

let fake: FakeUpstream;
let t: TestHub;

beforeAll(async () => {
  fake = await startFakeUpstream();
  t = await startTestHub();
  await t.addProvider(fake.url, { type: 'anthropic' });
  await t.addProvider(fake.url, { type: 'openai-chat' });
  await t.addProvider(fake.url, { type: 'gemini' });
});
afterAll(async () => {
  await t.stop();
  await fake.close();
});
afterEach(() => fake.reset());

/** A user (with `user` restrictions) and a key (with `key` restrictions). */
async function credentials(
  user?: unknown,
  keyRules?: unknown,
): Promise<{ key: string; userId: string; keyId: string }> {
  const u = await t.addUser(user === undefined ? {} : { clients: user });
  const k = await t.addKey(u.id, keyRules === undefined ? {} : { clients: keyRules });
  return { key: k.key, userId: u.id, keyId: k.id };
}

function row(id: string | null | undefined): Record<string, unknown> {
  t.fold();
  const [r] = t.rows('SELECT * FROM requests WHERE id = ?', id);
  if (!r) throw new Error(`no row for ${id}`);
  return r;
}

async function refused(call: Promise<unknown>) {
  const err = (await call.then(
    () => {
      throw new Error('the request was not refused');
    },
    (e: unknown) => e,
  )) as { status: number; message: string; headers?: Headers; error?: unknown };
  return {
    status: err.status,
    message: err.message,
    requestId: err.headers?.get('x-cchub-request-id') ?? '',
    error: err.error,
  };
}

const ask = (key: string, headers: Record<string, string> = {}) =>
  new Anthropic({ apiKey: key, baseURL: t.url, maxRetries: 0, defaultHeaders: headers }).messages.create({
    model: 'claude-sonnet-4-6',
    max_tokens: 5,
    messages: [{ role: 'user', content: 'hi' }],
  });

const CLAUDE_CODE = { 'user-agent': 'claude-cli/2.1.337 (external, sdk-cli)', 'x-app': 'cli' };

describe('client restrictions', () => {
  it('a user allowing only Claude Code refuses the Anthropic SDK (403, Anthropic error shape) and serves Claude Code', async () => {
    const { key, userId } = await credentials({ allow: ['claude-code'] });
    const err = await refused(ask(key));
    expect(err.status).toBe(403);
    expect(err.message).toContain('accepts only these clients: claude-code');
    expect(err.message).toMatch(/came from anthropic-sdk \d/);
    expect((err.error as { type?: string })?.type).toBe('error');
    expect(fake.calls).toHaveLength(0);
    expect(row(err.requestId)).toMatchObject({ status: 403, blocked_by: 'client', user_id: userId });
    const ok = await ask(key, CLAUDE_CODE);
    expect(ok.content[0]).toMatchObject({ type: 'text' });
  });

  it('a key blocking the OpenAI SDK refuses it in the OpenAI error shape; the user may still use the key elsewhere', async () => {
    const { key } = await credentials(undefined, { block: ['openai-sdk'] });
    const openai = new OpenAI({ apiKey: key, baseURL: `${t.url}/v1`, maxRetries: 0 });
    const err = await refused(
      openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] }),
    );
    expect(err.status).toBe(403);
    expect(err.message).toContain('this key does not accept openai-sdk');
    expect(row(err.requestId)).toMatchObject({ blocked_by: 'client', format: 'openai-chat' });
    expect((await ask(key)).content).toHaveLength(1);
  });

  it('a minimum Claude Code version refuses an older one, naming the version required', async () => {
    const { key } = await credentials(undefined, { allow: ['claude-code'], minVersion: { 'claude-code': '2.1.0' } });
    const old = await refused(ask(key, { ...CLAUDE_CODE, 'user-agent': 'claude-cli/2.0.99 (external, cli)' }));
    expect(old.status).toBe(403);
    expect(old.message).toContain('needs claude-code 2.1.0 or newer; this request came from claude-code 2.0.99');
    expect((await ask(key, CLAUDE_CODE)).content).toHaveLength(1);
  });

  it('a custom glob on the User-Agent; Google Gen AI SDK recognised from x-goog-api-client', async () => {
    const { key } = await credentials({ allow: ['my-agent/*', 'google-genai-sdk'] });
    expect((await ask(key, { 'user-agent': 'My-Agent/3.2 (linux)' })).content).toHaveLength(1);
    const other = await refused(ask(key, { 'user-agent': 'other-agent/1.0' }));
    expect(other.status).toBe(403);
    expect(other.message).toContain('other-agent/1.0');
    const genai = new GoogleGenAI({ apiKey: key, httpOptions: { baseUrl: t.url } });
    const res = await genai.models.generateContent({ model: 'gemini-2.5-flash', contents: 'hi' });
    expect(res.text).toBeTypeOf('string');
  });

  it('Codex CLI and Gemini CLI recognised by the User-Agent and originator they send', async () => {
    const { key } = await credentials({ allow: ['codex-cli'] });
    const openai = (headers: Record<string, string>) =>
      new OpenAI({ apiKey: key, baseURL: `${t.url}/v1`, maxRetries: 0, defaultHeaders: headers });
    const codex = { 'user-agent': 'codex_exec/0.171.0 (Debian 12.0.0; x86_64) xterm', originator: 'codex_exec' };
    const ok = await openai(codex).chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(ok.choices).toHaveLength(1);
    const gem = await credentials({ block: ['gemini-cli'] });
    const genai = new GoogleGenAI({
      apiKey: gem.key,
      httpOptions: { baseUrl: t.url, headers: { 'User-Agent': 'GeminiCLI/0.9.0 (linux; x64)' } },
    });
    const err = await refused(genai.models.generateContent({ model: 'gemini-2.5-flash', contents: 'hi' }));
    expect(err.status).toBe(403);
  });

  it('restrictions are shown on the user and key, and cleared with null', async () => {
    const { userId, keyId } = await credentials({ allow: ['claude-code'] }, { block: ['*curl*'] });
    const user = await t.api<{ clients: unknown }>('GET', `/api/v1/users/${userId}`);
    expect(user.json.clients).toEqual({ allow: ['claude-code'] });
    const key = await t.api<{ clients: unknown }>('PATCH', `/api/v1/keys/${keyId}`, { clients: null });
    expect(key.json.clients).toBeNull();
    const bad = await t.api('PATCH', `/api/v1/keys/${keyId}`, { clients: { minVersion: { 'claude-code': 'latest' } } });
    expect(bad.status).toBe(400);
  });
});
