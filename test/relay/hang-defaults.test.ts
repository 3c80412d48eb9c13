// A provider that accepts and never answers, with every timeout left at its default: the hub leaves it for the next
// provider within the README's bounds (2 minutes for a stream, all attempts included; 5 minutes for JSON). The hang
// is a real socket; the hub's timers run on the clock, which the test moves minutes ahead in a fraction of a second.
import Anthropic from '@anthropic-ai/sdk';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../main/core/clock';
import type { DecisionStep } from '../../main/core/model/decision';
import { type FakeUpstream, startFakeUpstream } from '../fake-upstream';
import { advanceWhile } from '../helpers/advance-clock';
import { startTestHub, type TestHub } from '../helpers/test-hub';

const clock = new ManualClock(Date.UTC(2026, 2, 2, 9));
let a: FakeUpstream;
let b: FakeUpstream;
let t: TestHub;
let key: string;
let asked = 0;

beforeAll(async () => {
  a = await startFakeUpstream();
  b = await startFakeUpstream();
  t = await startTestHub({ clock });
  // No attempts, breaker or timeouts given: the providers get the defaults.
  await t.addProvider(a.url, { name: 'A', priority: 0 });
  await t.addProvider(b.url, { name: 'B', priority: 1 });
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
const request = () => ({
  model: 'claude-sonnet-4-6',
  max_tokens: 10,
  messages: [{ role: 'user' as const, content: `question ${++asked}` }],
});

function rowOf(id: string | null) {
  t.fold();
  const [r] = t.rows('SELECT decision_chain FROM requests WHERE id = ?', id);
  if (!r) throw new Error(`no row ${id}`);
  const steps = (JSON.parse(r.decision_chain as string) as DecisionStep[]).filter((s) => s.kind === 'attempt');
  return {
    attempts: steps.map((s) => `${s.providerName}:${s.errorClass ?? s.status}`),
    /** Clock time the hub spent on A before it turned to B. */
    msOnA: steps.filter((s) => s.providerName === 'A').reduce((sum, s) => sum + (s.latencyMs ?? 0), 0),
  };
}

/** Moves the clock a second at a time until B is asked (A is then left), at most `maxMs`. */
const advanceUntilBAsked = (maxMs: number) => advanceWhile(clock, () => b.calls.length === 0, { stepMs: 1000, maxMs });

describe('a hanging provider with the default timeouts', () => {
  it('a stream is answered by the next provider within 2 minutes, all attempts included', async () => {
    a.setDefault({ kind: 'hang' });
    b.enqueue({ kind: 'ok', text: 'from B' });
    const stream = anthropic().messages.stream(request());
    const answered = stream.finalMessage();
    await advanceUntilBAsked(180_000);
    const final = await answered;
    expect((final.content[0] as { text: string }).text).toBe('from B');
    expect(a.calls).toHaveLength(2); // both attempts really reached A and hung there
    const row = rowOf((await stream.withResponse()).response.headers.get('x-cchub-request-id'));
    expect(row.attempts).toEqual(['A:first_byte_timeout', 'A:first_byte_timeout', 'B:200']);
    expect(row.msOnA).toBeGreaterThan(0);
    expect(row.msOnA).toBeLessThanOrEqual(120_000);
  });

  it('a stream that has begun is never cut by them, however long it runs', async () => {
    b.setDefault({ kind: 'hang' }); // a failover would hang: the answer must come from A
    a.enqueue({ kind: 'ok', text: 'one two three four five six', deltaDelayMs: 50 });
    const stream = anthropic().messages.stream(request());
    let moved = false;
    stream.on('text', () => {
      if (moved) return;
      moved = true;
      clock.advance(20 * 60_000); // mid-stream, far past the first-byte timeout and the budget
    });
    const final = await stream.finalMessage();
    expect(moved).toBe(true);
    expect((final.content[0] as { text: string }).text).toBe('one two three four five six');
    const row = rowOf((await stream.withResponse()).response.headers.get('x-cchub-request-id'));
    expect(row.attempts).toEqual(['A:200']);
  });

  it('a JSON request is answered by the next provider within 5 minutes', async () => {
    a.setDefault({ kind: 'hang' });
    b.enqueue({ kind: 'ok', text: 'from B' });
    const answered = anthropic().messages.create(request()).withResponse();
    await advanceUntilBAsked(600_000);
    const { data, response } = await answered;
    expect((data.content[0] as { text: string }).text).toBe('from B');
    const row = rowOf(response.headers.get('x-cchub-request-id'));
    // JSON comes whole or not at all, so only the budget can tell a hang from a long answer: it ends A's turn.
    expect(row.attempts).toEqual(['A:total_timeout', 'B:200']);
    expect(row.msOnA).toBeGreaterThan(0);
    expect(row.msOnA).toBeLessThanOrEqual(300_000);
  });
});
