// The Responses WebSocket at /v1/responses: the upgrade checked as the request it stands for (route, hub key) and
// refused in OpenAI's error shape (426 when the operator turned the WebSocket off, so Codex falls back to HTTP), then
// one ResponsesConnection per client; shutdown closes each once its turn in flight ends.
import { type IncomingMessage, type Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { Clock } from '../clock';
import { newRequestId } from '../ids';
import { sendHubError } from '../relay/hub-error';
import type { Relay } from '../relay/relay';
import { splitUrl } from '../relay/request-url';
import { ResponsesConnection, type SocketLimits } from './socket-connection';

export const DEFAULT_SOCKET_LIMITS: SocketLimits = {
  idleMs: 15 * 60_000,
  lifetimeMs: 60 * 60_000,
  pingMs: 30_000,
};

export interface ResponsesSocketDeps {
  relay: Relay;
  clock: Clock;
  /** Settings: the operator serves the Responses API over WebSocket. */
  enabled: () => boolean;
  /** The largest message accepted (the relay's body cap). */
  maxMessageBytes: number;
  limits?: Partial<SocketLimits>;
}

export interface ResponsesSocketServer {
  /** Open client connections. */
  connections(): number;
  /** Closes every connection once its turn in flight ends. */
  shutdown(): void;
}

export function attachResponsesSocket(server: Server, deps: ResponsesSocketDeps): ResponsesSocketServer {
  const limits = { ...DEFAULT_SOCKET_LIMITS, ...deps.limits };
  const wss = new WebSocketServer({ noServer: true, maxPayload: deps.maxMessageBytes, perMessageDeflate: true });
  const open = new Set<ResponsesConnection>();
  let stopping = false;

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    // The HTTP server's idle timeout stops applying: the connection's own limits govern it from here.
    (socket as Socket).setTimeout?.(0);
    const res = new ServerResponse(req);
    res.assignSocket(socket as never);
    res.shouldKeepAlive = false;
    res.once('finish', () => socket.end());
    const path = splitUrl(req.url ?? '/').path;
    if (path !== '/v1/responses' || stopping || !deps.enabled()) {
      const [status, code, message] =
        path !== '/v1/responses'
          ? [404, 'unknown_endpoint', `no WebSocket endpoint at ${path}`]
          : stopping
            ? [503, 'shutting_down', 'the hub is shutting down']
            : [426, 'upgrade_required', 'the Responses WebSocket is turned off on this hub; use HTTP'];
      sendHubError(res, 'openai-responses', status, code, message, newRequestId(deps.clock.now()));
      return;
    }
    if (deps.relay.refuseUpgrade(req, res)) return;
    res.detachSocket(socket as never);
    res.removeAllListeners('finish');
    wss.handleUpgrade(req, socket, head, (ws) => {
      const connection = new ResponsesConnection(ws, req, deps.relay, deps.clock, limits, (c) => open.delete(c));
      open.add(connection);
      if (stopping) connection.shutdown();
    });
  });

  return {
    connections: () => open.size,
    shutdown: () => {
      stopping = true;
      for (const c of open) c.shutdown();
    },
  };
}
