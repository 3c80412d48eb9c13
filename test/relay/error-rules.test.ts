// Error rules through the official SDKs against the fake upstream's real error bodies: each field of a rule, the
// built-ins edited and restored, the chain naming the deciding rule. Two fake upstreams: A (priority 0), B (1).
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DecisionStep } from '../../main/core/model/decision';
import { type FakeUpstream, startFakeUpstream } from '../fake-upstream';
import { startTestHub, TEST_ADMIN_TOKEN, type TestHub } from '../helpers/test-hub';

let a: FakeUpstream;
let b: FakeUpstream;
let t: TestHub;
let key: string;
const ids: Record<string, { a: string; b: string }> = {};
const NO_BREAKER = { failureThreshold: 0, openMs: 1000, halfOpenSuccesses: 1 };

beforeAll(async () => {
  a = await startFakeUpstream();
  b = await startFakeUpstream();
  t = await startTestHub();
  for (const type of ['anthropic', 'openai-chat'] as const) {
    const common = { type, attempts: 2, breaker: NO_BREAKER };
    const pa = await t.addProvider(a.url, { ...common, name: `A-${type}`, priority: 0 });
    const pb = await t.addProvider(b.url, { ...common, name: `B-${type}`, priority: 1 });
    ids[type] = { a: pa.id, b: pb.id };
  }
  ({ key } = await t.addUserWithKey());
});
afterAll(async () => {
  await t.stop();
  await a.close();
  await b.close();
});
afterEach(async () => {
  a.reset();
  b.reset();
  for (const r of (await rules()).filter((r) => !r.builtIn)) await t.api('DELETE', `/api/v1/error-rules/${r.id}`);
  await t.api('POST', '/api/v1/error-rules/restore-defaults');
});

type Rule = { id: string; builtIn: boolean; action: string; priority: number; enabled: boolean };
const rules = async () => (await t.api<{ items: Rule[] }>('GET', '/api/v1/error-rules')).json.items;
async function addRule(body: Record<string, unknown>): Promise<Rule> {
  const r = await t.api<Rule>('POST', '/api/v1/error-rules', body);
  expect(r.status).toBe(201);
  return r.json;
}

const anthropic = () => new Anthropic({ apiKey: key, baseURL: t.url, maxRetries: 0 });
const openai = () => new OpenAI({ apiKey: key, baseURL: `${t.url}/v1`, maxRetries: 0 });
let asked = 0;
const ask = () => ({
  model: 'claude-sonnet-4-6',
  max_tokens: 10,
  messages: [{ role: 'user' as const, content: `question ${++asked}` }],
});

function rowOf(id: string | null | undefined) {
  t.fold();
  const [r] = t.rows('SELECT * FROM requests WHERE id = ?', id);
  if (!r) throw new Error(`no row ${id}`);
  return { ...r, chain: JSON.parse(r.decision_chain as string) as DecisionStep[] };
}
const attempts = (chain: DecisionStep[]) =>
  chain.filter((s) => s.kind === 'attempt').map((s) => `${s.providerName}:${s.status}:${s.rule ?? '-'}`);

/** The SDK's error, with the hub's request id from its headers. */
async function failing(p: Promise<unknown>): Promise<{ status: number; message: string; requestId: string | null }> {
  const err = (await p.then(
    () => {
      throw new Error('expected an error');
    },
    (e: unknown) => e,
  )) as { status: number; message: string; headers: Headers };
  return { status: err.status, message: err.message, requestId: err.headers.get('x-cchub-request-id') };
}

describe('the built-in rules', () => {
  it('are listed in evaluation order, the catch-all for client errors last', async () => {
    const items = await rules();
    expect(items.every((r) => r.builtIn)).toBe(true);
    expect(items.map((r) => r.id)).toEqual([
      'builtin.rate-limited',
      'builtin.unauthorized',
      'builtin.forbidden',
      'builtin.not-found',
      'builtin.request-timeout',
      'builtin.server-error',
      'builtin.client-error',
    ]);
  });

  it('name themselves in the chain: a 5xx fails over, a 400 is returned', async () => {
    a.enqueue(
      { kind: 'realError', error: 'anthropic.overloaded' },
      { kind: 'realError', error: 'anthropic.overloaded' },
    );
    const { response } = await anthropic().messages.create(ask()).withResponse();
    const row = rowOf(response.headers.get('x-cchub-request-id'));
    expect(attempts(row.chain)).toEqual([
      'A-anthropic:529:builtin.server-error',
      'A-anthropic:529:builtin.server-error',
      'B-anthropic:200:-',
    ]);

    a.enqueue({ kind: 'realError', error: 'anthropic.prompt-too-long' });
    const err = await failing(anthropic().messages.create(ask()));
    expect(err).toMatchObject({ status: 400, message: expect.stringContaining('prompt is too long') });
    expect(attempts(rowOf(err.requestId).chain)).toEqual(['A-anthropic:400:builtin.client-error']);
    expect(b.calls).toHaveLength(1);
    const metrics = await (
      await fetch(`${t.url}/metrics`, { headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` } })
    ).text();
    expect(metrics).toContain('cchub_error_rule_decisions_total{rule="builtin.server-error",action="failover"} 2');
    expect(metrics).toContain('cchub_error_rule_decisions_total{rule="builtin.client-error",action="return"} 1');
  });

  it('can be edited, and restored: the client-error rule set to fail over, then back', async () => {
    const patched = await t.api('PATCH', '/api/v1/error-rules/builtin.client-error', { action: 'failover' });
    expect(patched.status).toBe(200);
    expect(patched.json).toMatchObject({ id: 'builtin.client-error', builtIn: true, action: 'failover' });
    a.enqueue(
      { kind: 'realError', error: 'anthropic.prompt-too-long' },
      { kind: 'realError', error: 'anthropic.prompt-too-long' },
    );
    await expect(anthropic().messages.create(ask())).resolves.toMatchObject({ type: 'message' });
    expect(b.calls).toHaveLength(1);

    const restored = await t.api<{ items: Rule[] }>('POST', '/api/v1/error-rules/restore-defaults');
    expect(restored.json.items.find((r) => r.id === 'builtin.client-error')).toMatchObject({ action: 'return' });
    a.enqueue({ kind: 'realError', error: 'anthropic.prompt-too-long' });
    expect((await failing(anthropic().messages.create(ask()))).status).toBe(400);
    const audit = await t.api<{ items: { action: string; target: string | null }[] }>(
      'GET',
      '/api/v1/audit?action=errorRule.',
    );
    expect(audit.json.items.map((e) => e.action)).toEqual(
      expect.arrayContaining(['errorRule.update', 'errorRule.restoreDefaults']),
    );
  });

  it('a disabled built-in leaves no rule: the error fails over', async () => {
    await t.api('PATCH', '/api/v1/error-rules/builtin.client-error', { enabled: false });
    a.enqueue(
      { kind: 'realError', error: 'anthropic.prompt-too-long' },
      { kind: 'realError', error: 'anthropic.prompt-too-long' },
    );
    const { response } = await anthropic().messages.create(ask()).withResponse();
    expect(attempts(rowOf(response.headers.get('x-cchub-request-id')).chain)).toEqual([
      'A-anthropic:400:-',
      'A-anthropic:400:-',
      'B-anthropic:200:-',
    ]);
  });

  it('cannot be deleted', async () => {
    const r = await t.api('DELETE', '/api/v1/error-rules/builtin.server-error');
    expect(r.status).toBe(409);
  });
});

describe("the operator's rules", () => {
  it('contains: a 400 for credit balance fails over to the next provider at once', async () => {
    const rule = await addRule({
      pattern: 'credit balance is too low',
      match: 'contains',
      status: 400,
      action: 'failover',
      nextProvider: true,
    });
    a.enqueue({ kind: 'realError', error: 'anthropic.credit-balance' });
    const { response } = await anthropic().messages.create(ask()).withResponse();
    expect(attempts(rowOf(response.headers.get('x-cchub-request-id')).chain)).toEqual([
      `A-anthropic:400:${rule.id}`,
      'B-anthropic:200:-',
    ]);
  });

  it('regex with return, the status and message the client sees: a 529 answered at once', async () => {
    const rule = await addRule({
      pattern: '"type":\\s*"overloaded_error"',
      status: 529,
      action: 'return',
      clientStatus: 503,
      clientMessage: 'All capacity is busy; try again in a minute.',
    });
    a.enqueue({ kind: 'realError', error: 'anthropic.overloaded' });
    const err = await failing(anthropic().messages.create(ask()));
    expect(err.status).toBe(503);
    expect(err.message).toContain('All capacity is busy; try again in a minute.');
    expect(b.calls).toHaveLength(0);
    const row = rowOf(err.requestId);
    expect(row).toMatchObject({ status: 503, provider_id: ids.anthropic?.a });
    expect(attempts(row.chain)).toEqual([`A-anthropic:503:${rule.id}`]);
  });

  it('failover with what the client sees when every provider fails the same way', async () => {
    const rule = await addRule({
      pattern: 'overloaded_error',
      match: 'contains',
      status: 529,
      action: 'failover',
      clientStatus: 503,
      clientMessage: 'Every Claude provider is overloaded; try again in a minute.',
    });
    const overloaded = { kind: 'realError', error: 'anthropic.overloaded' } as const;
    a.enqueue(overloaded, overloaded);
    b.enqueue(overloaded, overloaded);
    const err = await failing(anthropic().messages.create(ask()));
    expect(err.status).toBe(503);
    expect(err.message).toContain('Every Claude provider is overloaded; try again in a minute.');
    const row = rowOf(err.requestId);
    expect(row).toMatchObject({ status: 503, error_class: 'upstream_5xx' });
    expect(attempts(row.chain)).toEqual([
      `A-anthropic:529:${rule.id}`,
      `A-anthropic:529:${rule.id}`,
      `B-anthropic:529:${rule.id}`,
      `B-anthropic:529:${rule.id}`,
    ]);
  });

  it('countsForBreaker: an error counts toward the breaker only when its rule says so', async () => {
    const provider = `/api/v1/providers/${ids['openai-chat']?.a}`;
    await t.api('PATCH', provider, { breaker: { failureThreshold: 5 } });
    const breaker = async () => (await t.api<{ failures: number }>('GET', `${provider}/breaker`)).json.failures;
    const chat = () =>
      openai().chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: `q ${++asked}` }] });
    a.enqueue({ kind: 'realError', error: 'openai.context-length-exceeded' });
    await failing(chat());
    expect(await breaker()).toBe(0);
    await addRule({ pattern: 'context_length_exceeded', match: 'contains', action: 'return', countsForBreaker: true });
    a.enqueue({ kind: 'realError', error: 'openai.context-length-exceeded' });
    const err = await failing(chat());
    expect(err.status).toBe(400);
    expect(await breaker()).toBe(1);
    // The built-in 429 rule fails over without counting; edited to count, it does.
    a.enqueue({ kind: 'realError', error: 'openai.insufficient-quota' });
    await chat();
    expect(await breaker()).toBe(1);
    await t.api('PATCH', '/api/v1/error-rules/builtin.rate-limited', { countsForBreaker: true });
    a.enqueue({ kind: 'realError', error: 'openai.insufficient-quota' });
    await chat();
    expect(await breaker()).toBe(2);
    await t.api('POST', `${provider}/breaker/reset`);
    await t.api('PATCH', provider, { breaker: NO_BREAKER });
  });

  it('providerId and format narrow a rule; lower priority wins; at equal priority the operator goes first', async () => {
    // insufficient_quota is a 429: the built-in moves on at once; a rule can return it instead.
    await addRule({ pattern: 'insufficient_quota', status: 429, providerId: ids['openai-chat']?.b, action: 'return' });
    await addRule({ pattern: 'insufficient_quota', status: 429, format: 'anthropic', action: 'return' });
    const chat = () =>
      openai()
        .chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] })
        .withResponse();
    a.enqueue({ kind: 'realError', error: 'openai.insufficient-quota' });
    const { response } = await chat();
    expect(attempts(rowOf(response.headers.get('x-cchub-request-id')).chain)).toEqual([
      'A-openai-chat:429:builtin.rate-limited',
      'B-openai-chat:200:-',
    ]);

    // That session is bound to B now: the Anthropic pair (where the format rule above matches at priority 100).
    const late = await addRule({ pattern: 'quota', status: 429, action: 'failover', priority: 50 });
    const early = await addRule({ pattern: 'insufficient', status: 429, action: 'return', priority: 10 });
    a.enqueue({ kind: 'realError', error: 'openai.insufficient-quota' });
    const err = await failing(anthropic().messages.create(ask()));
    expect(err.status).toBe(429);
    expect(attempts(rowOf(err.requestId).chain)).toEqual([`A-anthropic:429:${early.id}`]);
    const order = (await rules()).map((r) => r.id);
    expect(order.indexOf(early.id)).toBeLessThan(order.indexOf(late.id));
    expect(order.indexOf(late.id)).toBeLessThan(order.indexOf('builtin.rate-limited'));
  });

  it('an update changes only the fields given and keeps the creation time; delete removes it', async () => {
    const rule = await addRule({ pattern: 'first', action: 'failover' });
    const created = (await t.api<{ createdAt: string }>('GET', `/api/v1/error-rules/${rule.id}`)).json.createdAt;
    await t.api('PATCH', `/api/v1/error-rules/${rule.id}`, { pattern: 'second' });
    const patched = await t.api('PATCH', `/api/v1/error-rules/${rule.id}`, { priority: 7, note: 'edited twice' });
    expect(patched.json).toMatchObject({ pattern: 'second', priority: 7, note: 'edited twice', action: 'failover' });
    expect((await t.api('GET', `/api/v1/error-rules/${rule.id}`)).json).toMatchObject({
      pattern: 'second',
      createdAt: created,
    });
    expect((await t.api('DELETE', `/api/v1/error-rules/${rule.id}`)).status).toBe(204);
    expect((await t.api('GET', `/api/v1/error-rules/${rule.id}`)).status).toBe(404);
  });

  it('a regex the linear-time engine cannot run is refused with 400 naming the field', async () => {
    const r = await t.api<{ error: { field: string; code: string } }>('POST', '/api/v1/error-rules', {
      pattern: '(a+)+\\1',
      action: 'return',
    });
    expect(r.status).toBe(400);
    expect(r.json.error).toMatchObject({ code: 'invalid_field', field: 'pattern' });
    const p = await t.api('PATCH', '/api/v1/error-rules/builtin.server-error', { pattern: '(?<=x)y' });
    expect(p.json).toMatchObject({ error: { field: 'pattern' } });
    const unknown = await t.api('POST', '/api/v1/error-rules', { pattern: '', action: 'return', shout: true });
    expect(unknown.status).toBe(400);
  });

  it('the tester names the rule a sample would hit, and the fix a 400 calls for', async () => {
    const rule = await addRule({ pattern: 'credit balance', match: 'contains', action: 'failover' });
    const hit = await t.api('POST', '/api/v1/error-rules/test', {
      status: 400,
      body: '{"type":"error","error":{"type":"invalid_request_error","message":"Your credit balance is too low"}}',
    });
    expect(hit.json).toMatchObject({ rule: { id: rule.id }, action: 'failover', countsForBreaker: true, fix: null });
    const signature = await t.api('POST', '/api/v1/error-rules/test', {
      status: 400,
      format: 'anthropic',
      body: '{"type":"error","error":{"type":"invalid_request_error","message":"messages.1.content.0: Invalid `signature` in `thinking` block"}}',
    });
    expect(signature.json).toMatchObject({
      rule: { id: 'builtin.client-error' },
      action: 'return',
      fix: 'thinking-signature',
    });
  });
});
