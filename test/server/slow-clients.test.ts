// Header, body and idle timeouts on a real loopback socket: slow or half-sent requests are cut, a long quiet answer
// stream is not, and a crowd of half-sent login bodies cannot keep /healthz out.

import { mkdtempSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Anthropic from '@anthropic-ai/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeUpstream, startFakeUpstream } from '../fake-upstream';
import { type SpawnedHub, spawnHub, waitForExit } from '../helpers/spawn-hub';
import { startTestHub, type TestHub } from '../helpers/test-hub';

const IDLE_MS = 300;
const HEADERS_MS = 600;
const REQUEST_MS = 1500;

let fake: FakeUpstream;
let t: TestHub;
let key: string;
let port: number;

beforeAll(async () => {
  fake = await startFakeUpstream();
  t = await startTestHub({
    env: {
      CCHUB_IDLE_TIMEOUT_MS: String(IDLE_MS),
      CCHUB_HEADERS_TIMEOUT_MS: String(HEADERS_MS),
      CCHUB_REQUEST_TIMEOUT_MS: String(REQUEST_MS),
    },
  });
  port = t.hub.port;
  await t.addProvider(fake.url);
  ({ key } = await t.addUserWithKey());
});
afterAll(async () => {
  await t.stop();
  await fake.close();
});

/** A raw client: what it received, and when the hub closed the connection (ms after opening). */
function rawClient(p = port): { socket: Socket; received: () => string; closedAfter: Promise<number> } {
  const opened = Date.now();
  const socket = connect(p, '127.0.0.1');
  let data = '';
  socket.on('data', (d) => {
    data += d.toString('latin1');
  });
  socket.on('error', () => undefined);
  const closedAfter = new Promise<number>((resolve) => socket.once('close', () => resolve(Date.now() - opened)));
  return { socket, received: () => data, closedAfter };
}

/** Writes one piece every `everyMs` until the socket closes. */
function drip(socket: Socket, piece: string, everyMs: number): void {
  const timer = setInterval(() => {
    if (socket.destroyed) clearInterval(timer);
    else socket.write(piece);
  }, everyMs);
  socket.once('close', () => clearInterval(timer));
}

const within = <T>(p: Promise<T>, ms: number, what: string): Promise<T> =>
  Promise.race([
    p,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what}: not within ${ms} ms`)), ms)),
  ]);

describe('slow clients', () => {
  it('cuts a client that sends its headers slowly, after the header timeout', async () => {
    const c = rawClient();
    c.socket.write('POST /v1/messages HTTP/1.1\r\nHost: x\r\n');
    drip(c.socket, 'x', 100); // never idle, never done
    const after = await within(c.closedAfter, 4000, 'slow headers');
    expect(after).toBeGreaterThanOrEqual(HEADERS_MS - 50);
    expect(c.received()).toMatch(/^HTTP\/1\.1 408 /);
    expect(JSON.parse(c.received().split('\r\n\r\n')[1] as string)).toMatchObject({
      error: { code: 'request_timeout' },
    });
  });

  it('cuts a half-sent body after the idle timeout', async () => {
    const c = rawClient();
    c.socket.write(
      `POST /v1/messages HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${key}\r\n` +
        'Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"model":"claude-sonnet-4-6",',
    );
    const after = await within(c.closedAfter, 3000, 'half-sent body');
    expect(after).toBeGreaterThanOrEqual(IDLE_MS - 50);
    expect(after).toBeLessThan(REQUEST_MS);
  });

  it('cuts a body dripped slower than the request timeout allows, with a 408 in the client’s format', async () => {
    const c = rawClient();
    c.socket.write(
      `POST /v1/messages HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${key}\r\n` +
        'Content-Type: application/json\r\nContent-Length: 100000\r\n\r\n{',
    );
    drip(c.socket, ' ', 100); // never idle
    const after = await within(c.closedAfter, 5000, 'dripped body');
    expect(after).toBeGreaterThanOrEqual(REQUEST_MS - 50);
    expect(c.received()).toMatch(/^HTTP\/1\.1 408 /);
    expect(JSON.parse(c.received().split('\r\n\r\n')[1] as string)).toMatchObject({
      type: 'error',
      error: { type: 'invalid_request_error' },
    });
  });

  it('does not cut an answer stream that is quiet for longer than every timeout', async () => {
    // Five deltas 500 ms apart: silences over the idle timeout, the whole over the request timeout.
    fake.enqueue({ kind: 'ok', text: 'one two three four five six', deltaDelayMs: 500 });
    const client = new Anthropic({ apiKey: key, baseURL: t.url, maxRetries: 0 });
    const started = Date.now();
    const stream = client.messages.stream({
      model: 'claude-sonnet-4-6',
      max_tokens: 50,
      messages: [{ role: 'user', content: 'slowly' }],
    });
    const message = await stream.finalMessage();
    expect(Date.now() - started).toBeGreaterThan(REQUEST_MS);
    expect(message.stop_reason).toBe('end_turn');
    expect(message.content[0]).toMatchObject({ type: 'text', text: 'one two three four five six' });
  });

  it('keeps a keep-alive connection for a second request, and serves it', async () => {
    const agentless = async () => {
      const r = await fetch(`${t.url}/healthz`);
      return r.status;
    };
    expect(await agentless()).toBe(200);
    await new Promise((r) => setTimeout(r, IDLE_MS + 200));
    expect(await agentless()).toBe(200);
  });
});

describe('a crowd of half-sent login bodies', () => {
  let hub: SpawnedHub;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'cchub-slowloris-'));
    hub = await spawnHub(
      {
        CCHUB_DATA_DIR: dataDir,
        ADMIN_TOKEN: 'slowloris-admin-token-0123456789',
        CCHUB_IDLE_TIMEOUT_MS: String(IDLE_MS),
        CCHUB_HEADERS_TIMEOUT_MS: String(HEADERS_MS),
        CCHUB_REQUEST_TIMEOUT_MS: String(REQUEST_MS),
      },
      { nofile: 256 },
    );
  });
  afterAll(async () => {
    hub.child.kill('SIGTERM');
    await waitForExit(hub.child);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('cannot keep /healthz out for longer than the timeouts (under a small open-file limit)', async () => {
    const hubPort = Number(new URL(hub.url).port);
    // More half-sent bodies than the hub has file descriptors.
    const crowd = Array.from({ length: 300 }, () => {
      const c = rawClient(hubPort);
      c.socket.write(
        'POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
          'Content-Length: 500\r\n\r\n{"token":"',
      );
      return c;
    });
    await new Promise((r) => setTimeout(r, IDLE_MS + 700));
    const health = await within(fetch(`${hub.url}/healthz`), 3000, '/healthz');
    expect(health.status).toBe(200);
    await within(Promise.all(crowd.map((c) => c.closedAfter)), 3000, 'the crowd closed');
  });
});
