// No secret the hub holds reaches a user through upstream text: an upstream that quotes the provider key it was sent
// (in a JSON error, before and after a stream's first content) leaves it in no answer, log row, chain, captured body
// or log line. Runs the built headless hub with a custom admin token and keys of no known shape, in all four formats.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Behaviour, type FakeUpstream, startFakeUpstream } from '../fake-upstream';
import { type SpawnedHub, spawnHub, waitForExit } from '../helpers/spawn-hub';

const ADMIN = 'custom.admin/Tok3n-0042';
const MASK = '[secret]';
/** No key shape (sk-…, AIza…, JWT): only a redactor that knows them can catch these. */
const PROVIDER_KEYS = {
  anthropic: 'prov.anthropic/Zx81+Qm4',
  'openai-chat': 'prov.chat/Lp93+Wd7Kk',
  'openai-responses': 'prov.responses/Ur55+Tb2',
  gemini: 'prov.gemini/Hy16+Nc0Rr',
} as const;
type Format = keyof typeof PROVIDER_KEYS;
const FORMATS = Object.keys(PROVIDER_KEYS) as Format[];

let fake: FakeUpstream;
let hub: SpawnedHub;
let dataDir: string;
let userKey: string;
/** Every request id answered, checked in the log and the captured bodies at the end. */
const requestIds: string[] = [];

async function api(method: string, path: string, body?: unknown, token = ADMIN): Promise<Record<string, unknown>> {
  const res = await fetch(`${hub.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await res.json()) as Record<string, unknown>;
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

beforeAll(async () => {
  fake = await startFakeUpstream();
  dataDir = mkdtempSync(join(tmpdir(), 'cchub-redact-'));
  hub = await spawnHub({ CCHUB_DATA_DIR: dataDir, ADMIN_TOKEN: ADMIN, CCHUB_LOG_LEVEL: 'debug' });
  for (const type of FORMATS) {
    await api('POST', '/api/v1/providers', {
      name: `echo-${type}`,
      type,
      baseUrl: fake.url,
      apiKey: PROVIDER_KEYS[type],
      attempts: 1,
      breaker: { failureThreshold: 0, openMs: 1000, halfOpenSuccesses: 1 },
    });
  }
  const user = await api('POST', '/api/v1/users', { name: 'alice' });
  userKey = (await api('POST', `/api/v1/users/${user.id as string}/keys`, { name: 'laptop' })).key as string;
  // message text kept: only the secret redaction stands between the key and the captured body
  await api('PATCH', '/api/v1/settings', { captureBodies: true, captureMessageText: true });
}, 60_000);

afterAll(async () => {
  if (hub) {
    hub.child.kill('SIGTERM');
    await waitForExit(hub.child);
  }
  await fake?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** One request in the format's own wire shape, with the fake told how to answer. */
async function send(format: Format, stream: boolean, behaviour: Behaviour): Promise<{ status: number; text: string }> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-fake-behaviour': JSON.stringify(behaviour),
  };
  let path: string;
  let body: unknown;
  switch (format) {
    case 'anthropic':
      headers['x-api-key'] = userKey;
      path = '/v1/messages';
      body = { model: 'claude-sonnet-4-6', max_tokens: 10, stream, messages: [{ role: 'user', content: 'hi' }] };
      break;
    case 'openai-chat':
      headers.authorization = `Bearer ${userKey}`;
      path = '/v1/chat/completions';
      body = { model: 'gpt-4o-mini', stream, messages: [{ role: 'user', content: 'hi' }] };
      break;
    case 'openai-responses':
      headers.authorization = `Bearer ${userKey}`;
      path = '/v1/responses';
      body = { model: 'gpt-5', stream, input: 'hi' };
      break;
    case 'gemini':
      headers['x-goog-api-key'] = userKey;
      path = `/v1beta/models/gemini-2.0-flash:${stream ? 'streamGenerateContent?alt=sse' : 'generateContent'}`;
      body = { contents: [{ role: 'user', parts: [{ text: 'hi' }] }] };
      break;
  }
  const res = await fetch(`${hub.url}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
  const text = await res.text();
  const id = res.headers.get('x-cchub-request-id');
  expect(id).toBeTruthy();
  requestIds.push(id as string);
  return { status: res.status, text };
}

function expectNoSecret(text: string): void {
  for (const key of Object.values(PROVIDER_KEYS)) expect(text).not.toContain(key);
  expect(text).not.toContain(ADMIN);
  expect(text).not.toContain(userKey);
}

/** How many error events the client got, in the format's own terms (Responses: one failure is `response.failed`). */
function errorEvents(format: Format, text: string): number {
  switch (format) {
    case 'anthropic':
      return text.split('event: error\n').length - 1;
    case 'openai-responses':
      return text.split('"type":"response.failed"').length - 1;
    default:
      return text.split(/^data: \{"error"/m).length - 1;
  }
}

describe.each(FORMATS)('%s: an upstream quoting its key', (format) => {
  it('in a retried JSON error: the 502 carries its message with the key masked', async () => {
    const { status, text } = await send(format, false, { kind: 'status', status: 401, echoKey: true });
    expect(status).toBe(502);
    expectNoSecret(text);
    expect(text).toContain(`Incorrect API key provided: ${MASK}`);
  });

  it("in the client's own error, passed through: masked in the body it gets", async () => {
    const { status, text } = await send(format, false, { kind: 'status', status: 400, echoKey: true });
    expect(status).toBe(400);
    expectNoSecret(text);
    expect(text).toContain(`Incorrect API key provided: ${MASK}`);
  });

  it('in a stream error before any content: failed over, masked', async () => {
    const { status, text } = await send(format, true, { kind: 'errorAfterHead', echoKey: true });
    expect(status).toBe(502);
    expectNoSecret(text);
  });

  it("in a stream error after content: the content, then one error event, the hub's, masked", async () => {
    const { status, text } = await send(format, true, { kind: 'errorMidStream', afterDeltas: 2, echoKey: true });
    expect(status).toBe(200);
    expect(text.length).toBeGreaterThan(0);
    expectNoSecret(text);
    expect(errorEvents(format, text)).toBe(1);
    expect(text).toContain(`Incorrect API key provided: ${MASK}`);
    expect(text).toContain('[cchub stream_error, request ');
  });
});

describe.each(FORMATS)('%s: a stream failing after content', (format) => {
  it("gets one error event, the hub's, after the content", async () => {
    const { status, text } = await send(format, true, { kind: 'errorMidStream', afterDeltas: 2 });
    expect(status).toBe(200);
    expect(errorEvents(format, text)).toBe(1);
    expect(text).toContain('[cchub stream_error, request ');
  });
});

describe('nothing kept holds the key', () => {
  it('not the request log, the decision chains, the captured bodies or the log lines', async () => {
    expect(requestIds.length).toBe(FORMATS.length * 5);
    // the journal is folded every 100 ms and bodies are written after the fold
    await new Promise((r) => setTimeout(r, 400));
    const mine = JSON.stringify(await api('GET', '/api/v1/me/requests?limit=100', undefined, userKey));
    expectNoSecret(mine);
    expect(mine).toContain(MASK);
    let withBodies = 0;
    for (const id of requestIds) {
      const detail = await api('GET', `/api/v1/requests/${id}`);
      const all = JSON.stringify(detail);
      expectNoSecret(all);
      expect(JSON.stringify(detail.decisionChain ?? detail)).not.toContain('prov.');
      if (detail.bodies) withBodies++;
    }
    expect(withBodies).toBeGreaterThan(0);
    expectNoSecret(hub.stderr());
    expectNoSecret(hub.stdout());
  });
});
