// Request-body byte surgery: splicing a redirected model name into the original JSON without re-serialising it.
import { skipWhitespace } from './bytes';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const MODEL_KEY = Buffer.from('"model"');

/** Index just past the string whose opening quote is at `at`; -1 if it never closes. */
function skipString(buf: Buffer, at: number): number {
  let from = at + 1;
  for (;;) {
    const q = buf.indexOf(QUOTE, from);
    if (q < 0) return -1;
    let slashes = 0;
    while (buf[q - 1 - slashes] === BACKSLASH) slashes++;
    if (slashes % 2 === 0) return q + 1;
    from = q + 1;
  }
}

/** Index just past the object/array opening at `at`; -1 if it never closes. */
function skipContainer(buf: Buffer, at: number): number {
  let depth = 0;
  let i = at;
  while (i < buf.length) {
    const c = buf[i];
    if (c === QUOTE) {
      i = skipString(buf, i);
      if (i < 0) return -1;
      continue;
    }
    if (c === 0x7b || c === 0x5b) depth++;
    else if (c === 0x7d || c === 0x5d) {
      depth--;
      if (depth === 0) return i + 1;
    }
    i++;
  }
  return -1;
}

/** Index just past the JSON value starting at `at`; -1 if malformed. */
function skipValue(buf: Buffer, at: number): number {
  const c = buf[at];
  if (c === QUOTE) return skipString(buf, at);
  if (c === 0x7b || c === 0x5b) return skipContainer(buf, at);
  let i = at;
  while (i < buf.length) {
    const b = buf[i];
    if (b === 0x2c || b === 0x7d || b === 0x5d || b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09) break;
    i++;
  }
  return i > at ? i : -1;
}

function isModelKey(buf: Buffer, start: number, end: number): boolean {
  if (end - start === MODEL_KEY.length) return buf.compare(MODEL_KEY, 0, MODEL_KEY.length, start, end) === 0;
  // An escaped spelling such as "mod\u0065l" is still the key `model`.
  const backslash = buf.indexOf(BACKSLASH, start);
  if (backslash < 0 || backslash >= end) return false;
  try {
    return JSON.parse(buf.toString('utf8', start, end)) === 'model';
  } catch {
    return false;
  }
}

/**
 * Replaces the value of the top-level `"model"` string member in the original JSON bytes, leaving every other
 * byte as it was. Nested objects and strings are skipped, so a message text containing `"model":"x"` is never
 * touched; duplicate top-level keys are all replaced. Returns null when the body is not a JSON object or has no
 * top-level model string.
 */
export function spliceModel(body: Buffer, newModel: string): Buffer | null {
  let i = body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf ? 3 : 0;
  i = skipWhitespace(body, i);
  if (body[i] !== 0x7b) return null;
  i = skipWhitespace(body, i + 1);
  if (body[i] === 0x7d) return null;
  const ranges: Array<[number, number]> = [];
  for (;;) {
    if (body[i] !== QUOTE) return null;
    const keyEnd = skipString(body, i);
    if (keyEnd < 0) return null;
    const isModel = isModelKey(body, i, keyEnd);
    i = skipWhitespace(body, keyEnd);
    if (body[i] !== 0x3a) return null;
    i = skipWhitespace(body, i + 1);
    const valueStart = i;
    const valueEnd = skipValue(body, i);
    if (valueEnd < 0) return null;
    if (isModel && body[valueStart] === QUOTE) ranges.push([valueStart, valueEnd]);
    i = skipWhitespace(body, valueEnd);
    if (body[i] === 0x2c) {
      i = skipWhitespace(body, i + 1);
      continue;
    }
    if (body[i] === 0x7d) break;
    return null;
  }
  if (ranges.length === 0) return null;
  const replacement = Buffer.from(JSON.stringify(newModel));
  const pieces: Buffer[] = [];
  let from = 0;
  for (const [start, end] of ranges) {
    pieces.push(body.subarray(from, start), replacement);
    from = end;
  }
  pieces.push(body.subarray(from));
  return Buffer.concat(pieces);
}

/**
 * Inserts `"key":<valueJson>` as the first field of the top-level object, leaving every other byte as it was.
 * Returns null when the body is not a JSON object.
 */
export function prependField(body: Buffer, key: string, valueJson: string): Buffer | null {
  const open = skipWhitespace(body, 0);
  if (body[open] !== 0x7b) return null;
  const next = skipWhitespace(body, open + 1);
  const isEmpty = body[next] === 0x7d;
  const field = Buffer.from(`${JSON.stringify(key)}:${valueJson}${isEmpty ? '' : ','}`);
  return Buffer.concat([body.subarray(0, open + 1), field, body.subarray(open + 1)]);
}
