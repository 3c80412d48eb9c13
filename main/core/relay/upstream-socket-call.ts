// One turn sent on a provider's Responses WebSocket, read as an upstream answer: its events become SSE bytes for the
// stream relay (the one state machine for holding, failover, usage and settling), the turn ending at its last event.
import type WebSocket from 'ws';
import { prependField } from '../formats/common/request';
import type { ProviderRuntime } from '../model/entities';
import { AnswerBody, type UpstreamHead } from './answer-body';
import type { UpstreamAnswer } from './upstream-call';
import type { UpstreamSockets } from './upstream-sockets';

/** The events that end a turn on the Responses WebSocket. */
const TERMINAL = new Set(['response.completed', 'response.failed', 'response.incomplete', 'error']);
const TYPE = /^\s*\{\s*"type"\s*:\s*"([^"\\]{1,80})"/;
const STREAM_HEAD: UpstreamHead = { status: 200, headers: { 'content-type': 'text/event-stream' } };

export class UpstreamSocketCall extends AnswerBody implements UpstreamAnswer {
  readonly head: Promise<UpstreamHead>;
  private resolveHead!: (h: UpstreamHead) => void;
  private rejectHead!: (err: Error) => void;
  private socket: WebSocket | undefined;
  private headSeen = false;
  private done = false;

  constructor(
    private readonly sockets: UpstreamSockets,
    private readonly provider: ProviderRuntime,
    url: string,
    headers: Record<string, string>,
    body: Buffer,
  ) {
    super();
    this.head = new Promise<UpstreamHead>((resolve, reject) => {
      this.resolveHead = resolve;
      this.rejectHead = reject;
    });
    const message = prependField(body, 'type', '"response.create"') ?? body;
    void sockets.connect(provider.id, url, headers, provider.timeouts.connectMs).then((opened) => {
      if (this.done) {
        if (opened.ok) this.release(opened.socket, false);
        return;
      }
      if (!opened.ok) {
        if ('error' in opened) return this.fail(opened.error);
        // The upgrade was refused with an HTTP answer: relayed as that answer (a failed status, failover).
        this.headSeen = true;
        this.resolveHead({ status: opened.status, headers: opened.headers });
        this.push(opened.body);
        return this.finish();
      }
      this.socket = opened.socket;
      opened.socket.on('message', this.onMessage);
      opened.socket.once('close', this.onClose);
      opened.socket.send(message.toString('utf8'));
    });
  }

  private readonly onMessage = (data: WebSocket.RawData, isBinary: boolean): void => {
    if (this.done || isBinary) return;
    const text = data.toString();
    if (!this.headSeen) {
      this.headSeen = true;
      this.resolveHead(STREAM_HEAD);
    }
    this.push(Buffer.from(`data: ${text}\n\n`));
    const type = TYPE.exec(text.slice(0, 120))?.[1];
    if (type !== undefined && TERMINAL.has(type)) {
      if (this.socket) this.release(this.socket, false);
      this.finish();
    }
  };

  private readonly onClose = (): void => {
    if (this.socket) this.release(this.socket, true);
    this.fail(Object.assign(new Error('the provider closed its WebSocket mid-turn'), { code: 'UND_ERR_SOCKET' }));
  };

  /** Stops listening to the socket; a socket left mid-turn is dropped (its turn's events would reach the next). */
  private release(socket: WebSocket, cut: boolean): void {
    socket.off('message', this.onMessage);
    socket.off('close', this.onClose);
    if (cut) this.sockets.drop(this.provider.id, socket);
  }

  private push(chunk: Buffer): void {
    this.bodyData(chunk);
  }

  private finish(): void {
    if (this.done) return;
    this.done = true;
    this.bodyEnd();
  }

  private fail(err: Error): void {
    if (this.done) return;
    this.done = true;
    if (!this.headSeen) {
      this.rejectHead(err);
      return;
    }
    this.bodyError(err);
  }

  abort(reason: Error): void {
    if (this.done) return;
    if (this.socket) this.release(this.socket, true);
    this.fail(reason);
  }

  pause(): void {
    this.socket?.pause();
  }

  resume(): void {
    this.socket?.resume();
  }
}

/** The provider's WebSocket address for an HTTP upstream URL (`http` → `ws`, `https` → `wss`). */
export function socketUrl(origin: string, path: string): string {
  return `${origin.replace(/^http/, 'ws')}${path}`;
}
