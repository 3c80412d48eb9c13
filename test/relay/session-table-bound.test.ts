// The live-session table (sticky bindings, concurrency counts) holds at most CCHUB_MAX_SESSIONS entries: a flood of
// new session ids evicts the least recently active idle sessions instead of growing the hub's memory.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeUpstream, startFakeUpstream } from '../fake-upstream';
import { startTestHub, TEST_ADMIN_TOKEN, type TestHub } from '../helpers/test-hub';

let fake: FakeUpstream;
let t: TestHub;
let key: string;

beforeAll(async () => {
  fake = await startFakeUpstream();
  t = await startTestHub({ env: { CCHUB_MAX_SESSIONS: '3' } });
  await t.addProvider(fake.url);
  ({ key } = await t.addUserWithKey());
});
afterAll(async () => {
  await t.stop();
  await fake.close();
});

const ask = async (sessionId: string) => {
  const res = await fetch(`${t.url}/v1/messages`, {
    method: 'POST',
    headers: { 'x-api-key': key, 'content-type': 'application/json', 'x-claude-code-session-id': sessionId },
    body: JSON.stringify({ model: 'claude-sonnet-4-6', max_tokens: 5, messages: [{ role: 'user', content: 'hi' }] }),
  });
  expect(res.status).toBe(200);
  await res.arrayBuffer();
};

describe('session table bound', () => {
  it('keeps the most recently active sessions, up to the configured maximum', async () => {
    for (const id of ['s1', 's2', 's3', 's4']) await ask(id);
    await ask('s2'); // s2 is active again: s1 and s3 are now the least recent
    await ask('s5');
    const { status, json } = await t.api<{ items: { sessionId: string; boundProviderId: string | null }[] }>(
      'GET',
      '/api/v1/sessions',
    );
    expect(status).toBe(200);
    expect(json.items.map((s) => s.sessionId).sort()).toEqual(['s2', 's4', 's5']);
    expect(json.items.every((s) => s.boundProviderId !== null)).toBe(true);
    const metrics = await (
      await fetch(`${t.url}/metrics`, { headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` } })
    ).text();
    expect(metrics).toMatch(/^cchub_live_sessions 3$/m);
  });
});
