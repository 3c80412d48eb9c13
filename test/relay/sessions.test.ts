// Sessions grouped from the request log, one session's timeline, and an admin ending a live session (official SDKs).
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FakeUpstream } from '../fake-upstream';
import { startRelayFixture } from '../helpers/relay-fixture';
import type { TestHub } from '../helpers/test-hub';

let fake: FakeUpstream;
let t: TestHub;
let key: string;
let stop: () => Promise<void>;

beforeAll(async () => {
  ({ fake, t, key, stop } = await startRelayFixture());
});
afterAll(() => stop());
afterEach(() => fake.reset());

/** Claude Code's form of the session id: `metadata.user_id` as a JSON string. */
const metadata = (sessionId: string) => ({
  user_id: JSON.stringify({ device_id: 'dev-1', account_uuid: '', session_id: sessionId }),
});

function anthropic(apiKey = key) {
  return new Anthropic({ apiKey, baseURL: t.url, maxRetries: 0 });
}

async function turn(sessionId: string, content: string, apiKey = key) {
  return anthropic(apiKey).messages.create({
    model: 'claude-sonnet-4-6',
    max_tokens: 10,
    metadata: metadata(sessionId),
    messages: [{ role: 'user', content }],
  });
}

interface Summary {
  sessionId: string;
  turns: number;
  client: string | null;
  userName: string | null;
  inputTokens: number;
  costUsd: number;
  live: boolean;
  firstSeenAt: string;
  lastSeenAt: string;
}
interface Turn {
  id: string;
  createdAt: string;
  hasBodies: boolean;
  decisionChain: { kind: string; providerId?: string }[];
  providerId: string | null;
}

describe('sessions from the request log', () => {
  it('groups a Claude Code style session and an OpenAI SDK one; lists, pages and shows their timelines', async () => {
    fake.setDefault({ kind: 'ok', text: 'fine', usage: { input: 11, output: 3 } });
    await t.api('PATCH', '/api/v1/settings', { captureBodies: true });
    for (let i = 0; i < 3; i++) await turn('sess-grouped-A', `turn ${i}`);
    await turn('sess-grouped-B', 'other');
    t.fold();
    await t.hub.internals.bodies.flush(Date.now());
    await t.api('PATCH', '/api/v1/settings', { captureBodies: false });

    const list = await t.api<{ items: Summary[]; nextCursor: string | null }>('GET', '/api/v1/session-log?limit=1');
    expect(list.status).toBe(200);
    expect(list.json.items.map((s) => s.sessionId)).toEqual(['sess-grouped-B']);
    const next = await t.api<{ items: Summary[] }>('GET', `/api/v1/session-log?limit=1&cursor=${list.json.nextCursor}`);
    const a = next.json.items[0] as Summary;
    expect(a.sessionId).toBe('sess-grouped-A');
    expect(a.turns).toBe(3);
    expect(a.inputTokens).toBe(33);
    expect(a.client).toMatch(/^anthropic-sdk \d/);
    expect(a.userName).toMatch(/^user-/);
    expect(a.live).toBe(true);
    expect(Date.parse(a.firstSeenAt)).toBeLessThanOrEqual(Date.parse(a.lastSeenAt));

    const turns = await t.api<{ items: Turn[] }>('GET', '/api/v1/session-log/sess-grouped-A/requests');
    expect(turns.json.items).toHaveLength(3);
    const times = turns.json.items.map((r) => Date.parse(r.createdAt));
    expect(times).toEqual([...times].sort((x, y) => x - y));
    for (const r of turns.json.items) {
      expect(r.hasBodies).toBe(true);
      expect(r.decisionChain.map((s) => s.kind)).toContain('attempt');
      expect(r.decisionChain.at(-1)?.kind).toBe('result');
    }
    const first = await t.api<{ bodies?: { request: string } }>('GET', `/api/v1/requests/${turns.json.items[0]?.id}`);
    expect(first.json.bodies?.request).toContain('claude-sonnet-4-6');

    expect((await t.api('GET', '/api/v1/session-log/no-such-session')).status).toBe(404);
    const filtered = await t.api<{ items: Summary[] }>('GET', '/api/v1/session-log?userId=usr_nobody');
    expect(filtered.json.items).toEqual([]);
  });

  it('names the OpenAI SDK as the client of a session sent through the chat format', async () => {
    const openaiFake = fake;
    const provider = await t.addProvider(openaiFake.url, { type: 'openai-chat' });
    const client = new OpenAI({ apiKey: key, baseURL: `${t.url}/v1`, maxRetries: 0 });
    await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'hi' }],
      prompt_cache_key: 'sess-openai-sdk-1',
    } as OpenAI.ChatCompletionCreateParamsNonStreaming);
    t.fold();
    const s = await t.api<Summary & { providerId: string }>('GET', '/api/v1/session-log/sess-openai-sdk-1');
    expect(s.status).toBe(200);
    expect(s.json.client).toMatch(/^openai-sdk \d/);
    expect(s.json.providerId).toBe(provider.id);
    await t.api('DELETE', `/api/v1/providers/${provider.id}`);
  });
});

describe('ending a live session', () => {
  it('frees its concurrency slot at once; its answer in flight finishes whole; the id starts a new session', async () => {
    const member = await t.addUserWithKey({ limits: { concurrentSessions: 1 } });
    fake.enqueue({ kind: 'ok', text: 'one two three four five six seven eight', deltaDelayMs: 60 });
    const stream = anthropic(member.key).messages.stream({
      model: 'claude-sonnet-4-6',
      max_tokens: 50,
      metadata: metadata('sess-end-1'),
      messages: [{ role: 'user', content: 'long answer' }],
    });
    const finished = stream.finalText();
    while (fake.inFlight() === 0) await new Promise((r) => setTimeout(r, 5));

    // one session is live: another is refused
    await expect(turn('sess-end-2', 'refused', member.key)).rejects.toMatchObject({ status: 429 });
    const ended = await t.api('POST', '/api/v1/sessions/sess-end-1/end');
    expect(ended.status).toBe(200);
    expect(ended.json).toEqual({ ended: 1, inFlight: 1 });
    const live = await t.api<{ items: { sessionId: string }[] }>('GET', '/api/v1/sessions');
    expect(live.json.items.map((s) => s.sessionId)).not.toContain('sess-end-1');
    // its slot is free now, while its answer is still streaming
    expect(fake.inFlight()).toBe(1);
    await turn('sess-end-2', 'admitted', member.key);
    expect(await finished).toBe('one two three four five six seven eight');
    // the ended id is a new session and counts again: refused while sess-end-2 holds the one slot
    await expect(turn('sess-end-1', 'again', member.key)).rejects.toMatchObject({ status: 429 });
    expect((await t.api('POST', '/api/v1/sessions/sess-end-2/end')).status).toBe(200);
    await turn('sess-end-1', 'again', member.key);
    expect((await t.api('POST', '/api/v1/sessions/sess-end-404/end')).status).toBe(404);
    const audit = await t.api<{ items: { action: string; target: string }[] }>('GET', '/api/v1/audit');
    expect(audit.json.items.some((e) => e.action === 'session.end' && e.target === 'sess-end-2')).toBe(true);
  });

  it('releases the sticky binding: the next request chooses a provider afresh', async () => {
    // the fixture's provider is first by priority; a second one takes over once it fails
    const backup = await t.addProvider(fake.url, { priority: 5, attempts: 1 });
    const providers = await t.api<{ items: { id: string; name: string }[] }>('GET', '/api/v1/providers');
    const main = providers.json.items.find((p) => p.id !== backup.id) as { id: string };
    await t.api('PATCH', `/api/v1/providers/${main.id}`, { attempts: 1 });
    const providerOf = async (sessionId: string, content: string) => {
      const res = await anthropic()
        .messages.create({
          model: 'claude-sonnet-4-6',
          max_tokens: 10,
          metadata: metadata(sessionId),
          messages: [{ role: 'user', content }],
        })
        .withResponse();
      t.fold();
      const id = res.response.headers.get('x-cchub-request-id');
      return (await t.api<{ providerId: string }>('GET', `/api/v1/requests/${id}`)).json.providerId;
    };
    fake.enqueue({ kind: 'status', status: 529 });
    expect(await providerOf('sess-sticky', 'fails over')).toBe(backup.id);
    expect(await providerOf('sess-sticky', 'sticks')).toBe(backup.id);
    expect((await t.api('POST', '/api/v1/sessions/sess-sticky/end')).status).toBe(200);
    expect(await providerOf('sess-sticky', 'chosen afresh')).toBe(main.id);
    await t.api('DELETE', `/api/v1/providers/${backup.id}`);
  });
});
