// A WebSocket turn as the relay's request: the upgrade's headers (without the WebSocket handshake's own) and the
// `response.create` body, as one POST /v1/responses.
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';

/** Handshake headers that describe the upgrade, not the request the turn stands for. */
const HANDSHAKE = new Set([
  'upgrade',
  'connection',
  'sec-websocket-key',
  'sec-websocket-version',
  'sec-websocket-extensions',
  'sec-websocket-protocol',
  'content-length',
  'content-encoding',
  'transfer-encoding',
]);

/** The turn's headers, built once per connection. */
export function turnHeaders(upgrade: IncomingMessage): IncomingHttpHeaders {
  const out: IncomingHttpHeaders = {};
  for (const name in upgrade.headers) if (!HANDSHAKE.has(name)) out[name] = upgrade.headers[name];
  out['content-type'] = 'application/json';
  return out;
}

export function turnRequest(upgrade: IncomingMessage, headers: IncomingHttpHeaders, body: Buffer): IncomingMessage {
  const req = new Readable({
    read() {
      this.push(body);
      this.push(null);
    },
  }) as unknown as IncomingMessage & { headers: IncomingHttpHeaders };
  req.headers = { ...headers, 'content-length': String(body.length) };
  req.method = 'POST';
  req.url = upgrade.url ?? '/v1/responses';
  Object.defineProperty(req, 'socket', { value: upgrade.socket });
  return req;
}
