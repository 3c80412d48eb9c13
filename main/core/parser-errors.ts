// Answers node:http's parser-level refusals (bad request line, headers too large, request timeout) in the wire format
// of the path the client asked for, instead of node's empty-bodied 400/431/408.
import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import { formatNear, matchEndpoint, WIRE_FORMATS, type WireFormat } from './formats';
import { newRequestId } from './ids';
import { hubErrorMessage } from './relay/hub-error';
import { splitUrl } from './relay/request-url';
import type { ExchangeTracker } from './server-timeouts';

type PathShape = WireFormat | 'admin' | 'plain';

/** The error shape a path's clients read. */
export function shapeForPath(path: string | undefined): PathShape {
  if (path === undefined) return 'plain';
  const format = matchEndpoint(path)?.format ?? formatNear(path);
  if (format) return format;
  if (path.startsWith('/api/')) return 'admin';
  return 'plain';
}

const REFUSALS: Record<string, { status: number; code: string; message: string }> = {
  HPE_HEADER_OVERFLOW: {
    status: 431,
    code: 'headers_too_large',
    message: 'the request headers are larger than the hub accepts',
  },
  HPE_CHUNK_EXTENSIONS_OVERFLOW: {
    status: 413,
    code: 'chunk_extensions_too_large',
    message: 'the chunk extensions are larger than the hub accepts',
  },
  ERR_HTTP_REQUEST_TIMEOUT: {
    status: 408,
    code: 'request_timeout',
    message: 'the request did not arrive in time',
  },
};
const BAD_REQUEST = { status: 400, code: 'bad_request', message: 'the request is not valid HTTP' };

const REQUEST_LINE = /^[A-Z]+ (\S+) HTTP\/\d/;

/** The path of the request line the bytes start with, if they do. */
function pathOf(raw: Buffer | undefined): string | undefined {
  if (!raw) return undefined;
  const m = REQUEST_LINE.exec(raw.toString('latin1', 0, Math.min(raw.length, 8192)));
  return m ? splitUrl(m[1] as string).path : undefined;
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  408: 'Request Timeout',
  413: 'Payload Too Large',
  431: 'Request Header Fields Too Large',
};

/** Every parser refusal is the client's doing: Anthropic's client-error types. */
function anthropicTypeOf(status: number): string {
  return status === 413 ? 'request_too_large' : 'invalid_request_error';
}

/** The whole HTTP response for a parser refusal on `path`. */
export function parserErrorResponse(code: string | undefined, path: string | undefined, requestId: string): Buffer {
  const r = (code && REFUSALS[code]) || BAD_REQUEST;
  const shape = shapeForPath(path);
  const message = hubErrorMessage(r.code, r.message, requestId);
  const body =
    shape === 'admin' || shape === 'plain'
      ? Buffer.from(JSON.stringify({ error: { code: r.code, message: r.message, requestId } }))
      : WIRE_FORMATS[shape].errors.body(r.status, shape === 'anthropic' ? anthropicTypeOf(r.status) : r.code, message);
  const head =
    `HTTP/1.1 ${r.status} ${STATUS_TEXT[r.status]}\r\n` +
    'content-type: application/json\r\n' +
    `content-length: ${body.length}\r\n` +
    `x-cchub-request-id: ${requestId}\r\n` +
    `x-cchub-error-code: ${r.code}\r\n` +
    'connection: close\r\n\r\n';
  return Buffer.concat([Buffer.from(head, 'latin1'), body]);
}

export function answerParserErrors(server: Server, exchanges: ExchangeTracker, now: () => number): void {
  server.on('clientError', (err: NodeJS.ErrnoException & { rawPacket?: Buffer }, socket: Socket) => {
    const x = exchanges.current(socket);
    // As node:http does: answer only when no answer of this connection has begun (it would corrupt it).
    const answering = x?.res.headersSent && !x.res.writableEnded;
    if (err.code !== 'ECONNRESET' && socket.writable && !answering) {
      // A timed-out request whose headers arrived is the socket's current one; a parse error carries its bytes.
      const path =
        err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? x && !x.req.complete
            ? splitUrl(x.req.url ?? '/').path
            : undefined
          : pathOf(err.rawPacket);
      socket.write(parserErrorResponse(err.code, path, newRequestId(now())));
    }
    socket.destroy();
  });
}
