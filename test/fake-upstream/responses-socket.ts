// OpenAI's Responses API over WebSocket, as codex-rs speaks it: an upgrade at /v1/responses (401 without the key),
// then per `response.create` message the same events the SSE stream carries, one JSON text message each, and
// failures as `{"type":"error","status":N,"error":{…}}`. With `store: false` a response is held only by the
// connection that made it: `previous_response_id` naming another is `previous_response_not_found`.
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { type WebSocket, WebSocketServer } from 'ws';
import type { BehaviourQueue } from './behaviour';
import { nextId } from './ids';
import { openAiErrorObject } from './openai-errors';
import { openAiResponsesFormat } from './openai-responses';
import { buildReply } from './reply';
import type { Behaviour, RecordedCall } from './types';

export interface SocketSide {
  /** Open client connections. */
  connections(): number;
  close(): void;
}

interface CreateMessage {
  type?: unknown;
  model?: unknown;
  previous_response_id?: unknown;
  generate?: unknown;
}

export function attachResponsesSocket(
  server: Server,
  opts: {
    apiKey: string | undefined;
    calls: RecordedCall[] | undefined;
    behaviours: BehaviourQueue;
    headers: (req: IncomingMessage) => Record<string, string>;
  },
): SocketSide {
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: true });
  const open = new Set<WebSocket>();
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = (req.url ?? '/').split('?')[0];
    const refuse = (status: number, body: object) => {
      const text = JSON.stringify(body);
      socket.end(
        `HTTP/1.1 ${status} ${status === 401 ? 'Unauthorized' : 'Not Found'}\r\ncontent-type: application/json\r\n` +
          `content-length: ${Buffer.byteLength(text)}\r\nconnection: close\r\n\r\n${text}`,
      );
    };
    if (path !== '/v1/responses') return refuse(404, { error: openAiErrorObject(404) });
    if (opts.apiKey !== undefined && req.headers.authorization !== `Bearer ${opts.apiKey}`) {
      return refuse(401, { error: openAiErrorObject(401) });
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      open.add(ws);
      ws.once('close', () => open.delete(ws));
      serveConnection(ws, opts.headers(req), opts);
    });
  });
  return {
    connections: () => open.size,
    close: () => {
      for (const ws of open) ws.terminate();
    },
  };
}

function serveConnection(
  ws: WebSocket,
  headers: Record<string, string>,
  opts: { calls: RecordedCall[] | undefined; behaviours: BehaviourQueue },
): void {
  /** Responses made on this connection (store: false keeps them nowhere else). */
  const held = new Set<string>();
  const send = (event: object) => ws.send(JSON.stringify(event));
  const sendError = (status: number, error: object) => send({ type: 'error', status, error });

  ws.on('message', (data, isBinary) => {
    const body = data as Buffer;
    let json: CreateMessage | undefined;
    try {
      json = isBinary ? undefined : (JSON.parse(body.toString('utf8')) as CreateMessage);
    } catch {
      json = undefined;
    }
    opts.calls?.push({ method: 'WS', path: '/v1/responses', query: '', headers, body, json });
    if (json?.type !== 'response.create') {
      return sendError(400, { type: 'invalid_request_error', code: 'unknown_event', message: 'Unknown event type.' });
    }
    const previous = json.previous_response_id;
    if (typeof previous === 'string' && !held.has(previous)) {
      return sendError(400, {
        type: 'invalid_request_error',
        code: 'previous_response_not_found',
        message: `Previous response with id '${previous}' not found.`,
        param: 'previous_response_id',
      });
    }
    const behaviour: Behaviour = opts.behaviours.next();
    if (behaviour.kind === 'status') {
      return sendError(behaviour.status, openAiErrorObject(behaviour.status));
    }
    const ok = behaviour.kind === 'ok' ? behaviour : undefined;
    const warmup = json.generate === false;
    const reply = buildReply({
      id: nextId(),
      requestId: `req_${nextId()}`,
      model: typeof json.model === 'string' ? json.model : 'gpt-5',
      bodyBytes: body.length,
      includeUsage: false,
      ok: warmup ? { kind: 'ok', text: '', usage: { output: 0 } } : ok,
    });
    const script = openAiResponsesFormat.stream(reply);
    const events = warmup
      ? [script.prelude[0] as string, script.finale[script.finale.length - 1] as string]
      : [...script.prelude, ...script.deltas, ...script.finale];
    const cut = behaviour.kind === 'errorMidStream' ? script.prelude.length + (behaviour.afterDeltas ?? 2) : -1;
    for (const [i, sse] of events.entries()) {
      if (i === cut) {
        return sendError(500, openAiErrorObject(500));
      }
      ws.send(dataOf(sse));
    }
    held.add(`resp_${reply.id}`);
  });
}

/** The JSON payload of one SSE event as the fake's HTTP stream writes it. */
function dataOf(sse: string): string {
  const line = sse.split('\n').find((l) => l.startsWith('data: ')) ?? 'data: {}';
  return line.slice('data: '.length);
}
