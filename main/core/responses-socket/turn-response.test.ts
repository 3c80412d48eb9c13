// Tests for a WebSocket turn's answer: SSE events become messages, an error answer one error event, and `write`
// reports backpressure while the client's unsent bytes pile up.
import { describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import { TurnResponse } from './turn-response';

/** A socket whose sends complete only when the test says (a client reading slowly). */
function slowSocket() {
  const sent: string[] = [];
  const pending: (() => void)[] = [];
  const socket = {
    send(text: string, done: () => void) {
      sent.push(text);
      pending.push(done);
    },
  } as unknown as WebSocket;
  const flush = () => {
    for (const d of pending.splice(0)) d();
  };
  return { socket, sent, flush };
}

const sse = (type: string, fields = '') => Buffer.from(`event: ${type}\ndata: {"type":"${type}"${fields}}\n\n`);

describe('TurnResponse', () => {
  it('sends each SSE event as one message, remembering the response id; ends with finish and close', () => {
    const { socket, sent } = slowSocket();
    const res = new TurnResponse(socket, false);
    const seen: string[] = [];
    res.on('finish', () => seen.push('finish'));
    res.on('close', () => seen.push('close'));
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    const both = Buffer.concat([sse('response.created', ',"response":{"id":"resp_9"}'), sse('response.in_progress')]);
    res.write(both.subarray(0, 30));
    res.write(both.subarray(30));
    res.end(sse('response.completed'));
    expect(sent.map((s) => JSON.parse(s).type)).toEqual([
      'response.created',
      'response.in_progress',
      'response.completed',
    ]);
    expect(res.responseId).toBe('resp_9');
    expect(seen).toEqual(['finish', 'close']);
    expect(res.writableFinished).toBe(true);
  });

  it('write returns false past the high-water mark of unsent bytes, and drain comes once the client caught up', () => {
    const { socket, flush } = slowSocket();
    const res = new TurnResponse(socket, false);
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    const big = sse('response.output_text.delta', `,"delta":"${'x'.repeat(64 * 1024)}"`);
    let writes = 0;
    while (writes < 100 && res.write(big)) writes++;
    expect(writes).toBeGreaterThan(10);
    expect(writes).toBeLessThan(20); // about 1 MiB queued, not more
    let drained = false;
    res.once('drain', () => {
      drained = true;
    });
    flush();
    expect(drained).toBe(true);
    expect(res.write(big)).toBe(true);
  });

  it('an error answer becomes one error event with its status; a pinned turn the holder cannot take asks for a resend', () => {
    const { socket, sent } = slowSocket();
    const res = new TurnResponse(socket, false);
    res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '7', 'x-cchub-error-code': 'rpm_limit' });
    res.end('{"error":{"message":"slow down","type":"rpm_limit","code":"rpm_limit"}}');
    expect(JSON.parse(sent[0] as string)).toEqual({
      type: 'error',
      status: 429,
      error: { message: 'slow down', type: 'rpm_limit', code: 'rpm_limit' },
      headers: { 'retry-after': '7', 'x-cchub-error-code': 'rpm_limit' },
    });
    const pinned = slowSocket();
    const again = new TurnResponse(pinned.socket, true);
    again.writeHead(503, { 'content-type': 'application/json', 'x-cchub-error-code': 'no_provider' });
    again.end('{"error":{"message":"none","type":"no_provider","code":"no_provider"}}');
    expect(JSON.parse(pinned.sent[0] as string).error).toMatchObject({ code: 'previous_response_not_found' });
  });

  it('the client leaving mid-turn closes the response unfinished and stops sending', () => {
    const { socket, sent } = slowSocket();
    const res = new TurnResponse(socket, false);
    let closed = false;
    res.on('close', () => {
      closed = true;
    });
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.clientGone();
    expect(closed).toBe(true);
    expect(res.writableFinished).toBe(false);
    expect(res.write(sse('response.created'))).toBe(false);
    expect(sent).toEqual([]);
  });
});
