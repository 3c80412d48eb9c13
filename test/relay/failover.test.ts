// Failover by error class (SPEC §4) for all three client formats: before the first byte anything retries; after it, a
// clean error event in the client's format. Two fake upstreams: A (priority 0) and B (priority 1).
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../main/core/clock';
import type { DecisionStep } from '../../main/core/model/decision';
import { type Behaviour, type FakeUpstream, startFakeUpstream } from '../fake-upstream';
import { advanceWhile } from '../helpers/advance-clock';
import { startTestHub, type TestHub } from '../helpers/test-hub';

const clock = new ManualClock(Date.UTC(2026, 10, 26, 8));
let a: FakeUpstream;
let b: FakeUpstream;
let t: TestHub;
let key: string;
const ids: Record<string, { a: string; b: string }> = {};
/** The first-byte timeout and the budget run on the clock: the tests that hang move it (advanceWhile). */
const timeouts = { connectMs: 2000, firstByteMs: 300, idleMs: 2000, totalMs: 1000 };
/** These tests are about failover: the breaker (tested in test/governance) stays out of the way. */
const NO_BREAKER = { failureThreshold: 0, openMs: 1000, halfOpenSuccesses: 1 };

beforeAll(async () => {
  a = await startFakeUpstream();
  b = await startFakeUpstream();
  t = await startTestHub({ clock });
  for (const type of ['anthropic', 'openai-chat', 'openai-responses'] as const) {
    const pa = await t.addProvider(a.url, {
      type,
      name: `A-${type}`,
      priority: 0,
      attempts: 2,
      timeouts,
      breaker: NO_BREAKER,
    });
    const pb = await t.addProvider(b.url, {
      type,
      name: `B-${type}`,
      priority: 1,
      attempts: 2,
      timeouts,
      breaker: NO_BREAKER,
    });
    ids[type] = { a: pa.id, b: pb.id };
  }
  ({ key } = await t.addUserWithKey());
});
afterAll(async () => {
  await t.stop();
  await a.close();
  await b.close();
});
afterEach(() => {
  a.reset();
  b.reset();
});

const anthropic = () => new Anthropic({ apiKey: key, baseURL: t.url, maxRetries: 0 });
const openai = () => new OpenAI({ apiKey: key, baseURL: `${t.url}/v1`, maxRetries: 0 });
const MODEL = 'claude-sonnet-4-6';
let asked = 0;
/** A new opening for every request: without a session header each is its own (hash) session, so no stickiness. */
const uniqueText = () => `question ${++asked}`;

function rowOf(id: string | null) {
  t.fold();
  const [r] = t.rows('SELECT * FROM requests WHERE id = ?', id);
  if (!r) throw new Error(`no row ${id}`);
  return { ...r, chain: JSON.parse(r.decision_chain as string) as DecisionStep[] } as Record<string, unknown> & {
    chain: DecisionStep[];
  };
}

const attempts = (chain: DecisionStep[]) =>
  chain.filter((s) => s.kind === 'attempt').map((s) => `${s.providerName}:${s.errorClass ?? s.status}`);

async function anthropicJson() {
  const { data, response } = await anthropic()
    .messages.create({ model: MODEL, max_tokens: 10, messages: [{ role: 'user', content: uniqueText() }] })
    .withResponse();
  return { text: (data.content[0] as { text: string }).text, row: rowOf(response.headers.get('x-cchub-request-id')) };
}

async function anthropicStream() {
  const s = anthropic().messages.stream({
    model: MODEL,
    max_tokens: 10,
    messages: [{ role: 'user', content: uniqueText() }],
  });
  const final = await s.finalMessage();
  const id = (await s.withResponse()).response.headers.get('x-cchub-request-id');
  return { text: (final.content[0] as { text: string }).text, row: rowOf(id) };
}

describe('failover before the first byte (Anthropic)', () => {
  it.each<[string, Behaviour, string]>([
    ['5xx', { kind: 'status', status: 529 }, 'upstream_5xx'],
    ['connection reset', { kind: 'reset' }, 'connection_reset'],
    ['HTML page with 200', { kind: 'html200' }, 'html_body'],
    ['401 from the provider', { kind: 'status', status: 401 }, 'upstream_auth'],
  ])('JSON: %s on A twice → B answers; both attempts in the chain', async (_n, behaviour, errorClass) => {
    a.enqueue(behaviour, behaviour);
    b.enqueue({ kind: 'ok', text: 'from B' });
    const { text, row } = await anthropicJson();
    expect(text).toBe('from B');
    expect(attempts(row.chain)).toEqual([`A-anthropic:${errorClass}`, `A-anthropic:${errorClass}`, 'B-anthropic:200']);
    expect(row).toMatchObject({ status: 200, provider_id: ids.anthropic?.b });
  });

  it.each<[string, Behaviour, string]>([
    ['error event right after a 200 head', { kind: 'errorAfterHead' }, 'stream_error'],
    ['empty stream', { kind: 'emptyStream' }, 'empty_stream'],
  ])('stream: %s → fails over before the client sees a byte', async (_n, behaviour, errorClass) => {
    a.enqueue(behaviour, behaviour);
    b.enqueue({ kind: 'ok', text: 'clean from B' });
    const { text, row } = await anthropicStream();
    expect(text).toBe('clean from B');
    expect(attempts(row.chain)[0]).toBe(`A-anthropic:${errorClass}`);
    expect(row.provider_id).toBe(ids.anthropic?.b);
  });

  it('a hang past the first-byte timeout fails over', async () => {
    a.enqueue({ kind: 'hang' }, { kind: 'hang' });
    b.enqueue({ kind: 'ok', text: 'patient B' });
    const answer = anthropicStream();
    await advanceWhile(clock, () => b.calls.length === 0, { stepMs: 50, maxMs: 2000 });
    const { text, row } = await answer;
    expect(text).toBe('patient B');
    expect(attempts(row.chain)).toEqual([
      'A-anthropic:first_byte_timeout',
      'A-anthropic:first_byte_timeout',
      'B-anthropic:200',
    ]);
  });

  it('a non-stream request past the total timeout fails over: one attempt spends the budget', async () => {
    a.enqueue({ kind: 'slowFirstByte', ms: 2000 }, { kind: 'slowFirstByte', ms: 2000 });
    b.enqueue({ kind: 'ok', text: 'in time' });
    const answer = anthropicJson();
    await advanceWhile(clock, () => b.calls.length === 0, { stepMs: 50, maxMs: 2000 });
    const { text, row } = await answer;
    expect(text).toBe('in time');
    expect(attempts(row.chain)).toEqual(['A-anthropic:total_timeout', 'B-anthropic:200']);
  });

  it('429 moves on at once and A is skipped until its retry-after has passed', async () => {
    a.enqueue({ kind: 'status', status: 429, headers: { 'retry-after': '30' } });
    const first = await anthropicJson();
    expect(attempts(first.row.chain)).toEqual(['A-anthropic:rate_limited', 'B-anthropic:200']);
    const second = await anthropicJson();
    expect(second.row.chain.find((s) => s.kind === 'filtered')?.reason).toMatch(/rate-limited/);
    expect(attempts(second.row.chain)).toEqual(['B-anthropic:200']);
    clock.advance(30_000);
    const third = await anthropicJson();
    expect(attempts(third.row.chain)).toEqual(['A-anthropic:200']);
  });

  it("a retry-after given as an HTTP date counts from the hub's clock", async () => {
    // The hub's clock is not the wall clock here: the date must be read against the former.
    a.enqueue({
      kind: 'status',
      status: 429,
      headers: { 'retry-after': new Date(clock.now() + 60_000).toUTCString() },
    });
    expect(attempts((await anthropicJson()).row.chain)).toEqual(['A-anthropic:rate_limited', 'B-anthropic:200']);
    clock.advance(30_000);
    expect(attempts((await anthropicJson()).row.chain)).toEqual(['B-anthropic:200']);
    clock.advance(31_000);
    expect(attempts((await anthropicJson()).row.chain)).toEqual(['A-anthropic:200']);
  });

  it('a client error no provider would answer differently is returned at once', async () => {
    a.enqueue({
      kind: 'status',
      status: 400,
      body: { type: 'error', error: { type: 'invalid_request_error', message: 'prompt is too long' } },
    });
    const err = await anthropic()
      .messages.create({ model: MODEL, max_tokens: 10, messages: [{ role: 'user', content: uniqueText() }] })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Anthropic.BadRequestError);
    expect((err as InstanceType<typeof Anthropic.BadRequestError>).message).toContain('prompt is too long');
    expect(b.calls).toHaveLength(0);
    expect(a.calls).toHaveLength(1);
  });

  it('every provider failing gives a clean 502 in the client format with every attempt in the chain', async () => {
    a.enqueue({ kind: 'status', status: 500 }, { kind: 'status', status: 500 });
    b.enqueue({ kind: 'status', status: 503 }, { kind: 'status', status: 503 });
    const res = await fetch(`${t.url}/v1/messages`, {
      method: 'POST',
      headers: { 'x-api-key': key, 'content-type': 'application/json' },
      body: JSON.stringify({ model: MODEL, max_tokens: 5, messages: [{ role: 'user', content: uniqueText() }] }),
    });
    expect(res.status).toBe(502);
    const body = (await res.json()) as { type: string; error: { type: string; message: string } };
    expect(body.type).toBe('error');
    expect(body.error.message).toMatch(/every provider failed/);
    const row = rowOf(res.headers.get('x-cchub-request-id'));
    expect(attempts(row.chain)).toEqual([
      'A-anthropic:upstream_5xx',
      'A-anthropic:upstream_5xx',
      'B-anthropic:upstream_5xx',
      'B-anthropic:upstream_5xx',
    ]);
    expect(row.chain.at(-1)).toMatchObject({ kind: 'result', status: 502 });
    expect(row).toMatchObject({ status: 502, error_class: 'upstream_5xx' });
  });
});

describe('after the first byte nothing is retried', () => {
  it('Anthropic: an error mid-stream ends the stream with an error event; the row is a failure', async () => {
    a.enqueue({ kind: 'errorMidStream', afterDeltas: 2 });
    const s = anthropic().messages.stream({
      model: MODEL,
      max_tokens: 10,
      messages: [{ role: 'user', content: uniqueText() }],
    });
    const seen: string[] = [];
    s.on('text', (d) => seen.push(d));
    const err = await s.finalMessage().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(seen.length).toBeGreaterThan(0);
    expect(b.calls).toHaveLength(0);
    const id = (await s.withResponse()).response.headers.get('x-cchub-request-id');
    const row = rowOf(id);
    expect(row).toMatchObject({ status: 200, error_class: 'stream_error', provider_id: ids.anthropic?.a });
  });

  it('Anthropic: a stream cut off mid-way gets a clean error event, never a silent success', async () => {
    a.enqueue({ kind: 'truncated', afterDeltas: 2, abrupt: true });
    const res = await fetch(`${t.url}/v1/messages`, {
      method: 'POST',
      headers: { 'x-api-key': key, 'content-type': 'application/json' },
      body: JSON.stringify({
        model: MODEL,
        max_tokens: 5,
        stream: true,
        messages: [{ role: 'user', content: uniqueText() }],
      }),
    });
    const text = await res.text();
    expect(text).toContain('content_block_delta');
    expect(text).toMatch(/event: error\ndata: \{"type":"error"/);
    expect(text).not.toContain('message_stop');
    expect(rowOf(res.headers.get('x-cchub-request-id')).error_class).not.toBeNull();
  });

  it('OpenAI chat: an error mid-stream surfaces as an error to the SDK', async () => {
    a.enqueue({ kind: 'errorMidStream', afterDeltas: 1 });
    const stream = await openai().chat.completions.create({
      model: 'gpt-4o-mini',
      stream: true,
      messages: [{ role: 'user', content: uniqueText() }],
    });
    const err = await (async () => {
      for await (const _ of stream) {
        // drain
      }
    })().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(b.calls).toHaveLength(0);
  });
});

describe('failover in the OpenAI formats', () => {
  it('chat: error event after a 200 head → B', async () => {
    a.enqueue({ kind: 'errorAfterHead' }, { kind: 'errorAfterHead' });
    b.enqueue({ kind: 'ok', text: 'chat from B' });
    const stream = await openai().chat.completions.create({
      model: 'gpt-4o-mini',
      stream: true,
      messages: [{ role: 'user', content: uniqueText() }],
    });
    let text = '';
    for await (const c of stream) text += c.choices[0]?.delta.content ?? '';
    expect(text).toBe('chat from B');
  });

  it('responses: response.failed right after the head → B, and the SDK gets response.completed', async () => {
    a.enqueue({ kind: 'errorAfterHead' }, { kind: 'errorAfterHead' });
    b.enqueue({ kind: 'ok', text: 'resp from B' });
    const final = await openai().responses.stream({ model: 'gpt-5', input: uniqueText() }).finalResponse();
    expect(final.status).toBe('completed');
    expect(b.calls).toHaveLength(1);
  });

  it('responses JSON: 5xx → B', async () => {
    a.enqueue({ kind: 'status', status: 502 }, { kind: 'status', status: 502 });
    b.enqueue({ kind: 'ok', text: 'json from B' });
    const r = await openai().responses.create({ model: 'gpt-5', input: uniqueText() });
    expect(r.output_text).toBe('json from B');
  });

  it('responses: a failure after content ends the stream with an error the SDK raises', async () => {
    a.enqueue({ kind: 'errorMidStream', afterDeltas: 2 });
    const err = await openai()
      .responses.stream({ model: 'gpt-5', input: uniqueText() })
      .finalResponse()
      .then(
        () => 'resolved',
        (e: unknown) => e,
      );
    expect(err).not.toBe('resolved');
    expect(JSON.stringify(err)).toMatch(/error/);
    expect(b.calls).toHaveLength(0);
  });
});
