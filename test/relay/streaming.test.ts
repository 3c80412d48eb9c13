// Streaming behaviour of the relay: no buffering, client aborts reach the upstream, durability before the last byte.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Anthropic from '@anthropic-ai/sdk';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { JOURNAL_FILE } from '../../main/core/store/journal-file';
import type { FakeUpstream } from '../fake-upstream';
import { startRelayFixture } from '../helpers/relay-fixture';
import { startTestHub, TEST_ADMIN_TOKEN, type TestHub } from '../helpers/test-hub';

const MODEL = 'claude-sonnet-4-6';
let fake: FakeUpstream;
let t: TestHub;
let key: string;
let stop: () => Promise<void>;

beforeAll(async () => {
  ({ fake, t, key, stop } = await startRelayFixture());
});
afterAll(() => stop());
afterEach(() => fake.reset());

function streamRequest(signal?: AbortSignal) {
  return fetch(`${t.url}/v1/messages`, {
    method: 'POST',
    signal,
    headers: { 'x-api-key': key, 'content-type': 'application/json', 'anthropic-version': '2023-06-01' },
    body: JSON.stringify({ model: MODEL, max_tokens: 50, stream: true, messages: [{ role: 'user', content: 'hi' }] }),
  });
}

/** Reads SSE text from a response until `predicate` holds for what has arrived so far. */
async function readUntil(
  res: Response,
  predicate: (text: string) => boolean,
): Promise<{ text: string; reader: ReadableStreamDefaultReader<Uint8Array> }> {
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let text = '';
  while (!predicate(text)) {
    const { value, done } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
  }
  return { text, reader };
}

describe('streaming', () => {
  it('passes the first delta on while the upstream is still streaming (no buffering)', async () => {
    fake.enqueue({ kind: 'ok', text: 'alpha beta gamma delta epsilon', deltaDelayMs: 150 });
    const res = await streamRequest();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const { text, reader } = await readUntil(res, (s) => s.includes('content_block_delta'));
    expect(text).toContain('event: message_start');
    expect(text).not.toContain('message_stop');
    expect(fake.inFlight()).toBe(1); // the upstream has not finished, yet the client already has content
    let rest = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      rest += new TextDecoder().decode(value);
    }
    expect(rest).toContain('event: message_stop');
  });

  it('a client that goes away cancels the upstream request, and the row says so', async () => {
    fake.enqueue({ kind: 'ok', text: Array.from({ length: 30 }, (_, i) => `w${i}`).join(' '), deltaDelayMs: 200 });
    const ac = new AbortController();
    const res = await streamRequest(ac.signal);
    const id = res.headers.get('x-cchub-request-id') as string;
    await readUntil(res, (s) => s.includes('content_block_delta'));
    const abortedBefore = fake.abortedByClient();
    ac.abort();
    await fake.whenIdle();
    expect(fake.abortedByClient()).toBe(abortedBefore + 1);
    await t.hub.relay.drained();
    t.fold();
    const [row] = t.rows('SELECT status, error_class FROM requests WHERE id = ?', id);
    expect(row).toEqual({ status: 499, error_class: 'client_closed' });
    // One request, one journal line: the metrics count what was journaled, so a second line would count it twice.
    const metrics = await (
      await fetch(`${t.url}/metrics`, { headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` } })
    ).text();
    expect(metrics).toMatch(/cchub_requests_total\{format="anthropic",endpoint="messages",status="499",[^}]*\} 1\n/);
  });

  it('the answer is durable in the journal before the client sees its last byte', async () => {
    const stream = new Anthropic({ apiKey: key, baseURL: t.url, maxRetries: 0 }).messages.stream({
      model: MODEL,
      max_tokens: 10,
      messages: [{ role: 'user', content: 'x' }],
    });
    await stream.finalMessage();
    const id = (await stream.withResponse()).response.headers.get('x-cchub-request-id') as string;
    // No fold, no flush: the row must already be written, in the journal file or folded.
    const journal = readFileSync(join(t.dataDir, JOURNAL_FILE), 'utf8');
    const inJournal = journal.split('\n').filter((line) => line.startsWith(`["${id}",`)).length;
    const inRequests = t.rows('SELECT count(*) AS n FROM requests WHERE id = ?', id)[0]?.n as number;
    expect(inJournal + inRequests).toBe(1);
  });

  it('ping events pass through untouched', async () => {
    const res = await streamRequest();
    const { text } = await readUntil(res, (s) => s.includes('message_stop'));
    expect(text).toContain('event: ping');
  });
});

describe('body limits', () => {
  let small: TestHub;
  let smallKey: string;
  beforeAll(async () => {
    small = await startTestHub({ env: { CCHUB_MAX_BODY_BYTES: '2048' } });
    await small.addProvider(fake.url);
    ({ key: smallKey } = await small.addUserWithKey());
  });
  afterAll(() => small.stop());

  it('an oversized body is a 413 in the client format and never reaches the upstream', async () => {
    const big = JSON.stringify({
      model: MODEL,
      max_tokens: 5,
      messages: [{ role: 'user', content: 'x'.repeat(5000) }],
    });
    const res = await fetch(`${small.url}/v1/messages`, {
      method: 'POST',
      headers: { 'x-api-key': smallKey },
      body: big,
    });
    expect(res.status).toBe(413);
    const body = (await res.json()) as { type: string; error: { type: string } };
    expect(body).toMatchObject({ type: 'error', error: { type: 'request_too_large' } });
    expect(fake.calls).toHaveLength(0);
  });

  it('a gzip bomb is refused at the decompressed cap', async () => {
    const { gzipSync } = await import('node:zlib');
    const bomb = gzipSync(Buffer.alloc(100_000, 32));
    expect(bomb.length).toBeLessThan(2048);
    const res = await fetch(`${small.url}/v1/messages`, {
      method: 'POST',
      headers: { 'x-api-key': smallKey, 'content-encoding': 'gzip' },
      body: bomb,
    });
    expect(res.status).toBe(413);
  });
});
