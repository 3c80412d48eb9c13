import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findMember, scanMembers } from './json-members';

/** Every member's bytes parse to what JSON.parse gives for that key, in key order. */
function expectMatchesJsonParse(text: string): void {
  const buf = Buffer.from(text);
  const scanned = scanMembers(buf);
  if (!scanned.ok) throw new Error(`${scanned.error} for ${text.slice(0, 200)}`);
  const parsed = JSON.parse(text) as Record<string, unknown>;
  expect(scanned.members.map((m) => m.key)).toEqual(Object.keys(parsed));
  for (const m of scanned.members) {
    const value = JSON.parse(buf.toString('utf8', m.start, m.end));
    expect(value).toEqual(parsed[m.key]);
    if (Array.isArray(value) && value.length > 0) {
      expect(m.first).toBeDefined();
      expect(JSON.parse(buf.toString('utf8', m.first?.start, m.first?.end))).toEqual(value[0]);
    } else {
      expect(m.first).toBeUndefined();
    }
  }
}

/** A small seeded PRNG so the generated documents are the same on every run. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function randomValue(rand: () => number, depth: number): unknown {
  const pick = Math.floor(rand() * (depth > 3 ? 5 : 7));
  const strings = [
    '',
    'a',
    'quote " inside',
    'back \\ slash',
    'new\nline',
    'é ü 中文 😀',
    '\u0000\u001f',
    'x'.repeat(200),
  ];
  switch (pick) {
    case 0:
      return null;
    case 1:
      return rand() < 0.5;
    case 2:
      return [0, -1, 3.25, 1e21, -2.5e-7, 123456789012][Math.floor(rand() * 6)];
    case 3:
    case 4:
      return strings[Math.floor(rand() * strings.length)];
    case 5:
      return Array.from({ length: Math.floor(rand() * 4) }, () => randomValue(rand, depth + 1));
    default:
      return Object.fromEntries(
        Array.from({ length: Math.floor(rand() * 4) }, (_, i) => [
          `k${i}${rand() < 0.2 ? '"\\' : ''}`,
          randomValue(rand, depth + 1),
        ]),
      );
  }
}

describe('scanMembers', () => {
  it('agrees with JSON.parse on generated documents, compact and indented', () => {
    const rand = prng(7);
    for (let n = 0; n < 400; n++) {
      const doc = Object.fromEntries(
        Array.from({ length: 1 + Math.floor(rand() * 6) }, (_, i) => [`m${i}`, randomValue(rand, 0)]),
      );
      expectMatchesJsonParse(JSON.stringify(doc));
      expectMatchesJsonParse(JSON.stringify(doc, null, 2));
    }
  });

  it('agrees with JSON.parse on a real-sized Claude Code request', async () => {
    const { claudeCodeBody } = await import(join(__dirname, '../../../../bench/claude-code-body.mjs'));
    expectMatchesJsonParse(claudeCodeBody({ stream: true }) as string);
    expectMatchesJsonParse(readFileSync(join(__dirname, '../../../../package.json'), 'utf8'));
  });

  it('handles escapes at string boundaries, \\u escapes, a BOM, whitespace and an empty object', () => {
    expectMatchesJsonParse('{"a":"\\\\","b":"\\"","c":"x\\\\\\"y","d":"\\u0041\\u00e9","e\\u0041":1}');
    expectMatchesJsonParse(`{"long":"${'x'.repeat(100)}\\\\","after":"${'y'.repeat(100)}\\"z"}`);
    expect(scanMembers(Buffer.from('\ufeff { "a" : [ 1 , 2 ] } \n'))).toMatchObject({
      ok: true,
      members: [{ key: 'a' }],
    });
    expect(scanMembers(Buffer.from('{}'))).toEqual({ ok: true, members: [] });
  });

  it('keeps duplicate keys; findMember takes the last, as JSON.parse does', () => {
    const buf = Buffer.from('{"model":"a","model":"b"}');
    const scanned = scanMembers(buf);
    if (!scanned.ok) throw new Error(scanned.error);
    expect(scanned.members).toHaveLength(2);
    const m = findMember(scanned.members, 'model');
    expect(buf.toString('utf8', m?.start, m?.end)).toBe('"b"');
  });

  it('refuses JSON that is not an object', () => {
    for (const text of ['[1,2]', '"text"', '3', 'null']) {
      expect(scanMembers(Buffer.from(text))).toEqual({ ok: false, error: 'the request body must be a JSON object' });
    }
  });

  it.each([
    ['', 'must be a JSON object'],
    ['{"a":1', "expected ',' or '}' at the end of the body"],
    ['{"a":1,}', 'expected a string key'],
    ['{"a" 1}', "expected ':'"],
    ['{a:1}', 'expected a string key'],
    ['{"a":tru}', 'expected a value'],
    ['{"a":nul}', 'expected a value'],
    ['{"a":01}', "expected ',' or '}'"],
    ['{"a":1.}', 'bad number'],
    ['{"a":-}', 'bad number'],
    ['{"a":1e}', 'bad number'],
    ['{"a":+1}', 'expected a value'],
    ['{"a":"x}', 'unterminated string'],
    ['{"a":"\\x"}', 'bad escape'],
    ['{"a":"\\u12g4"}', 'bad \\u escape'],
    ['{"a":[1 2]}', "expected ',' or ']'"],
    ['{"a":[1,]}', 'expected a value'],
    ['{"a":{"b":1,}}', 'expected a string key'],
    ['{"a":1} x', 'unexpected data after the object'],
    ['{"a":1}{}', 'unexpected data after the object'],
    [`{"a":${'['.repeat(600)}${']'.repeat(600)}}`, 'nested too deeply'],
  ])('refuses %j (%s), like JSON.parse', (text, message) => {
    const scanned = scanMembers(Buffer.from(text));
    expect(scanned.ok).toBe(false);
    if (!scanned.ok) expect(scanned.error).toContain(message);
    if (!text.includes('['.repeat(600))) expect(() => JSON.parse(text)).toThrow();
  });
});
