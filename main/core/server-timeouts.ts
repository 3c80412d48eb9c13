// The HTTP server's timeouts against slow or half-sent requests, none of which can cut an answer in progress.
//
// - headers: the whole header block must arrive within `headersMs` (node:http's headersTimeout);
// - request: headers and body within `requestMs` (node:http's requestTimeout; long enough for a full-size body on a
//   slow link; it stops counting once the request is complete, so it never applies to the answer);
// - idle: no byte for `idleMs` while a request is still arriving (or before the first one) closes the connection.
//   Once a request is complete and its answer is in progress, idleness is the upstream's business: a stream may be
//   silent for tens of seconds between events, and the hub's own upstream idle timeout governs that.
// Between requests, keep-alive's own timeout applies.
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

export interface ServerTimeouts {
  headersMs: number;
  requestMs: number;
  idleMs: number;
  keepAliveMs: number;
}

/** The timeouts a configuration sets (keep-alive: 65 s, longer than the usual 60 s of load balancers in front). */
export function serverTimeoutsOf(c: { headersTimeoutMs: number; requestTimeoutMs: number; idleTimeoutMs: number }) {
  return { headersMs: c.headersTimeoutMs, requestMs: c.requestTimeoutMs, idleMs: c.idleTimeoutMs, keepAliveMs: 65_000 };
}

/** Starts listening; rejects when the port cannot be had. */
export function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** How often node:http checks the header and request deadlines: often enough for short (test) values. */
export function connectionsCheckingInterval(t: ServerTimeouts): number {
  return Math.max(25, Math.min(30_000, Math.floor(Math.min(t.headersMs, t.requestMs) / 4)));
}

export interface ExchangeTracker {
  /** Call first for every request: remembers it as its socket's current exchange. */
  begin(req: IncomingMessage, res: ServerResponse): void;
  /** The socket's latest request and its response, if any. */
  current(socket: Socket): { req: IncomingMessage; res: ServerResponse } | undefined;
}

export function applyServerTimeouts(server: Server, t: ServerTimeouts): ExchangeTracker {
  const exchanges = new WeakMap<Socket, { req: IncomingMessage; res: ServerResponse }>();
  server.headersTimeout = t.headersMs;
  server.requestTimeout = t.requestMs;
  server.keepAliveTimeout = t.keepAliveMs;
  // node:http arms this on each new connection (before its first request), and again when a request arrives on a
  // connection its keep-alive timeout was counting down on.
  server.timeout = t.idleMs;
  // With a listener here node:http leaves the decision to us instead of destroying every idle socket.
  server.on('timeout', (socket: Socket) => {
    const x = exchanges.get(socket);
    if (x?.req.complete && !x.res.writableEnded) return; // an answer is in progress
    socket.destroy();
  });
  return {
    begin(req, res) {
      exchanges.set(req.socket, { req, res });
    },
    current: (socket) => exchanges.get(socket),
  };
}
