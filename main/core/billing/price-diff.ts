// Compares two price maps to report what an import adds, changes and removes.
import type { PriceData } from './price-data';

export interface PriceDiff {
  /** Models only in `incoming`, sorted. */
  added: string[];
  /** Models in both whose entries differ (deep, key order ignored), sorted. */
  changed: string[];
  unchanged: number;
  /** Models only in `current`, sorted. */
  removed: string[];
}

export function diffPrices(
  current: ReadonlyMap<string, PriceData>,
  incoming: ReadonlyMap<string, PriceData>,
): PriceDiff {
  const added: string[] = [];
  const changed: string[] = [];
  const removed: string[] = [];
  let unchanged = 0;
  for (const [model, next] of incoming) {
    const prev = current.get(model);
    if (prev === undefined) added.push(model);
    else if (deepEqual(prev, next)) unchanged++;
    else changed.push(model);
  }
  for (const model of current.keys()) {
    if (!incoming.has(model)) removed.push(model);
  }
  return { added: added.sort(), changed: changed.sort(), unchanged, removed: removed.sort() };
}

/** Structural equality for JSON values; object key order does not matter. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => deepEqual(item, b[i]));
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = Object.keys(left);
  if (keys.length !== Object.keys(right).length) return false;
  return keys.every((key) => Object.hasOwn(right, key) && deepEqual(left[key], right[key]));
}
