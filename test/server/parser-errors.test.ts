// node:http's own parser refusals (bad request, headers too large) answer in the wire format of the path asked for.
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../helpers/test-hub';

let t: TestHub;
beforeAll(async () => {
  t = await startTestHub();
});
afterAll(() => t.stop());

/** Sends raw bytes; resolves with the status and parsed JSON body the hub answered before closing. */
function raw(bytes: string): Promise<{ status: number; headers: string; json: unknown }> {
  return new Promise((resolve, reject) => {
    const socket = connect(t.hub.port, '127.0.0.1');
    let data = '';
    socket.on('data', (d) => {
      data += d.toString('latin1');
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      const [head = '', body = ''] = data.split('\r\n\r\n');
      const status = Number(/^HTTP\/1\.1 (\d+)/.exec(head)?.[1]);
      try {
        resolve({ status, headers: head.toLowerCase(), json: JSON.parse(body) });
      } catch {
        reject(new Error(`not a JSON answer: ${JSON.stringify(data)}`));
      }
    });
    socket.write(bytes);
  });
}

const bigHeaders = (path: string) => `POST ${path} HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`;
const badLength = (path: string) => `POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Length: 12abc\r\n\r\n{}`;

describe('parser-level refusals', () => {
  it('/v1/messages: an Anthropic error (431 for headers too large, 400 for a malformed request)', async () => {
    const big = await raw(bigHeaders('/v1/messages'));
    expect(big.status).toBe(431);
    expect(big.headers).toContain('content-type: application/json');
    expect(big.headers).toContain('x-cchub-error-code: headers_too_large');
    expect(big.json).toMatchObject({ type: 'error', error: { type: 'invalid_request_error' } });
    expect((big.json as { error: { message: string } }).error.message).toMatch(/headers .*\[cchub headers_too_large/);

    const bad = await raw(badLength('/v1/messages/count_tokens'));
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({ type: 'error', error: { type: 'invalid_request_error' } });
  });

  it('/v1/chat/completions and /v1/responses: an OpenAI error', async () => {
    const chat = await raw(bigHeaders('/v1/chat/completions'));
    expect(chat.status).toBe(431);
    expect(chat.json).toMatchObject({ error: { type: 'invalid_request_error', code: 'headers_too_large' } });
    const responses = await raw(badLength('/v1/responses'));
    expect(responses.status).toBe(400);
    expect(responses.json).toMatchObject({ error: { type: 'invalid_request_error', code: 'bad_request' } });
  });

  it('/v1beta/: a Gemini error', async () => {
    const gemini = await raw(bigHeaders('/v1beta/models/gemini-2.5-flash:generateContent?alt=sse'));
    expect(gemini.status).toBe(431);
    expect(gemini.json).toMatchObject({ error: { code: 431, status: 'INVALID_ARGUMENT' } });
  });

  it('/api/: the admin API error shape; anything else: plain JSON', async () => {
    const api = await raw(badLength('/api/v1/users'));
    expect(api.status).toBe(400);
    expect(api.json).toMatchObject({ error: { code: 'bad_request', message: expect.any(String) } });
    expect((api.json as { error: { requestId: string } }).error.requestId).toMatch(/\S/);

    const garbage = await raw('HELLO THERE\r\n\r\n');
    expect(garbage.status).toBe(400);
    expect(garbage.json).toMatchObject({ error: { code: 'bad_request' } });
  });
});
