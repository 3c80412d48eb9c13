// Who the client is: the socket's peer, or, when that peer is a configured trusted proxy, the address it forwards.
import type { IncomingMessage } from 'node:http';
import { BlockList, isIP } from 'node:net';

/**
 * The proxies whose `X-Forwarded-For` is believed (CCHUB_TRUSTED_PROXIES): addresses and CIDR ranges, IPv4 or IPv6.
 * An IPv4 entry also matches its IPv4-mapped IPv6 form (`::ffff:10.0.0.1`), as a dual-stack socket reports it.
 */
export class TrustedProxies {
  private readonly list = new BlockList();
  readonly entries: readonly string[];

  /** Throws a plain Error naming the first entry that is neither an address nor a CIDR range. */
  constructor(entries: readonly string[]) {
    for (const entry of entries) {
      const [address = '', bits, extra] = entry.split('/');
      const family = isIP(address);
      const max = family === 4 ? 32 : 128;
      const prefix = bits === undefined ? max : /^\d{1,3}$/.test(bits) ? Number(bits) : Number.NaN;
      if (family === 0 || extra !== undefined || !(prefix >= 0 && prefix <= max)) {
        throw new Error(`"${entry}" is not an IP address or CIDR range`);
      }
      this.list.addSubnet(address, prefix, family === 4 ? 'ipv4' : 'ipv6');
    }
    this.entries = [...entries];
  }

  /** Splits a comma- or space-separated list (the environment variable's form). */
  static parse(text: string): TrustedProxies {
    return new TrustedProxies(text.split(/[\s,]+/).filter((s) => s !== ''));
  }

  get isEmpty(): boolean {
    return this.entries.length === 0;
  }

  has(address: string): boolean {
    const family = isIP(address);
    return family !== 0 && this.list.check(address, family === 4 ? 'ipv4' : 'ipv6');
  }
}

export const NO_TRUSTED_PROXIES = new TrustedProxies([]);

/** One X-Forwarded-For hop without the port some proxies add (`1.2.3.4:5678`, `[2001:db8::1]:443`). */
function hopAddress(hop: string): string {
  const h = hop.trim();
  if (h.startsWith('[')) {
    const end = h.indexOf(']');
    return end > 0 ? h.slice(1, end) : h;
  }
  const colon = h.indexOf(':');
  return colon > 0 && colon === h.lastIndexOf(':') ? h.slice(0, colon) : h;
}

/**
 * The client's address. Without trusted proxies, or when the peer is not one, it is the socket's peer and
 * `X-Forwarded-For` is ignored (anyone can send it). From a trusted proxy it is the right-most forwarded hop that
 * is not itself a trusted proxy (each proxy appends the address it saw, so hops to the left of it may be forged);
 * when every hop is trusted, the left-most; an unreadable hop stops the walk at the last trusted one.
 */
export function clientAddress(req: IncomingMessage, trusted: TrustedProxies): string {
  const peer = req.socket.remoteAddress ?? 'unknown';
  if (trusted.isEmpty || !trusted.has(peer)) return peer;
  const header = req.headers['x-forwarded-for'];
  if (!header) return peer;
  const hops = (Array.isArray(header) ? header.join(',') : header).split(',');
  let client = peer;
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hopAddress(hops[i] as string);
    if (isIP(hop) === 0) break;
    client = hop;
    if (!trusted.has(hop)) break;
  }
  return client;
}
