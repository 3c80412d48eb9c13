// Identifiers: prefixed random ids for records, time-ordered request ids, and hub keys with their hash.
import { createHash, randomBytes } from 'node:crypto';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** `n` characters of unbiased random base62. */
export function randomBase62(n: number): string {
  let out = '';
  while (out.length < n) {
    const bytes = randomBytes(n * 2);
    for (const b of bytes) {
      if (b < 248) out += BASE62[b % 62];
      if (out.length === n) break;
    }
  }
  return out;
}

/** Record ids such as `prv_…`, `usr_…`, `key_…`. */
export function newId(prefix: 'prv' | 'usr' | 'key' | 'aud' | 'cr' | 'whk' | 'dlv' | 'err'): string {
  return `${prefix}_${randomBase62(16)}`;
}

/** Per-process random tag + counter: unique across processes and restarts (with the time prefix), no syscall per id. */
const PROCESS_TAG = randomBase62(4);
let requestCounter = 0;
/** The id's head for the last millisecond asked: under load many requests share one, so it is formatted once. */
let headMs = Number.NaN;
let head = '';

/** Request ids sort by time: `req_` + 9 base36 chars of ms time + a 4-char process tag + a 5-char base36 counter. */
export function newRequestId(nowMs: number): string {
  requestCounter = (requestCounter + 1) % 60_466_176; // 36^5
  if (nowMs !== headMs) {
    headMs = nowMs;
    head = `req_${nowMs.toString(36).padStart(9, '0')}${PROCESS_TAG}`;
  }
  return head + requestCounter.toString(36).padStart(5, '0');
}

export const HUB_KEY_PREFIX = 'sk-cchub-';

/** A new hub key: `sk-cchub-` + 32 random base62 characters. */
export function newHubKey(): string {
  return HUB_KEY_PREFIX + randomBase62(32);
}

export function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** The short display prefix stored beside the hash, e.g. `sk-cchub-AbC1`. */
export function keyDisplayPrefix(key: string): string {
  return key.slice(0, HUB_KEY_PREFIX.length + 4);
}
