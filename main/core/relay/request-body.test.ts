// readRequestBody on a real loopback server: the body is counted against the budget, and once read it is not kept
// alive by the request object (the hub's exchange tracker holds a connection's last request until its next one).
import { Agent, createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { BodyBudget } from '../limits/body-budget';
import { exposeGc } from '../memory-return';
import { readRequestBody } from './request-body';

const MiB = 1024 * 1024;
let server: Server | undefined;
const agent = new Agent({ keepAlive: true });
afterEach(() => {
  agent.destroy();
  server?.close();
});

function post(port: number, body: Buffer, chunked: boolean): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      { port, host: '127.0.0.1', method: 'POST', agent, headers: chunked ? {} : { 'content-length': body.length } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    if (chunked) {
      req.write(body.subarray(0, body.length / 2));
      req.end(body.subarray(body.length / 2));
    } else req.end(body);
  });
}

describe('readRequestBody', () => {
  it.each([
    ['declared length', false],
    ['chunked', true],
  ])('%s: counts the body against the budget and lets it go once read', async (_, chunked) => {
    const gc = exposeGc();
    expect(gc).toBeTypeOf('function');
    const budget = new BodyBudget(64 * MiB);
    let held = 0;
    let ref: WeakRef<Buffer> | undefined;
    const kept: unknown[] = [];
    server = createServer(async (req, res) => {
      kept.push(req);
      const lease = budget.lease();
      const result = await readRequestBody(req, 32 * MiB, lease);
      if (!result.ok) throw new Error('not ok');
      held = budget.inFlightBytes();
      ref = new WeakRef(result.body);
      lease.release();
      res.end('ok');
    });
    await new Promise<void>((r) => server?.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    const body = Buffer.alloc(4 * MiB, 'a');
    expect(await post(port, body, chunked)).toBe(200);
    expect(held).toBe(4 * MiB);
    expect(budget.inFlightBytes()).toBe(0);
    // The connection is still open (keep-alive): nothing of the request may keep its body.
    await new Promise((r) => setTimeout(r, 20));
    gc?.();
    await new Promise((r) => setTimeout(r, 20));
    gc?.();
    expect(ref?.deref()).toBeUndefined();
    expect(kept).toHaveLength(1);
  });
});
