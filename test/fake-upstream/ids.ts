// Cheap unique ids for answers: a random per-process tag plus a counter (no crypto per request).
import { randomBytes } from 'node:crypto';

const processTag = randomBytes(6).toString('hex');
let counter = 0;

export function nextId(): string {
  counter += 1;
  return `${processTag}${counter.toString(36).padStart(8, '0')}`;
}
