// The Responses API over WebSocket at /v1/responses: each response.create a logged, billed request through the same
// stages as HTTP, relayed to a provider over HTTP (SSE events become messages) or over its own WebSocket; a turn
// continuing a response stays where it is held; refusals as error events and close frames; the connection's limits.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { ManualClock } from '../../main/core/clock';
import { type FakeUpstream, startFakeUpstream } from '../fake-upstream';
import { startTestHub, type TestHub } from '../helpers/test-hub';

const UPSTREAM_KEY = 'sk-openai-resp-upstream';
let httpFake: FakeUpstream;
let socketFake: FakeUpstream;
let t: TestHub;
const clock = new ManualClock(Date.now());

beforeAll(async () => {
  httpFake = await startFakeUpstream({ apiKey: UPSTREAM_KEY });
  socketFake = await startFakeUpstream({ apiKey: UPSTREAM_KEY });
  t = await startTestHub({ clock, socketLimits: { idleMs: 60_000, lifetimeMs: 600_000, pingMs: 3_600_000 } });
});
afterAll(async () => {
  await t.stop();
  await httpFake.close();
  await socketFake.close();
});
afterEach(async () => {
  httpFake.reset();
  socketFake.reset();
  for (const p of (await t.api<{ items: { id: string }[] }>('GET', '/api/v1/providers')).json.items) {
    await t.api('DELETE', `/api/v1/providers/${p.id}`);
  }
  await t.api('PATCH', '/api/v1/settings', { responsesWebSocket: true });
});

interface Client {
  ws: WebSocket;
  events: Record<string, unknown>[];
  closed: Promise<{ code: number; reason: string }>;
  /** Sends one response.create and resolves with its events up to the last one of the turn. */
  turn(body: Record<string, unknown>): Promise<Record<string, unknown>[]>;
}

const TERMINAL = new Set(['response.completed', 'response.failed', 'response.incomplete', 'error']);

async function connect(key: string, headers: Record<string, string> = {}): Promise<Client> {
  const ws = new WebSocket(`${t.url.replace('http', 'ws')}/v1/responses`, {
    headers: { authorization: `Bearer ${key}`, 'openai-beta': 'responses_websockets=2026-02-06', ...headers },
  });
  const events: Record<string, unknown>[] = [];
  let waiter: (() => void) | undefined;
  ws.on('message', (data) => {
    events.push(JSON.parse(String(data)) as Record<string, unknown>);
    waiter?.();
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.once('close', (code, reason) => resolve({ code, reason: String(reason) })),
  );
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return {
    ws,
    events,
    closed,
    turn: (body) =>
      new Promise((resolve) => {
        const from = events.length;
        waiter = () => {
          const last = events.at(-1);
          if (last && TERMINAL.has(String(last.type))) {
            waiter = undefined;
            resolve(events.slice(from));
          }
        };
        ws.send(JSON.stringify({ type: 'response.create', ...body }));
      }),
  };
}

function upgradeRefusal(headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${t.url.replace('http', 'ws')}/v1/responses`, { headers });
    ws.once('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (c: Buffer) => {
        body += String(c);
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    ws.once('open', () => reject(new Error('the upgrade was accepted')));
  });
}

const create = (over: Record<string, unknown> = {}) => ({
  model: 'gpt-5',
  input: [{ type: 'message', role: 'user', content: [{ type: 'input_text', text: 'hi' }] }],
  stream: true,
  store: false,
  ...over,
});

function rowsOf(keyId: string): Record<string, unknown>[] {
  t.fold();
  return t.rows('SELECT * FROM requests WHERE key_id = ? ORDER BY created_at, id', keyId);
}

describe('Responses over WebSocket', () => {
  it('relays a turn to an HTTP provider: SSE events as messages, one websocket row with tokens and cost', async () => {
    const provider = await t.addProvider(`${httpFake.url}/v1`, { type: 'openai-responses', apiKey: UPSTREAM_KEY });
    const { key, keyId } = await t.addUserWithKey();
    httpFake.enqueue({ kind: 'ok', text: 'over the socket', usage: { input: 120, output: 9 } });
    const c = await connect(key);
    const events = await c.turn(create());
    expect(events.map((e) => e.type)).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.content_part.added',
      'response.output_text.delta',
      'response.output_text.delta',
      'response.output_text.delta',
      'response.output_text.done',
      'response.content_part.done',
      'response.output_item.done',
      'response.completed',
    ]);
    const sent = httpFake.calls.at(-1);
    expect(sent?.method).toBe('POST');
    expect(sent?.json).not.toHaveProperty('type');
    expect(sent?.headers.authorization).toBe(`Bearer ${UPSTREAM_KEY}`);
    expect(sent?.headers).not.toHaveProperty('sec-websocket-key');
    const [row] = rowsOf(keyId);
    expect(row).toMatchObject({
      transport: 'websocket',
      status: 200,
      provider_id: provider.id,
      endpoint: 'responses',
      input_tokens: 120,
      output_tokens: 9,
    });
    expect(row?.cost_usd as number).toBeGreaterThan(0);
    c.ws.close();
  });

  it("relays over the provider's own WebSocket; a turn continuing a response stays on its connection", async () => {
    const httpProvider = await t.addProvider(`${httpFake.url}/v1`, {
      type: 'openai-responses',
      apiKey: UPSTREAM_KEY,
      priority: 1,
      sticky: false,
    });
    const socketProvider = await t.addProvider(`${socketFake.url}/v1`, {
      type: 'openai-responses',
      apiKey: UPSTREAM_KEY,
      websocket: true,
      priority: 0,
      sticky: false,
    });
    const { key, keyId } = await t.addUserWithKey();
    const c = await connect(key);
    const first = await c.turn(create());
    expect(socketFake.calls.at(-1)?.method).toBe('WS');
    const id = (first[0]?.response as { id: string } | undefined)?.id;
    // The HTTP provider is now preferred: a new turn goes there, a turn continuing the response does not.
    await t.api('PATCH', `/api/v1/providers/${socketProvider.id}`, { priority: 5 });
    expect((await c.turn(create())).at(-1)?.type).toBe('response.completed');
    for (let i = 0; i < 3; i++) {
      const next = await c.turn(create({ previous_response_id: id }));
      expect(next.at(-1)?.type).toBe('response.completed');
    }
    const continued = socketFake.calls.filter(
      (call) => (call.json as { previous_response_id?: string }).previous_response_id,
    );
    expect(continued).toHaveLength(3);
    expect(socketFake.socketConnections()).toBe(1);
    expect(rowsOf(keyId).map((r) => [r.provider_id, r.transport, r.status])).toEqual([
      [socketProvider.id, 'websocket', 200],
      [httpProvider.id, 'websocket', 200],
      [socketProvider.id, 'websocket', 200],
      [socketProvider.id, 'websocket', 200],
      [socketProvider.id, 'websocket', 200],
    ]);
    c.ws.close();
  });

  it('fails over before the first event: the failing provider noted, the next one answers', async () => {
    const bad = await t.addProvider(`${httpFake.url}/v1`, {
      type: 'openai-responses',
      apiKey: UPSTREAM_KEY,
      priority: 0,
    });
    const good = await t.addProvider(`${socketFake.url}/v1`, {
      type: 'openai-responses',
      apiKey: UPSTREAM_KEY,
      priority: 1,
      websocket: true,
    });
    httpFake.setDefault({ kind: 'status', status: 500 });
    const { key, keyId } = await t.addUserWithKey();
    const c = await connect(key);
    const events = await c.turn(create());
    expect(events.at(-1)?.type).toBe('response.completed');
    const [row] = rowsOf(keyId);
    expect(row).toMatchObject({ provider_id: good.id, status: 200, transport: 'websocket' });
    expect(String(row?.decision_chain)).toContain(bad.id);
    c.ws.close();
  });

  it("fails over when a provider's WebSocket upgrade is refused; a failure after the first event ends the turn", async () => {
    const refusing = await t.addProvider(`${socketFake.url}/v1`, {
      type: 'openai-responses',
      apiKey: 'sk-wrong-upstream-key',
      websocket: true,
      priority: 0,
    });
    const good = await t.addProvider(`${httpFake.url}/v1`, {
      type: 'openai-responses',
      apiKey: UPSTREAM_KEY,
      priority: 1,
    });
    const { key, keyId } = await t.addUserWithKey();
    const c = await connect(key);
    expect((await c.turn(create())).at(-1)?.type).toBe('response.completed');
    const [row] = rowsOf(keyId);
    expect(row).toMatchObject({ provider_id: good.id, status: 200 });
    expect(String(row?.decision_chain)).toMatch(new RegExp(`"providerId":"${refusing.id}"[^}]*"status":401`));

    await t.api('DELETE', `/api/v1/providers/${good.id}`);
    await t.api('PATCH', `/api/v1/providers/${refusing.id}`, { apiKey: UPSTREAM_KEY });
    socketFake.enqueue({ kind: 'errorMidStream', afterDeltas: 1 });
    const cut = await c.turn(create());
    expect(cut.map((e) => e.type)).toContain('response.output_text.delta');
    expect(cut.at(-1)?.type).toBe('error');
    c.ws.close();
  });

  it('refuses an upgrade without a valid key with 401 in OpenAI shape, and 426 when turned off', async () => {
    await t.addProvider(`${httpFake.url}/v1`, { type: 'openai-responses', apiKey: UPSTREAM_KEY });
    const none = await upgradeRefusal({});
    expect(none.status).toBe(401);
    expect(JSON.parse(none.body).error.code).toBe('missing_api_key');
    const wrong = await upgradeRefusal({ authorization: 'Bearer sk-cchub-wrong' });
    expect(wrong.status).toBe(401);
    expect(JSON.parse(wrong.body).error.code).toBe('invalid_api_key');
    await t.api('PATCH', '/api/v1/settings', { responsesWebSocket: false });
    const { key } = await t.addUserWithKey();
    const off = await upgradeRefusal({ authorization: `Bearer ${key}` });
    expect(off.status).toBe(426);
  });

  it('a turn over the quota gets an error event with status 429 and a blocked row; the connection stays', async () => {
    await t.addProvider(`${httpFake.url}/v1`, { type: 'openai-responses', apiKey: UPSTREAM_KEY });
    const { key, keyId } = await t.addUserWithKey({ rpm: 1 });
    const c = await connect(key);
    expect((await c.turn(create())).at(-1)?.type).toBe('response.completed');
    const refused = await c.turn(create());
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({ type: 'error', status: 429 });
    expect(refused[0]?.headers).toHaveProperty('retry-after');
    const rows = rowsOf(keyId);
    expect(rows.map((r) => [r.status, r.blocked_by, r.transport])).toEqual([
      [200, null, 'websocket'],
      [429, 'quota', 'websocket'],
    ]);
    expect(c.ws.readyState).toBe(WebSocket.OPEN);
    c.ws.close();
  });

  it('past its lifetime the next turn gets websocket_connection_limit_reached and the connection closes', async () => {
    await t.addProvider(`${httpFake.url}/v1`, { type: 'openai-responses', apiKey: UPSTREAM_KEY });
    const { key } = await t.addUserWithKey();
    const c = await connect(key);
    // Busy enough never to go idle (a turn every 55 s, idle after 60 s) until the lifetime has passed.
    for (let elapsed = 0; elapsed < 600_000; elapsed += 55_000) {
      expect((await c.turn(create())).at(-1)?.type).toBe('response.completed');
      clock.advance(55_000);
    }
    const refused = await c.turn(create());
    expect(refused[0]).toMatchObject({ type: 'error', error: { code: 'websocket_connection_limit_reached' } });
    expect((await c.closed).code).toBe(1000);
  });

  it('an idle connection is closed with a close frame once the idle time passes on the hub clock', async () => {
    await t.addProvider(`${httpFake.url}/v1`, { type: 'openai-responses', apiKey: UPSTREAM_KEY });
    const { key } = await t.addUserWithKey();
    const c = await connect(key);
    clock.advance(59_000);
    await new Promise((r) => setTimeout(r, 20));
    expect(c.ws.readyState).toBe(WebSocket.OPEN);
    clock.advance(1_000);
    expect(await c.closed).toEqual({ code: 1000, reason: 'idle timeout' });
  });
});

describe('Responses WebSocket liveness and shutdown', () => {
  it('pings on the hub clock: a client that answers stays, one that never answers is cut', async () => {
    const pingClock = new ManualClock(Date.now());
    const hub = await startTestHub({ clock: pingClock, socketLimits: { pingMs: 10_000, idleMs: 3_600_000 } });
    try {
      await hub.addProvider(`${httpFake.url}/v1`, { type: 'openai-responses', apiKey: UPSTREAM_KEY });
      const { key } = await hub.addUserWithKey();
      const open = (autoPong: boolean) => {
        const ws = new WebSocket(`${hub.url.replace('http', 'ws')}/v1/responses`, {
          headers: { authorization: `Bearer ${key}` },
          autoPong,
        });
        const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
        return new Promise<{ ws: WebSocket; closed: Promise<number> }>((resolve) =>
          ws.once('open', () => resolve({ ws, closed })),
        );
      };
      const answering = await open(true);
      const silent = await open(false);
      for (let i = 0; i < 3; i++) {
        pingClock.advance(10_000);
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(await silent.closed).toBe(1006);
      expect(answering.ws.readyState).toBe(WebSocket.OPEN);
      answering.ws.close();
    } finally {
      await hub.stop();
    }
  });

  it('shutdown lets the turn in flight finish, then closes with 1001; an idle connection closes at once', async () => {
    const hub = await startTestHub();
    await hub.addProvider(`${httpFake.url}/v1`, { type: 'openai-responses', apiKey: UPSTREAM_KEY });
    const { key } = await hub.addUserWithKey();
    const connectTo = (url: string) => {
      const ws = new WebSocket(`${url.replace('http', 'ws')}/v1/responses`, {
        headers: { authorization: `Bearer ${key}` },
      });
      const types: string[] = [];
      ws.on('message', (d) => types.push((JSON.parse(String(d)) as { type: string }).type));
      const closed = new Promise<{ code: number; reason: string; types: string[] }>((resolve) =>
        ws.once('close', (code, reason) => resolve({ code, reason: String(reason), types: [...types] })),
      );
      return new Promise<{ ws: WebSocket; closed: typeof closed }>((resolve) =>
        ws.once('open', () => resolve({ ws, closed })),
      );
    };
    const busy = await connectTo(hub.url);
    const idle = await connectTo(hub.url);
    httpFake.enqueue({ kind: 'ok', text: 'a slow answer', deltaDelayMs: 150 });
    busy.ws.send(JSON.stringify({ type: 'response.create', ...create() }));
    await waitFor(() => httpFake.inFlight() === 1);
    const stopping = hub.stop();
    expect(await idle.closed).toMatchObject({ code: 1001, reason: 'server restart' });
    const ended = await busy.closed;
    expect(ended.code).toBe(1001);
    expect(ended.types.at(-1)).toBe('response.completed');
    await stopping;
  });
});

async function waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(condition()).toBe(true);
}
