// A WebSocket turn's answer as the relay writes it (the subset of ServerResponse the relay uses): a stream's SSE
// events become one text message each, an error answer one `error` event carrying its HTTP status, as OpenAI's
// Responses WebSocket sends them; `write` reports backpressure while the client reads slowly.
import { EventEmitter } from 'node:events';
import type { OutgoingHttpHeaders } from 'node:http';
import type WebSocket from 'ws';
import { SseScanner } from '../formats/common/sse-scanner';

/** Unsent bytes queued for a slow client past which `write` asks the relay to pause the upstream. */
const HIGH_WATER = 1024 * 1024;
const CREATED = /^\s*\{\s*"type"\s*:\s*"response\.created"/;
/** Hub refusals meaning no provider that holds the continued response could take the turn. */
const NOT_HELD = new Set(['no_provider', 'upstream_failed']);
/** Response headers an error event carries (Codex reads rate-limit and retry hints from them). */
const ERROR_HEADERS = /^(x-cchub-|x-ratelimit-|x-request-id|openai-)/;
/**
 * Codex waits out an error event's `retry-after` before it reports anything: passed on only for a short wait (an RPM
 * window), never for a spend window that resets tomorrow (the message says when).
 */
const MAX_RETRY_AFTER_SECONDS = 60;

export class TurnResponse extends EventEmitter {
  statusCode = 200;
  headersSent = false;
  destroyed = false;
  writableFinished = false;
  /** The id of the response this turn created (from its `response.created` event). */
  responseId: string | undefined;
  private headers: OutgoingHttpHeaders = {};
  private scanner: SseScanner | undefined;
  private errorBody: Buffer[] = [];
  private pending = 0;
  private waitingDrain = false;

  constructor(
    private readonly socket: WebSocket,
    /** The turn continues a response held by one provider. */
    private readonly pinned: boolean,
  ) {
    super();
  }

  writeHead(status: number, headers: OutgoingHttpHeaders = {}): this {
    this.statusCode = status;
    this.headers = headers;
    this.headersSent = true;
    const type = String(headers['content-type'] ?? '');
    if (status >= 200 && status < 300 && type.includes('text/event-stream')) this.scanner = new SseScanner();
    return this;
  }

  write(chunk: Buffer | string): boolean {
    if (this.destroyed) return false;
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    if (this.scanner) {
      this.scanner.push(buf, (ev) => {
        if (ev.data) this.send(ev.text);
      });
    } else this.errorBody.push(buf);
    if (this.pending < HIGH_WATER) return true;
    this.waitingDrain = true;
    return false;
  }

  end(chunk?: Buffer | string): this {
    if (this.destroyed || this.writableFinished) return this;
    if (chunk !== undefined) this.write(chunk);
    if (!this.scanner) this.sendAnswer(Buffer.concat(this.errorBody));
    this.writableFinished = true;
    this.emit('finish');
    this.emit('close');
    return this;
  }

  destroy(): this {
    if (this.destroyed) return this;
    this.destroyed = true;
    if (!this.writableFinished) this.emit('close');
    return this;
  }

  /** The client connection closed mid-turn: the relay sees its client gone. */
  clientGone(): void {
    this.destroy();
  }

  private send(text: string): void {
    if (this.responseId === undefined && CREATED.test(text.slice(0, 60))) this.responseId = responseIdOf(text);
    const size = Buffer.byteLength(text);
    this.pending += size;
    this.socket.send(text, () => {
      this.pending -= size;
      if (this.waitingDrain && this.pending < HIGH_WATER / 2) {
        this.waitingDrain = false;
        this.emit('drain');
      }
    });
  }

  /** A whole answer: a success becomes `response.completed`, anything else the `error` event with its status. */
  private sendAnswer(body: Buffer): void {
    const status = this.statusCode;
    const parsed = parseObject(body);
    if (status >= 200 && status < 300) {
      this.send(JSON.stringify({ type: 'response.completed', response: parsed ?? {} }));
      return;
    }
    let error = (parsed?.error as Record<string, unknown> | undefined) ?? {
      type: 'api_error',
      message: body.toString('utf8').slice(0, 2000),
    };
    const code = String(this.headers['x-cchub-error-code'] ?? '');
    if (this.pinned && NOT_HELD.has(code)) {
      // The provider holding the continued response cannot take the turn: Codex then resends the whole request.
      error = { ...error, type: 'invalid_request_error', code: 'previous_response_not_found' };
    }
    const headers: Record<string, string> = {};
    for (const name in this.headers) {
      const v = this.headers[name];
      if (ERROR_HEADERS.test(name) && v !== undefined) headers[name] = String(v);
    }
    const retryAfter = Number(this.headers['retry-after']);
    if (retryAfter > 0 && retryAfter <= MAX_RETRY_AFTER_SECONDS) headers['retry-after'] = String(retryAfter);
    this.send(JSON.stringify({ type: 'error', status, error, headers }));
  }
}

function parseObject(body: Buffer): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(body.toString('utf8'));
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function responseIdOf(text: string): string | undefined {
  const id = (parseObject(Buffer.from(text))?.response as { id?: unknown } | undefined)?.id;
  return typeof id === 'string' ? id : undefined;
}
