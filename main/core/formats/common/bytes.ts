// Byte-level probes over JSON/SSE payloads that answer cheap questions without parsing them.

export function isJsonWhitespace(c: number | undefined): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

/** Index of the first non-whitespace byte at or after `from` (buf.length if none). */
export function skipWhitespace(buf: Buffer, from: number): number {
  let i = from;
  while (i < buf.length && isJsonWhitespace(buf[i])) i++;
  return i;
}

/** Index of the first byte that is neither JSON whitespace nor a UTF-8 byte-order mark; -1 if none. */
export function firstMeaningfulByte(buf: Buffer): number {
  let i = 0;
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) i = 3;
  while (i < buf.length && isJsonWhitespace(buf[i])) i++;
  return i < buf.length ? i : -1;
}

/** The bytes of a JSON key with its quotes, for `indexOf` probes: `keyNeedle('usage')` is `"usage"`. */
export function keyNeedle(key: string): Buffer {
  return Buffer.from(JSON.stringify(key));
}

function matchesAt(buf: Buffer, at: number, needle: Buffer): boolean {
  return at + needle.length <= buf.length && buf.compare(needle, 0, needle.length, at, at + needle.length) === 0;
}

/**
 * True when `needle` (a quoted key) occurs followed by `:` and an object, e.g. `"usage":{` but not
 * `"usage":null`. Inside a JSON string a quote is always escaped, so a match is a real key at some depth.
 */
export function hasObjectMember(buf: Buffer, needle: Buffer): boolean {
  let at = buf.indexOf(needle);
  while (at >= 0) {
    let i = skipWhitespace(buf, at + needle.length);
    if (buf[i] === 0x3a) {
      i = skipWhitespace(buf, i + 1);
      if (buf[i] === 0x7b) return true;
    }
    at = buf.indexOf(needle, at + needle.length);
  }
  return false;
}

/** True when the payload is an object whose first key is `needle` (a quoted key): `{"error":…`. */
export function firstKeyIs(buf: Buffer, needle: Buffer): boolean {
  let i = skipWhitespace(buf, 0);
  if (buf[i] !== 0x7b) return false;
  i = skipWhitespace(buf, i + 1);
  return matchesAt(buf, i, needle);
}

const TYPE_KEY = keyNeedle('type');

/**
 * The value of a leading `"type":"…"` member (`{"type":"message_start",…`), read without parsing; undefined
 * when the payload does not start that way or the value holds an escape.
 */
export function peekType(buf: Buffer): string | undefined {
  let i = skipWhitespace(buf, 0);
  if (buf[i] !== 0x7b) return undefined;
  i = skipWhitespace(buf, i + 1);
  if (!matchesAt(buf, i, TYPE_KEY)) return undefined;
  i = skipWhitespace(buf, i + TYPE_KEY.length);
  if (buf[i] !== 0x3a) return undefined;
  i = skipWhitespace(buf, i + 1);
  if (buf[i] !== 0x22) return undefined;
  const end = buf.indexOf(0x22, i + 1);
  if (end < 0) return undefined;
  const backslash = buf.indexOf(0x5c, i + 1);
  if (backslash >= 0 && backslash < end) return undefined;
  return buf.toString('utf8', i + 1, end);
}

const DONE = Buffer.from('[DONE]');

/** The OpenAI chat end marker `[DONE]` (surrounding whitespace tolerated). */
export function isDoneMarker(buf: Buffer): boolean {
  if (buf.length === DONE.length) return buf.equals(DONE);
  const start = skipWhitespace(buf, 0);
  let end = buf.length;
  while (end > start && isJsonWhitespace(buf[end - 1])) end--;
  return end - start === DONE.length && buf.compare(DONE, 0, DONE.length, start, end) === 0;
}
