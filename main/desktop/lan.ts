// The machine's LAN addresses (IPv4, not loopback, not link-local), private ranges first: what teammates can reach.
import type { NetworkInterfaceInfo } from 'node:os';

function isPrivate(address: string): boolean {
  const [a = 0, b = 0] = address.split('.').map(Number);
  return a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168);
}

export function lanAddresses(interfaces: NodeJS.Dict<NetworkInterfaceInfo[]>): string[] {
  const found: string[] = [];
  for (const list of Object.values(interfaces)) {
    for (const info of list ?? []) {
      if (info.family !== 'IPv4' || info.internal || info.address.startsWith('169.254.')) continue;
      if (!found.includes(info.address)) found.push(info.address);
    }
  }
  return [...found.filter(isPrivate), ...found.filter((a) => !isPrivate(a))];
}

/** The hub's address for someone else on the LAN (the first LAN address), or undefined without one. */
export function lanBaseUrl(addresses: readonly string[], port: number): string | undefined {
  const first = addresses[0];
  return first ? `http://${first}:${port}` : undefined;
}
