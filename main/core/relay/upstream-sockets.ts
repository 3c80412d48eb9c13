// One client WebSocket's connections to the providers that serve the Responses API over WebSocket: one per provider,
// kept for the client connection's life, so a turn continuing a response reaches the connection that holds it.
import WebSocket from 'ws';

/** What opening a provider's WebSocket came to: the open socket, or the HTTP answer that refused the upgrade. */
export type SocketOpening =
  | { ok: true; socket: WebSocket }
  | { ok: false; status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }
  | { ok: false; error: Error };

export class UpstreamSockets {
  private readonly open = new Map<string, WebSocket>();
  private closed = false;

  /** The provider's open socket, or a new one to `url` (opened with `headers`, within `connectMs`). */
  connect(providerId: string, url: string, headers: Record<string, string>, connectMs: number): Promise<SocketOpening> {
    const current = this.open.get(providerId);
    if (current && current.readyState === WebSocket.OPEN) return Promise.resolve({ ok: true, socket: current });
    if (this.closed) return Promise.resolve({ ok: false, error: new Error('the client connection is closed') });
    return new Promise<SocketOpening>((resolve) => {
      const socket = new WebSocket(url, { headers, handshakeTimeout: connectMs, perMessageDeflate: false });
      socket.once('open', () => {
        socket.off('error', failed);
        if (this.closed) {
          socket.terminate();
          resolve({ ok: false, error: new Error('the client connection is closed') });
          return;
        }
        this.open.set(providerId, socket);
        socket.on('error', () => {}); // a later failure shows as the close the turn in flight sees
        socket.once('close', () => {
          if (this.open.get(providerId) === socket) this.open.delete(providerId);
        });
        resolve({ ok: true, socket });
      });
      const failed = (err: Error) => resolve({ ok: false, error: err });
      socket.once('error', failed);
      socket.once('unexpected-response', (_req, res) => {
        socket.off('error', failed);
        socket.on('error', () => {});
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', () => resolve({ ok: false, error: new Error('the upgrade answer was cut') }));
        res.on('end', () =>
          resolve({ ok: false, status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) }),
        );
      });
    });
  }

  /** Drops the provider's socket (a turn on it was cut: what it holds is no longer known). */
  drop(providerId: string, socket: WebSocket): void {
    if (this.open.get(providerId) === socket) this.open.delete(providerId);
    socket.terminate();
  }

  /** Whether a provider's socket is open (it holds the responses made on it). */
  isOpen(providerId: string): boolean {
    return this.open.get(providerId)?.readyState === WebSocket.OPEN;
  }

  /** Closes every socket: the client connection ended. */
  closeAll(): void {
    this.closed = true;
    for (const socket of this.open.values()) socket.close(1000);
    this.open.clear();
  }
}
