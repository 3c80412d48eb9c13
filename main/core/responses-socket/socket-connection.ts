// One client's Responses WebSocket: its `response.create` messages relayed one at a time as turns (each a request of
// its own through the relay's stages), the provider holding each response remembered so a turn continuing it goes
// there, and the connection's limits: idle time, total lifetime, ping/pong liveness, shutdown.
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import type WebSocket from 'ws';
import type { Clock, TimerHandle } from '../clock';
import type { Relay } from '../relay/relay';
import { UpstreamSockets } from '../relay/upstream-sockets';
import { readClientMessage } from './turn-message';
import { turnHeaders, turnRequest } from './turn-request';
import { TurnResponse } from './turn-response';

export interface SocketLimits {
  /** Closed after this long with no turn in flight and no message. */
  idleMs: number;
  /** After this long the next turn is refused with `websocket_connection_limit_reached` (Codex reconnects). */
  lifetimeMs: number;
  /** Ping interval; a client that has not answered the previous ping by the next one is cut. */
  pingMs: number;
}

/** Responses remembered per connection (a turn continues the last one; older ids are rarely referenced). */
const MAX_REMEMBERED = 64;
const LIFETIME_MESSAGE = 'Responses websocket connection limit reached. Create a new websocket connection to continue.';

export class ResponsesConnection {
  private readonly queue: Buffer[] = [];
  private busy = false;
  private current: TurnResponse | undefined;
  private expired = false;
  private closing = false;
  private closed = false;
  private alive = true;
  private idleTimer: TimerHandle | undefined;
  private readonly lifetimeTimer: TimerHandle;
  private pingTimer: TimerHandle | undefined;
  private readonly headers: IncomingHttpHeaders;
  private readonly upstream = new UpstreamSockets();
  /** Response id → the provider that made it. */
  private readonly heldBy = new Map<string, string>();

  constructor(
    private readonly socket: WebSocket,
    private readonly upgrade: IncomingMessage,
    private readonly relay: Relay,
    private readonly clock: Clock,
    private readonly limits: SocketLimits,
    private readonly onClosed: (c: ResponsesConnection) => void,
  ) {
    this.headers = turnHeaders(upgrade);
    socket.on('message', (data: WebSocket.RawData, isBinary) => this.onMessage(data as Buffer, isBinary));
    socket.on('pong', () => {
      this.alive = true;
    });
    socket.on('error', () => {}); // followed by close
    socket.once('close', () => this.onClose());
    this.lifetimeTimer = clock.setTimeout(() => this.expire(), limits.lifetimeMs);
    this.armIdle();
    this.armPing();
  }

  /** Shutdown: closed once the turn in flight (if any) ends. */
  shutdown(): void {
    this.closing = true;
    if (!this.busy) this.close(1001, 'server restart');
  }

  private onMessage(data: Buffer, isBinary: boolean): void {
    if (this.closed || this.closing) return;
    if (isBinary) {
      this.sendError(400, 'invalid_request_error', 'invalid_message', 'binary messages are not accepted');
      return;
    }
    this.queue.push(data);
    this.pump();
  }

  private pump(): void {
    while (!this.busy && !this.closed && this.queue.length > 0) {
      const data = this.queue.shift() as Buffer;
      const message = readClientMessage(data);
      if (message.kind === 'ignored') continue;
      if (message.kind === 'invalid') {
        this.sendError(400, 'invalid_request_error', 'invalid_message', message.message);
        continue;
      }
      if (this.expired) {
        this.sendError(400, 'invalid_request_error', 'websocket_connection_limit_reached', LIFETIME_MESSAGE);
        this.close(1000, 'connection limit reached');
        return;
      }
      void this.runTurn(message.body, message.previousResponseId);
    }
    if (!this.busy) this.armIdle();
  }

  private async runTurn(body: Buffer, previousResponseId: string | undefined): Promise<void> {
    this.busy = true;
    this.clearIdle();
    const pinnedProvider = previousResponseId === undefined ? undefined : this.heldBy.get(previousResponseId);
    const res = new TurnResponse(this.socket, pinnedProvider !== undefined);
    this.current = res;
    const req = turnRequest(this.upgrade, this.headers, body);
    try {
      const { providerId } = await this.relay.handleTurn(req, res as never, {
        pinnedProvider,
        upstreamSockets: this.upstream,
      });
      if (providerId !== undefined && res.responseId !== undefined) this.remember(res.responseId, providerId);
    } finally {
      this.current = undefined;
      this.busy = false;
    }
    if (this.closing) {
      this.close(1001, 'server restart');
      return;
    }
    this.pump();
  }

  private remember(responseId: string, providerId: string): void {
    if (this.heldBy.size >= MAX_REMEMBERED) {
      const oldest = this.heldBy.keys().next().value;
      if (oldest !== undefined) this.heldBy.delete(oldest);
    }
    this.heldBy.set(responseId, providerId);
  }

  /** The connection's lifetime is over: refused at the next turn (or closed now when idle). */
  private expire(): void {
    this.expired = true;
  }

  private sendError(status: number, type: string, code: string, message: string): void {
    if (this.closed) return;
    this.socket.send(JSON.stringify({ type: 'error', status, error: { type, code, message } }));
  }

  private armIdle(): void {
    this.clearIdle();
    if (this.closed) return;
    this.idleTimer = this.clock.setTimeout(() => {
      if (!this.busy) this.close(1000, 'idle timeout');
    }, this.limits.idleMs);
  }

  private clearIdle(): void {
    if (this.idleTimer !== undefined) this.clock.clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
  }

  private armPing(): void {
    this.pingTimer = this.clock.setTimeout(() => {
      if (this.closed) return;
      if (!this.alive) {
        this.socket.terminate();
        return;
      }
      this.alive = false;
      this.socket.ping();
      this.armPing();
    }, this.limits.pingMs);
  }

  private close(code: number, reason: string): void {
    if (this.closed) return;
    this.socket.close(code, reason);
    this.onClose();
  }

  private onClose(): void {
    if (this.closed) return;
    this.closed = true;
    this.clearIdle();
    this.clock.clearTimeout(this.lifetimeTimer);
    if (this.pingTimer !== undefined) this.clock.clearTimeout(this.pingTimer);
    this.current?.clientGone();
    this.upstream.closeAll();
    this.onClosed(this);
  }
}
