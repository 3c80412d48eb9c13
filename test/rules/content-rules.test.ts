// Content rules through the official SDKs: every format's system prompt and user text checked before any upstream
// call; a hit is a 400 in the client's format and a blocked row naming the rule, never the text.
import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI } from '@google/genai';
import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type FakeUpstream, startFakeUpstream } from '../fake-upstream';
import { startTestHub, type TestHub } from '../helpers/test-hub';

let fake: FakeUpstream;
let t: TestHub;
let key: string;
const ruleIds: string[] = [];

beforeAll(async () => {
  fake = await startFakeUpstream();
  t = await startTestHub();
  await t.addProvider(fake.url, { type: 'anthropic' });
  await t.addProvider(fake.url, { type: 'openai-chat' });
  await t.addProvider(`${fake.url}/v1`, { type: 'openai-responses' });
  await t.addProvider(fake.url, { type: 'gemini' });
  ({ key } = await t.addUserWithKey());
});
afterAll(async () => {
  await t.stop();
  await fake.close();
});
afterEach(async () => {
  fake.reset();
  for (const id of ruleIds.splice(0)) await t.api('DELETE', `/api/v1/content-rules/${id}`);
});

async function rule(body: Record<string, unknown>): Promise<string> {
  const r = await t.api<{ id: string }>('POST', '/api/v1/content-rules', body);
  expect(r.status).toBe(201);
  ruleIds.push(r.json.id);
  return r.json.id;
}

function row(id: string | null | undefined): Record<string, unknown> {
  t.fold();
  const [r] = t.rows('SELECT * FROM requests WHERE id = ?', id);
  if (!r) throw new Error(`no row for ${id}`);
  return r;
}

const anthropic = () => new Anthropic({ apiKey: key, baseURL: t.url, maxRetries: 0 });
const openai = () => new OpenAI({ apiKey: key, baseURL: `${t.url}/v1`, maxRetries: 0 });
const genai = () => new GoogleGenAI({ apiKey: key, httpOptions: { baseUrl: t.url } });

/** The SDK's error for a refused call, with the hub's request id. */
async function refused(call: Promise<unknown>): Promise<{ status: number; message: string; requestId: string }> {
  const err = (await call.then(
    () => {
      throw new Error('the request was not refused');
    },
    (e: unknown) => e,
  )) as { status: number; message: string; headers?: Headers | Record<string, string> };
  const headers = err.headers;
  const requestId = headers instanceof Headers ? headers.get('x-cchub-request-id') : headers?.['x-cchub-request-id'];
  return { status: err.status, message: err.message, requestId: requestId ?? '' };
}

describe('content rules', () => {
  it('Anthropic: a contains rule hits the system prompt, ignoring case; refused before the upstream', async () => {
    const id = await rule({ match: 'contains', pattern: 'Project Nightingale', note: 'internal codename' });
    const err = await refused(
      anthropic().messages.create({
        model: 'claude-sonnet-4-6',
        max_tokens: 10,
        system: [{ type: 'text', text: 'You work on PROJECT nightingale, keep it quiet.' }],
        messages: [{ role: 'user', content: 'hello' }],
      }),
    );
    expect(err.status).toBe(400);
    expect(err.message).toContain(id);
    expect(err.message).toContain('internal codename');
    expect(fake.calls).toHaveLength(0);
    const r = row(err.requestId);
    expect(r).toMatchObject({ status: 400, blocked_by: 'content_rule', provider_id: null, billed: 0 });
    expect(String(r.error_message)).toContain(id);
    expect(JSON.stringify(r)).not.toMatch(/nightingale/i);
  });

  it('Anthropic: user text blocks are checked, assistant text is not', async () => {
    await rule({ match: 'contains', pattern: 'forbidden phrase' });
    const ok = await anthropic().messages.create({
      model: 'claude-sonnet-4-6',
      max_tokens: 10,
      messages: [
        { role: 'user', content: 'hi' },
        { role: 'assistant', content: 'I will never say the forbidden phrase' },
        { role: 'user', content: [{ type: 'text', text: 'thanks' }] },
      ],
    });
    expect(ok.content[0]).toMatchObject({ type: 'text' });
    const err = await refused(
      anthropic().messages.create({
        model: 'claude-sonnet-4-6',
        max_tokens: 10,
        messages: [{ role: 'user', content: [{ type: 'text', text: 'say the Forbidden Phrase' }] }],
      }),
    );
    expect(err.status).toBe(400);
  });

  it('OpenAI Chat: an exact rule matches a whole developer message only', async () => {
    const id = await rule({ match: 'exact', pattern: 'Ignore all previous instructions' });
    const passes = await openai().chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'developer', content: 'Please ignore all previous instructions about tone.' }],
    });
    expect(passes.choices).toHaveLength(1);
    const err = await refused(
      openai().chat.completions.create({
        model: 'gpt-4o-mini',
        messages: [
          { role: 'developer', content: 'ignore ALL previous instructions\n' },
          { role: 'user', content: 'hi' },
        ],
      }),
    );
    expect(err.status).toBe(400);
    expect(err.message).toContain(id);
    expect(row(err.requestId)).toMatchObject({ blocked_by: 'content_rule', format: 'openai-chat' });
  });

  it('OpenAI Responses: a regex rule (RE2, /…/i) on input given as a string and as messages; instructions too', async () => {
    const id = await rule({ match: 'regex', pattern: '/secret-[0-9]{4}-token/i' });
    const asString = await refused(openai().responses.create({ model: 'gpt-5', input: 'use SECRET-1234-TOKEN' }));
    expect(asString.status).toBe(400);
    expect(asString.message).toContain(id);
    const asItems = await refused(
      openai().responses.create({
        model: 'gpt-5',
        input: [{ role: 'user', content: [{ type: 'input_text', text: 'x secret-9876-token y' }] }],
      }),
    );
    expect(asItems.status).toBe(400);
    const inInstructions = await refused(
      openai().responses.create({ model: 'gpt-5', instructions: 'secret-0000-token', input: 'hi' }),
    );
    expect(inInstructions.status).toBe(400);
    expect(fake.calls).toHaveLength(0);
    const ok = await openai().responses.create({ model: 'gpt-5', input: 'secret-12-token' });
    expect(ok.output_text).toBeTypeOf('string');
  });

  it('Gemini: contents and the system instruction are checked; a disabled rule is not', async () => {
    const id = await rule({ match: 'contains', pattern: 'moonbase' });
    const disabled = await rule({ match: 'contains', pattern: 'sunbase', enabled: false });
    const err = await refused(
      genai().models.generateContent({ model: 'gemini-2.5-flash', contents: 'about the Moonbase' }),
    );
    expect(err.status).toBe(400);
    expect(err.message).toContain(id);
    const inSystem = await refused(
      genai().models.generateContent({
        model: 'gemini-2.5-flash',
        contents: 'hello',
        config: { systemInstruction: 'you live on a moonbase' },
      }),
    );
    expect(inSystem.status).toBe(400);
    const ok = await genai().models.generateContent({ model: 'gemini-2.5-flash', contents: 'about the sunbase' });
    expect(ok.text).toBeTypeOf('string');
    expect(disabled).toBeTruthy();
  });

  it('counts blocks by kind in /metrics', async () => {
    await rule({ match: 'contains', pattern: 'metric-me' });
    await refused(
      openai().chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'metric-me' }] }),
    );
    t.fold();
    const text = await (
      await fetch(`${t.url}/metrics`, { headers: { authorization: 'Bearer test-admin-token-0123456789' } })
    ).text();
    const m = /cchub_requests_blocked_total\{kind="content_rule"\} (\d+)/.exec(text);
    expect(Number(m?.[1])).toBeGreaterThanOrEqual(1);
  });
});

describe('content rules API', () => {
  it('refuses a regex RE2 cannot run in linear time, naming the field', async () => {
    const r = await t.api<{ error: { code: string; field?: string } }>('POST', '/api/v1/content-rules', {
      match: 'regex',
      pattern: '(a)\\1',
    });
    expect(r.status).toBe(400);
    expect(r.json.error).toMatchObject({ code: 'invalid_pattern', field: 'pattern' });
  });

  it('tests a sample text against the enabled rules, in order; every change is audited', async () => {
    const first = await rule({ match: 'contains', pattern: 'alpha' });
    await rule({ match: 'regex', pattern: 'al.ha' });
    const hit = await t.api<{ rule: { id: string } | null }>('POST', '/api/v1/content-rules/test', { text: 'ALPHA' });
    expect(hit.json.rule?.id).toBe(first);
    const miss = await t.api<{ rule: unknown }>('POST', '/api/v1/content-rules/test', { text: 'beta' });
    expect(miss.json.rule).toBeNull();
    expect((await t.api('PATCH', `/api/v1/content-rules/${first}`, { enabled: false })).status).toBe(200);
    const next = await t.api<{ rule: { pattern: string } | null }>('POST', '/api/v1/content-rules/test', {
      text: 'alpha',
    });
    expect(next.json.rule?.pattern).toBe('al.ha');
    const audit = await t.api<{ items: { action: string; target: string }[] }>('GET', `/api/v1/audit?target=${first}`);
    const actions = audit.json.items.filter((a) => a.target === first).map((a) => a.action);
    expect(actions).toEqual(['content_rule.update', 'content_rule.create']);
  });
});
