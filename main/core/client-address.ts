// Who the client is: the socket's peer, or, when that peer is a configured trusted proxy, the address it forwards.
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';

/** A dotted IPv4 address's four bytes, read by hand (this runs per request behind a trusted proxy). */
function ipv4Bytes(text: string, from: number): number[] | undefined {
  const out: number[] = [];
  let value = 0;
  let digits = 0;
  for (let i = from; i <= text.length; i++) {
    const c = i === text.length ? 46 : text.charCodeAt(i);
    if (c >= 48 && c <= 57 && digits < 3) {
      value = value * 10 + c - 48;
      digits++;
    } else if (c === 46 && digits > 0 && value <= 255 && out.length < 4) {
      out.push(value);
      value = 0;
      digits = 0;
    } else {
      return undefined;
    }
  }
  return out.length === 4 ? out : undefined;
}

/**
 * An address's bytes: 4 for IPv4 (an IPv4-mapped IPv6 address included, as a dual-stack socket reports IPv4
 * peers), 16 for IPv6 (a zone such as `%eth0` ignored); undefined when it is not an IP address.
 */
export function ipBytes(text: string): number[] | undefined {
  if (!text.includes(':')) return ipv4Bytes(text, 0);
  if (text.startsWith('::ffff:') && text.includes('.')) return ipv4Bytes(text, 7);
  if (isIP(text) !== 6) return undefined;
  const bare = text.split('%')[0] as string;
  const [head = '', tail] = bare.split('::');
  const parts = (s: string) => (s === '' ? [] : s.split(':'));
  const left = parts(head);
  const right = tail === undefined ? [] : parts(tail);
  const last = (tail === undefined ? left : right).at(-1) ?? '';
  const dotted = last.includes('.') ? ipv4Bytes(last, 0) : undefined;
  if (dotted) (tail === undefined ? left : right).pop();
  const hex = [...left, ...Array<string>(8 - (dotted ? 2 : 0) - left.length - right.length).fill('0'), ...right];
  const bytes: number[] = [];
  for (const g of hex) {
    const v = Number.parseInt(g, 16);
    bytes.push(v >> 8, v & 0xff);
  }
  if (dotted) bytes.push(...dotted);
  const mapped = bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff;
  return mapped ? bytes.slice(12) : bytes;
}

interface Range {
  bytes: number[];
  prefix: number;
}

function inRange(address: number[], range: Range): boolean {
  if (address.length !== range.bytes.length) return false;
  const whole = range.prefix >> 3;
  for (let i = 0; i < whole; i++) if (address[i] !== range.bytes[i]) return false;
  const rest = range.prefix & 7;
  if (rest === 0) return true;
  const mask = (0xff << (8 - rest)) & 0xff;
  return ((address[whole] as number) & mask) === ((range.bytes[whole] as number) & mask);
}

/**
 * The proxies whose `X-Forwarded-For` is believed (CCHUB_TRUSTED_PROXIES): addresses and CIDR ranges, IPv4 or IPv6.
 * An IPv4 entry also matches its IPv4-mapped IPv6 form (`::ffff:10.0.0.1`). (node:net's BlockList does the same
 * but costs microseconds a check, too much per request.)
 */
export class TrustedProxies {
  private readonly ranges: Range[] = [];
  private readonly peers = new WeakMap<object, boolean>();
  readonly entries: readonly string[];

  /** Throws a plain Error naming the first entry that is neither an address nor a CIDR range. */
  constructor(entries: readonly string[]) {
    for (const entry of entries) {
      const [address = '', bits, extra] = entry.split('/');
      const bytes = ipBytes(address);
      const max = (bytes?.length ?? 0) * 8;
      // An IPv4-mapped IPv6 range (`::ffff:10.0.0.0/104`) counts as the IPv4 range it maps.
      const mappedBits = bytes?.length === 4 && isIP(address) === 6 ? 96 : 0;
      const prefix = bits === undefined ? max : /^\d{1,3}$/.test(bits) ? Number(bits) - mappedBits : Number.NaN;
      if (!bytes || extra !== undefined || !(prefix >= 0 && prefix <= max)) {
        throw new Error(`"${entry}" is not an IP address or CIDR range`);
      }
      this.ranges.push({ bytes, prefix });
    }
    this.entries = [...entries];
  }

  /** Splits a comma- or space-separated list (the environment variable's form). */
  static parse(text: string): TrustedProxies {
    return new TrustedProxies(text.split(/[\s,]+/).filter((s) => s !== ''));
  }

  get isEmpty(): boolean {
    return this.ranges.length === 0;
  }

  has(address: string): boolean {
    const bytes = ipBytes(address);
    return bytes !== undefined && this.ranges.some((r) => inRange(bytes, r));
  }

  /** `has` for a connection's peer, decided once per connection (its address does not change). */
  hasPeer(socket: object, address: string): boolean {
    let known = this.peers.get(socket);
    if (known === undefined) {
      known = this.has(address);
      this.peers.set(socket, known);
    }
    return known;
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
  if (trusted.isEmpty || !trusted.hasPeer(req.socket, peer)) return peer;
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
