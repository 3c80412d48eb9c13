// How the client reached the hub: TLS or a trusted proxy's X-Forwarded-Proto, and the Host it used.
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import type { TLSSocket } from 'node:tls';

/**
 * A peer whose `X-Forwarded-Proto` is believed: loopback or a private-range address (a reverse proxy on the same
 * host, in the same Docker network or on the LAN). A public peer's header is ignored.
 */
export function isTrustedProxyPeer(address: string | undefined): boolean {
  if (!address) return false;
  const ip = address.startsWith('::ffff:') ? address.slice(7) : address;
  if (isIP(ip) === 4) {
    const [a = 0, b = 0] = ip.split('.').map(Number);
    return a === 127 || a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168);
  }
  if (isIP(ip) === 6) {
    const lower = ip.toLowerCase();
    return lower === '::1' || lower.startsWith('fc') || lower.startsWith('fd');
  }
  return false;
}

/** True when the request came over TLS, or through a trusted proxy that says it did. */
export function cameOverTls(req: IncomingMessage): boolean {
  if ((req.socket as TLSSocket).encrypted) return true;
  const forwarded = req.headers['x-forwarded-proto'];
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim().toLowerCase();
  return first === 'https' && isTrustedProxyPeer(req.socket.remoteAddress);
}

const HOST = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(:\d{1,5})?$/;

/**
 * The hub's base URL as this client reached it (so a LAN user sees the LAN address): the Host header when it is a
 * plain host[:port], else the address the hub listens on.
 */
export function publicBaseUrl(req: IncomingMessage, fallback: string): string {
  const host = req.headers.host;
  if (!host || !HOST.test(host)) return fallback;
  return `${cameOverTls(req) ? 'https' : 'http'}://${host}`;
}
