// startFakeUpstream: the loopback node:http server that records calls, checks keys and answers by behaviour.
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { anthropicFormat } from './anthropic';
import { BEHAVIOUR_HEADER, BehaviourQueue, parseBehaviourHeader } from './behaviour';
import { geminiFormat } from './gemini';
import { nextId } from './ids';
import { DEFAULT_MODELS, renderModelBodies } from './models';
import { openAiChatFormat } from './openai-chat';
import { passThroughAnswer } from './pass-through';
import { buildReply } from './reply';
import { checkMessages, checkResponsesInput, ThinkingSigner, wantsThinking } from './request-checks';
import { type Exchange, perform, sendBody, sendError, sendRealError } from './respond';
import { attachResponsesSocket } from './responses-socket';
import { createRouter, type RequestBody, type Route } from './routes';
import { Timers } from './timers';
import type { FakeUpstream, FakeUpstreamOptions, RecordedCall } from './types';
import type { WireFormat } from './wire-format';

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function parseJson(body: Buffer): unknown {
  if (body.length === 0) return undefined;
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
}

function flattenHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function carriesKey(headers: IncomingHttpHeaders, query: string, key: string): boolean {
  if (headerValue(headers, 'x-api-key') === key) return true;
  if (headerValue(headers, 'authorization') === `Bearer ${key}`) return true;
  if (headerValue(headers, 'x-goog-api-key') === key) return true;
  return query !== '' && new URLSearchParams(query).get('key') === key;
}

/** The key a request carried, wherever it put it. */
function presentedKey(headers: IncomingHttpHeaders, query: string): string | undefined {
  const bearer = /^Bearer\s+(\S+)$/i.exec(headerValue(headers, 'authorization') ?? '')?.[1];
  return (
    headerValue(headers, 'x-api-key') ??
    bearer ??
    headerValue(headers, 'x-goog-api-key') ??
    (query === '' ? undefined : (new URLSearchParams(query).get('key') ?? undefined))
  );
}

/** The error shape a path speaks when it has no route (or before the route is trusted). */
function formatForPath(path: string, headers: IncomingHttpHeaders): WireFormat {
  if (path.startsWith('/v1/messages')) return anthropicFormat;
  if (path.startsWith('/v1beta/') || /^\/v1\/models\/[^/]+:/.test(path)) return geminiFormat;
  if (path === '/v1/models' && headers['anthropic-version']) return anthropicFormat;
  return openAiChatFormat;
}

export function startFakeUpstream(opts: FakeUpstreamOptions = {}): Promise<FakeUpstream> {
  const record = opts.recordBodies !== false;
  const apiKey = opts.apiKey;
  const route = createRouter(renderModelBodies(opts.models ?? DEFAULT_MODELS));
  const calls: RecordedCall[] = [];
  const behaviours = new BehaviourQueue();
  const timers = new Timers();
  const signer = new ThinkingSigner();
  let active = 0;
  let abortedByClient = 0;
  let idleWaiters: (() => void)[] = [];

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const url = req.url ?? '/';
    const mark = url.indexOf('?');
    const path = mark === -1 ? url : url.slice(0, mark);
    const query = mark === -1 ? '' : url.slice(mark + 1);
    const method = req.method ?? 'GET';
    const json = parseJson(body);
    if (record) calls.push({ method, path, query, headers: flattenHeaders(req.headers), body, json });

    const requestId = `req_011C${nextId()}`;
    const matched: Route | undefined = route(method, path, req.headers);
    if (apiKey !== undefined && !carriesKey(req.headers, query, apiKey)) {
      sendError(res, matched?.format ?? formatForPath(path, req.headers), requestId, 401);
      return;
    }
    if (!matched && formatForPath(path, req.headers) === openAiChatFormat && path.startsWith('/v1/')) {
      const answer = passThroughAnswer(method, path, headerValue(req.headers, 'content-type'), body, json);
      res.writeHead(answer.status, {
        ...openAiChatFormat.headers(requestId, answer.status),
        'content-type': answer.contentType,
        'content-length': Buffer.byteLength(answer.body),
      });
      res.end(answer.body);
      return;
    }
    if (!matched) {
      sendError(res, formatForPath(path, req.headers), requestId, 404, `Invalid URL (${method} ${path})`);
      return;
    }

    const requestBody: RequestBody =
      typeof json === 'object' && json !== null && !Array.isArray(json) ? (json as RequestBody) : {};
    // What the real upstream refuses before anything else (the behaviour queue is not consumed).
    if (method === 'POST' && path === '/v1/messages') {
      const refused = checkMessages(requestBody, signer);
      if (refused) return sendRealError(res, matched.format, requestId, refused.error, refused.message);
    }
    if (method === 'POST' && path === '/v1/responses' && opts.codexBackend) {
      const refused = checkResponsesInput(requestBody);
      if (refused) return sendRealError(res, matched.format, requestId, refused);
    }

    if (path === '/v1/responses' && json && (json as RequestBody).store === false) {
      const previous = (json as RequestBody).previous_response_id;
      if (typeof previous === 'string') {
        // A response made with store: false is kept nowhere an HTTP request could continue it.
        const error = {
          message: `Previous response with id '${previous}' not found.`,
          type: 'invalid_request_error',
          param: 'previous_response_id',
          code: 'previous_response_not_found',
        };
        sendBody(res, matched.format, requestId, 400, 'application/json', JSON.stringify({ error }));
        return;
      }
    }
    const override = headerValue(req.headers, BEHAVIOUR_HEADER);
    const behaviour = override === undefined ? behaviours.next() : parseBehaviourHeader(override);
    if (typeof behaviour === 'string') {
      sendError(res, matched.format, requestId, 400, behaviour);
      return;
    }

    const thinks = matched.format === anthropicFormat && path === '/v1/messages' && wantsThinking(requestBody);
    const exchange: Exchange = {
      res,
      format: matched.format,
      streamed: matched.streamed(requestBody, query),
      requestId,
      presentedKey: presentedKey(req.headers, query),
      timers,
      json: (reply) => matched.json(reply, requestBody),
      reply: (ok) => ({
        ...buildReply({
          id: nextId(),
          requestId,
          model: matched.model(requestBody),
          bodyBytes: body.length,
          includeUsage: matched.includeUsage(requestBody),
          ok,
        }),
        thinkingSignature: thinks ? signer.sign() : undefined,
      }),
    };
    perform(behaviour, exchange);
  }

  const server = createServer((req, res) => {
    active++;
    res.once('close', () => {
      active--;
      if (!res.writableFinished) abortedByClient++;
      if (active === 0) {
        for (const w of idleWaiters) w();
        idleWaiters = [];
      }
    });
    handle(req, res).catch(() => res.destroy());
  });

  const sockets = attachResponsesSocket(server, {
    apiKey,
    calls: record ? calls : undefined,
    behaviours,
    headers: (req) => flattenHeaders(req.headers),
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      const address = server.address() as AddressInfo;
      const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      resolve({
        url: `http://${host}:${address.port}`,
        calls,
        enqueue: (...list) => behaviours.enqueue(list),
        setDefault: (behaviour) => behaviours.setDefault(behaviour),
        inFlight: () => active,
        socketConnections: () => sockets.connections(),
        abortedByClient: () => abortedByClient,
        whenIdle: () => (active === 0 ? Promise.resolve() : new Promise<void>((r) => idleWaiters.push(r))),
        reset: () => {
          calls.length = 0;
          behaviours.reset();
        },
        close: () =>
          new Promise<void>((done) => {
            timers.clear();
            sockets.close();
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
