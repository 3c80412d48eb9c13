// A JSON object's top-level members as byte spans: the document is checked whole, no value is materialised.
import { firstMeaningfulByte, skipWhitespace } from './bytes';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
/** Deeper nesting than any real request; refused rather than risking the stack. */
const MAX_DEPTH = 512;

export interface MemberSpan {
  /** The decoded key. */
  key: string;
  /** Where the member begins: its key's opening quote. */
  keyStart: number;
  /** The value's bytes: `body.subarray(start, end)`. */
  start: number;
  end: number;
  /** For an array value: the span of its first element (absent for an empty array or a non-array). */
  first?: { start: number; end: number };
}

export type MembersResult = { ok: true; members: MemberSpan[] } | { ok: false; error: string };

class Malformed {
  constructor(
    readonly what: string,
    readonly at: number,
  ) {}
}

/**
 * Reads a JSON object's top-level members in order (duplicates kept) and checks the whole document's grammar:
 * structure, literals, numbers and string escapes. The one leniency: raw control characters inside strings are
 * not looked for (strings are skipped with a native search for their closing quote) — the provider still judges
 * those. A 70 KB Claude Code body scans without allocating its message tree (JSON.parse costs ~0.1 ms there and
 * fills the young generation with objects no one reads).
 */
export function scanMembers(buf: Buffer): MembersResult {
  try {
    let i = firstMeaningfulByte(buf);
    if (i < 0 || buf[i] !== 0x7b) return { ok: false, error: 'the request body must be a JSON object' };
    const members: MemberSpan[] = [];
    i = skipWhitespace(buf, i + 1);
    if (buf[i] !== 0x7d) {
      for (;;) {
        if (buf[i] !== QUOTE) throw new Malformed('expected a string key', i);
        const keyStart = i;
        const keyEnd = skipString(buf, i);
        const key = decodeKey(buf, i, keyEnd);
        i = skipWhitespace(buf, keyEnd);
        if (buf[i] !== 0x3a) throw new Malformed("expected ':'", i);
        const start = skipWhitespace(buf, i + 1);
        const member: MemberSpan = { key, keyStart, start, end: start };
        member.end = skipValue(buf, start, 1, member);
        members.push(member);
        i = skipWhitespace(buf, member.end);
        if (buf[i] === 0x2c) {
          i = skipWhitespace(buf, i + 1);
          continue;
        }
        if (buf[i] === 0x7d) break;
        throw new Malformed("expected ',' or '}'", i);
      }
    }
    i = skipWhitespace(buf, i + 1);
    if (i < buf.length) throw new Malformed('unexpected data after the object', i);
    return { ok: true, members };
  } catch (err) {
    if (err instanceof Malformed) {
      const where = err.at >= buf.length ? 'at the end of the body' : `at byte ${err.at}`;
      return { ok: false, error: `the request body is not valid JSON: ${err.what} ${where}` };
    }
    throw err;
  }
}

/** The last member with this key (JSON.parse keeps the last duplicate too). */
export function findMember(members: readonly MemberSpan[], key: string): MemberSpan | undefined {
  for (let i = members.length - 1; i >= 0; i--) if ((members[i] as MemberSpan).key === key) return members[i];
  return undefined;
}

function decodeKey(buf: Buffer, start: number, end: number): string {
  const backslash = buf.indexOf(BACKSLASH, start + 1);
  if (backslash < 0 || backslash >= end) return buf.toString('utf8', start + 1, end - 1);
  return JSON.parse(buf.toString('utf8', start, end)) as string;
}

/** Strings longer than this are searched with Buffer#indexOf (memchr), shorter ones with a byte loop. */
const SHORT_STRING = 64;

/** Index just past the string whose opening quote is at `at`; its escapes are checked. */
function skipString(buf: Buffer, at: number): number {
  // Most strings are short keys and values, where indexOf's call overhead would dominate: a byte loop first.
  const n = buf.length;
  let i = at + 1;
  const loopEnd = Math.min(n, i + SHORT_STRING);
  while (i < loopEnd) {
    const c = buf[i] as number;
    if (c === QUOTE) return i + 1;
    if (c === BACKSLASH) {
      checkEscape(buf, i);
      i += buf[i + 1] === 0x75 ? 6 : 2;
    } else {
      i++;
    }
  }
  // A long text: jump between backslashes and quotes natively.
  for (;;) {
    const q = buf.indexOf(QUOTE, i);
    if (q < 0) throw new Malformed('unterminated string', n);
    let b = buf.indexOf(BACKSLASH, i);
    while (b >= 0 && b < q) {
      checkEscape(buf, b);
      if (b + 1 === q) break; // this quote is escaped
      b = buf.indexOf(BACKSLASH, b + (buf[b + 1] === 0x75 ? 6 : 2));
    }
    if (b < 0 || b >= q) return q + 1;
    i = q + 1;
  }
}

function checkEscape(buf: Buffer, at: number): void {
  const c = buf[at + 1];
  if (c === 0x75 /* u */) {
    for (let k = 2; k < 6; k++) {
      const h = buf[at + k];
      const hex = h !== undefined && ((h >= 0x30 && h <= 0x39) || (h >= 0x41 && h <= 0x46) || (h >= 0x61 && h <= 0x66));
      if (!hex) throw new Malformed('bad \\u escape', at);
    }
    return;
  }
  // " \ / b f n r t
  if (c !== 0x22 && c !== 0x5c && c !== 0x2f && c !== 0x62 && c !== 0x66 && c !== 0x6e && c !== 0x72 && c !== 0x74) {
    throw new Malformed('bad escape', at);
  }
}

/** Index just past the value starting at `at`. */
function skipValue(buf: Buffer, at: number, depth: number, member?: MemberSpan): number {
  const c = buf[at];
  if (c === QUOTE) return skipString(buf, at);
  if (c === 0x7b) return skipObject(buf, at, depth + 1);
  if (c === 0x5b) return skipArray(buf, at, depth + 1, member);
  if (c === 0x74) return skipLiteral(buf, at, 'true');
  if (c === 0x66) return skipLiteral(buf, at, 'false');
  if (c === 0x6e) return skipLiteral(buf, at, 'null');
  if (c === 0x2d || (c !== undefined && c >= 0x30 && c <= 0x39)) return skipNumber(buf, at);
  throw new Malformed('expected a value', at);
}

function skipObject(buf: Buffer, at: number, depth: number): number {
  if (depth > MAX_DEPTH) throw new Malformed('nested too deeply', at);
  let i = skipWhitespace(buf, at + 1);
  if (buf[i] === 0x7d) return i + 1;
  for (;;) {
    if (buf[i] !== QUOTE) throw new Malformed('expected a string key', i);
    i = skipWhitespace(buf, skipString(buf, i));
    if (buf[i] !== 0x3a) throw new Malformed("expected ':'", i);
    i = skipWhitespace(buf, skipValue(buf, skipWhitespace(buf, i + 1), depth));
    if (buf[i] === 0x2c) {
      i = skipWhitespace(buf, i + 1);
      continue;
    }
    if (buf[i] === 0x7d) return i + 1;
    throw new Malformed("expected ',' or '}'", i);
  }
}

function skipArray(buf: Buffer, at: number, depth: number, member?: MemberSpan): number {
  if (depth > MAX_DEPTH) throw new Malformed('nested too deeply', at);
  let i = skipWhitespace(buf, at + 1);
  if (buf[i] === 0x5d) return i + 1;
  for (let n = 0; ; n++) {
    const start = i;
    const end = skipValue(buf, start, depth);
    if (n === 0 && member) member.first = { start, end };
    i = skipWhitespace(buf, end);
    if (buf[i] === 0x2c) {
      i = skipWhitespace(buf, i + 1);
      continue;
    }
    if (buf[i] === 0x5d) return i + 1;
    throw new Malformed("expected ',' or ']'", i);
  }
}

function skipLiteral(buf: Buffer, at: number, word: string): number {
  for (let k = 0; k < word.length; k++) {
    if (buf[at + k] !== word.charCodeAt(k)) throw new Malformed('expected a value', at);
  }
  return at + word.length;
}

const isDigit = (c: number | undefined): boolean => c !== undefined && c >= 0x30 && c <= 0x39;

/** -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
function skipNumber(buf: Buffer, at: number): number {
  let i = at;
  if (buf[i] === 0x2d) i++;
  if (buf[i] === 0x30) i++;
  else if (isDigit(buf[i])) while (isDigit(buf[i])) i++;
  else throw new Malformed('bad number', at);
  if (buf[i] === 0x2e) {
    i++;
    if (!isDigit(buf[i])) throw new Malformed('bad number', at);
    while (isDigit(buf[i])) i++;
  }
  if (buf[i] === 0x65 || buf[i] === 0x45) {
    i++;
    if (buf[i] === 0x2b || buf[i] === 0x2d) i++;
    if (!isDigit(buf[i])) throw new Malformed('bad number', at);
    while (isDigit(buf[i])) i++;
  }
  return i;
}
