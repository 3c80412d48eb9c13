// The fixes that keep Claude Code and Codex sessions alive, through the official SDKs against the fake upstream's
// real checks: a thinking signature from another provider after a failover, a thinking budget not below max_tokens,
// a string Responses input to the Codex backend; and Claude Code's Warmup answered by the hub.
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DecisionStep } from '../../main/core/model/decision';
import { type FakeUpstream, startFakeUpstream } from '../fake-upstream';
import { startTestHub, TEST_ADMIN_TOKEN, type TestHub } from '../helpers/test-hub';

let a: FakeUpstream;
let b: FakeUpstream;
let codex: FakeUpstream;
let t: TestHub;
let key: string;
const ids: Record<string, string> = {};
const NO_BREAKER = { failureThreshold: 0, openMs: 1000, halfOpenSuccesses: 1 };

beforeAll(async () => {
  a = await startFakeUpstream();
  b = await startFakeUpstream();
  codex = await startFakeUpstream({ codexBackend: true });
  t = await startTestHub();
  const common = { type: 'anthropic', attempts: 1, breaker: NO_BREAKER };
  ids.a = (await t.addProvider(a.url, { ...common, name: 'A', priority: 0 })).id;
  ids.b = (await t.addProvider(b.url, { ...common, name: 'B', priority: 1 })).id;
  ids.codex = (await t.addProvider(codex.url, { type: 'openai-responses', name: 'Codex', breaker: NO_BREAKER })).id;
  ({ key } = await t.addUserWithKey());
});
afterAll(async () => {
  await t.stop();
  await Promise.all([a.close(), b.close(), codex.close()]);
});
afterEach(async () => {
  a.reset();
  b.reset();
  codex.reset();
  await t.api('PATCH', '/api/v1/settings', {
    fixThinkingSignature: true,
    fixThinkingBudget: true,
    fixResponsesInput: true,
    answerWarmup: false,
  });
});

const anthropic = () => new Anthropic({ apiKey: key, baseURL: t.url, maxRetries: 0 });
const MODEL = 'claude-sonnet-4-6';
const THINKING = { type: 'enabled', budget_tokens: 2048 } as const;

function rowOf(id: string | null | undefined) {
  t.fold();
  const [r] = t.rows('SELECT * FROM requests WHERE id = ?', id);
  if (!r) throw new Error(`no row ${id}`);
  return { ...r, chain: JSON.parse(r.decision_chain as string) as DecisionStep[] };
}
const attempts = (chain: DecisionStep[]) =>
  chain
    .filter((s) => s.kind === 'attempt')
    .map((s) => `${s.providerName}:${s.status}${s.fix ? `:fix=${s.fix}` : ''}${s.rule ? `:${s.rule}` : ''}`);
const sent = (f: FakeUpstream, i: number) => f.calls[i]?.json as Record<string, unknown>;

let conversations = 0;

/** Turn 1 answered by A with a thinking block A signed; turn 2 sends it back (a new session each time: no stickiness). */
async function conversationSignedByA(): Promise<Anthropic.MessageCreateParamsNonStreaming> {
  const opener = `list the files of project ${++conversations}`;
  const first = await anthropic().messages.create({
    model: MODEL,
    max_tokens: 4096,
    thinking: THINKING,
    messages: [{ role: 'user', content: opener }],
  });
  expect(first.content[0]).toMatchObject({ type: 'thinking' });
  a.reset();
  return {
    model: MODEL,
    max_tokens: 4096,
    thinking: THINKING,
    messages: [
      { role: 'user', content: opener },
      { role: 'assistant', content: first.content },
      { role: 'user', content: 'and now the tests' },
    ],
  };
}

describe('thinking signature after a failover', () => {
  it('B refuses the block A signed: retried once on B without it, and the chain says so', async () => {
    const turn2 = await conversationSignedByA();
    a.enqueue({ kind: 'status', status: 529 });
    const { data, response } = await anthropic().messages.create(turn2).withResponse();
    expect(data.type).toBe('message');
    const row = rowOf(response.headers.get('x-cchub-request-id'));
    expect(row).toMatchObject({ status: 200, provider_id: ids.b });
    expect(attempts(row.chain)).toEqual(['A:529:builtin.server-error', 'B:400:fix=thinking-signature', 'B:200']);
    expect(b.calls).toHaveLength(2);
    const retried = sent(b, 1).messages as { role: string; content: unknown }[];
    expect(retried[1]).toEqual({ role: 'assistant', content: [{ type: 'text', text: expect.any(String) }] });
    // Everything else reached B as the client sent it.
    expect(sent(b, 1)).toMatchObject({ model: MODEL, max_tokens: 4096, thinking: THINKING });
    expect(b.calls[1]?.body.toString()).toContain('"thinking":{"type":"enabled","budget_tokens":2048}');
  });

  it('a streaming request the same way: the refusal comes before any byte', async () => {
    const turn2 = await conversationSignedByA();
    a.enqueue({ kind: 'status', status: 529 });
    const final = await anthropic().messages.stream(turn2).finalMessage();
    expect(final.content).toEqual([{ type: 'text', text: expect.any(String) }]);
    expect(b.calls).toHaveLength(2);
    expect(sent(b, 1).stream).toBe(true);
    expect(JSON.stringify(sent(b, 1).messages)).not.toContain('"thinking"');
  });

  it('the last turn called a tool: its thinking gone, thinking is switched off for the retry', async () => {
    const turn2 = await conversationSignedByA();
    const [thinking] = (turn2.messages[1] as { content: Anthropic.ContentBlock[] }).content;
    turn2.messages = [
      turn2.messages[0] as Anthropic.MessageParam,
      {
        role: 'assistant',
        content: [thinking as Anthropic.ThinkingBlock, { type: 'tool_use', id: 'toolu_01', name: 'ls', input: {} }],
      },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_01', content: 'a.ts' }] },
    ];
    a.enqueue({ kind: 'status', status: 529 });
    await anthropic().messages.create(turn2);
    expect(sent(b, 1).thinking).toBeUndefined();
    expect((sent(b, 1).messages as { content: { type: string }[] }[])[1]?.content).toEqual([
      { type: 'tool_use', id: 'toolu_01', name: 'ls', input: {} },
    ]);
  });

  it('the fix is used once: the same refusal again is returned to the client', async () => {
    const turn2 = await conversationSignedByA();
    a.enqueue(
      { kind: 'realError', error: 'anthropic.invalid-thinking-signature' },
      { kind: 'realError', error: 'anthropic.invalid-thinking-signature' },
    );
    const err = (await anthropic()
      .messages.create(turn2)
      .catch((e: unknown) => e)) as InstanceType<typeof Anthropic.BadRequestError>;
    expect(err.status).toBe(400);
    const row = rowOf(err.headers?.get('x-cchub-request-id'));
    expect(attempts(row.chain)).toEqual(['A:400:fix=thinking-signature', 'A:400:builtin.client-error']);
  });

  it('with the fix off, the refusal goes to the client as it came', async () => {
    await t.api('PATCH', '/api/v1/settings', { fixThinkingSignature: false });
    const turn2 = await conversationSignedByA();
    a.enqueue({ kind: 'status', status: 529 });
    const err = (await anthropic()
      .messages.create(turn2)
      .catch((e: unknown) => e)) as InstanceType<typeof Anthropic.BadRequestError>;
    expect(err).toBeInstanceOf(Anthropic.BadRequestError);
    expect(err.message).toContain('Invalid `signature` in `thinking` block');
    expect(b.calls).toHaveLength(1);
  });
});

describe('thinking budget not below max_tokens', () => {
  it('retried with the budget one under max_tokens; max_tokens kept', async () => {
    const { response } = await anthropic()
      .messages.create({
        model: MODEL,
        max_tokens: 3000,
        thinking: { type: 'enabled', budget_tokens: 8000 },
        messages: [{ role: 'user', content: 'hi' }],
      })
      .withResponse();
    expect(sent(a, 1)).toMatchObject({ max_tokens: 3000, thinking: { type: 'enabled', budget_tokens: 2999 } });
    const row = rowOf(response.headers.get('x-cchub-request-id'));
    expect(attempts(row.chain)).toEqual(['A:400:fix=thinking-budget', 'A:200']);
    const metrics = await (
      await fetch(`${t.url}/metrics`, { headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` } })
    ).text();
    expect(metrics).toContain('cchub_request_fixes_total{fix="thinking-budget"} 1');
  });

  it('under the smallest budget Anthropic takes, thinking is switched off', async () => {
    await anthropic().messages.create({
      model: MODEL,
      max_tokens: 800,
      thinking: { type: 'enabled', budget_tokens: 1024 },
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(sent(a, 1).thinking).toBeUndefined();
    expect(sent(a, 1).max_tokens).toBe(800);
  });
});

describe('Responses input given as a string', () => {
  const openai = () => new OpenAI({ apiKey: key, baseURL: `${t.url}/v1`, maxRetries: 0 });

  it('the Codex backend refuses it: retried once as one user message', async () => {
    const { data, response } = await openai().responses.create({ model: 'gpt-5', input: 'hello there' }).withResponse();
    expect(data.status).toBe('completed');
    expect(sent(codex, 1).input).toEqual([{ type: 'message', role: 'user', content: 'hello there' }]);
    const row = rowOf(response.headers.get('x-cchub-request-id'));
    expect(attempts(row.chain)).toEqual(['Codex:400:fix=responses-input', 'Codex:200']);
    expect(row.chain.find((s) => s.fix)?.reason).toBe('Input must be a list');
  });

  it('with the fix off, the client gets the upstream refusal', async () => {
    await t.api('PATCH', '/api/v1/settings', { fixResponsesInput: false });
    const err = await openai()
      .responses.create({ model: 'gpt-5', input: 'hello there' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.BadRequestError);
    expect(codex.calls).toHaveLength(1);
  });
});

describe("Claude Code's Warmup", () => {
  const warmup = {
    model: MODEL,
    max_tokens: 1,
    messages: [
      {
        role: 'user' as const,
        content: [{ type: 'text' as const, text: 'Warmup', cache_control: { type: 'ephemeral' as const } }],
      },
    ],
  };

  it('goes upstream while the setting is off (the default)', async () => {
    await anthropic().messages.create(warmup);
    expect(a.calls).toHaveLength(1);
  });

  it('answered by the hub when on: stream and JSON, no upstream call, a row blocked by warmup, never billed', async () => {
    await t.api('PATCH', '/api/v1/settings', { answerWarmup: true });
    const { data, response } = await anthropic().messages.create(warmup).withResponse();
    expect(data.content).toEqual([{ type: 'text', text: "I'm ready to help you." }]);
    expect(data.usage).toMatchObject({ input_tokens: 0, output_tokens: 0 });
    const stream = anthropic().messages.stream(warmup);
    const final = await stream.finalMessage();
    expect(final.content).toEqual([{ type: 'text', text: "I'm ready to help you." }]);
    expect(a.calls).toHaveLength(0);
    const row = rowOf(response.headers.get('x-cchub-request-id'));
    expect(row).toMatchObject({ status: 200, blocked_by: 'warmup', provider_id: null, billed: 0, cost_usd: null });
    // A user typing "Warmup" (no cache mark) still goes upstream.
    await anthropic().messages.create({ ...warmup, messages: [{ role: 'user', content: 'Warmup' }] });
    expect(a.calls).toHaveLength(1);
    const metrics = await (
      await fetch(`${t.url}/metrics`, { headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` } })
    ).text();
    expect(metrics).toContain('cchub_requests_blocked_total{kind="warmup"} 2');
    // Warmups stay out of the statistics: the hourly rollups count only the requests that went upstream.
    t.fold();
    const [rolled] = t.rows('SELECT coalesce(sum(requests), 0) AS n FROM usage_hourly');
    const [upstream] = t.rows("SELECT count(*) AS n FROM requests WHERE coalesce(blocked_by, '') <> 'warmup'");
    expect(rolled?.n).toBe(upstream?.n);
    expect(t.rows("SELECT count(*) AS n FROM requests WHERE blocked_by = 'warmup'")[0]?.n).toBe(2);
  });
});
