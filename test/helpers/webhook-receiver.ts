// A local HTTP receiver for webhook tests: records every request (raw body kept for signature checks) and answers
// from a script of responses (default 200 {"ok":true}).
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  method: string;
  /** Path and query as sent. */
  url: string;
  headers: IncomingMessage['headers'];
  raw: string;
  json: unknown;
}

export interface Reply {
  status: number;
  body?: string | object;
  headers?: Record<string, string>;
}

export interface WebhookReceiver {
  url: string;
  received: Received[];
  /** One reply per request, in order; after the script runs out: `fallback`. */
  script(...replies: Reply[]): void;
  setFallback(reply: Reply): void;
  /** Resolves once `n` requests have arrived (rejects after `timeoutMs` of real time). */
  waitFor(n: number, timeoutMs?: number): Promise<Received[]>;
  close(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: Received[] = [];
  const script: Reply[] = [];
  let fallback: Reply = { status: 200, body: { ok: true } };
  const waiters: (() => void)[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      let json: unknown;
      try {
        json = JSON.parse(raw);
      } catch {
        json = undefined;
      }
      received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, raw, json });
      const reply = script.shift() ?? fallback;
      const body = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body ?? {});
      res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
      res.end(body);
      for (const w of waiters.splice(0)) w();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    received,
    script: (...replies) => script.push(...replies),
    setFallback: (reply) => {
      fallback = reply;
    },
    waitFor: (n, timeoutMs = 5000) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`only ${received.length} of ${n} webhook calls`)), timeoutMs);
        const check = () => {
          if (received.length >= n) {
            clearTimeout(timer);
            resolve(received.slice(0, n));
          } else waiters.push(check);
        };
        check();
      }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
