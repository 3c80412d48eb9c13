// Tests for JsonArrayScanner: element boundaries with brackets and escapes inside strings, any chunking.
import { describe, expect, it } from 'vitest';
import { JsonArrayScanner } from './json-array-scanner';
import { chunkings } from './test-kit';

function scan(chunks: Buffer[]): unknown[] {
  const scanner = new JsonArrayScanner();
  const out: unknown[] = [];
  for (const c of chunks) scanner.push(c, (el) => out.push(JSON.parse(el.toString('utf8'))));
  return out;
}

describe('JsonArrayScanner', () => {
  const elements = [
    { candidates: [{ content: { parts: [{ text: 'a ] } [ { "quoted" \\ back\\slash' }] } }] },
    { nested: [[1, 2], { x: '}' }], emoji: '😀' },
    { usageMetadata: { promptTokenCount: 3 } },
  ];
  const text = `[${elements.map((e) => JSON.stringify(e, null, 2)).join('\n,\r\n')}\n]\n`;

  it('emits each element whole, for every chunking', () => {
    for (const { name, chunks } of chunkings(Buffer.from(text))) {
      expect(scan(chunks), name).toEqual(elements);
    }
  });

  it('skips primitive elements and ignores bytes after the closing bracket', () => {
    expect(scan([Buffer.from('[1, "a]", {"a":1}, null]{"b":2}')])).toEqual([{ a: 1 }]);
  });
});
