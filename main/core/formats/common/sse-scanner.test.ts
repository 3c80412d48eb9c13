// Tests for SseScanner: boundaries across arbitrary chunkings, line-end styles, fields, comments, flush.
import { describe, expect, it } from 'vitest';
import { type SseEvent, SseScanner } from './sse-scanner';
import { chunkings } from './test-kit';

interface Seen {
  event: string | undefined;
  data: string | undefined;
}

function scan(chunks: Buffer[], flush = true): Seen[] {
  const scanner = new SseScanner();
  const seen: Seen[] = [];
  const on = (ev: SseEvent) => seen.push({ event: ev.event, data: ev.data?.toString('utf8') });
  for (const c of chunks) scanner.push(c, on);
  if (flush) scanner.flush(on);
  return seen;
}

const STREAM = [
  'event: message_start\ndata: {"type":"message_start","text":"é ü 漢字 😀"}\n\n',
  ': keepalive\n\n',
  'event: ping\ndata: {"type": "ping"}\n\n',
  'data: first line\ndata: second line\ndata:third\n\n',
  'id: 7\nretry: 1000\ndata: with id\n\n',
  'event:nospace\ndata\n\n',
  '\n\n',
  'data: [DONE]\n\n',
].join('');

const EXPECTED: Seen[] = [
  { event: 'message_start', data: '{"type":"message_start","text":"é ü 漢字 😀"}' },
  { event: 'ping', data: '{"type": "ping"}' },
  { event: undefined, data: 'first line\nsecond line\nthird' },
  { event: undefined, data: 'with id' },
  { event: 'nospace', data: '' },
  { event: undefined, data: '[DONE]' },
];

describe('SseScanner', () => {
  it('splits events and reads event names, joined data lines, and skips comments and other fields', () => {
    expect(scan([Buffer.from(STREAM)])).toEqual(EXPECTED);
  });

  it('gives identical events for every chunking, including splits inside multi-byte characters', () => {
    for (const { name, chunks } of chunkings(Buffer.from(STREAM))) {
      expect(scan(chunks), name).toEqual(EXPECTED);
    }
  });

  it('handles CRLF line ends and CRLF mixed with LF', () => {
    const crlf = STREAM.replace(/\n/g, '\r\n');
    let flip = false;
    const mixed = STREAM.replace(/\n/g, () => {
      flip = !flip;
      return flip ? '\r\n' : '\n';
    });
    for (const text of [crlf, mixed]) {
      for (const { name, chunks } of chunkings(Buffer.from(text))) {
        expect(scan(chunks), name).toEqual(EXPECTED);
      }
    }
  });

  it('dispatches an event only at its blank line', () => {
    const scanner = new SseScanner();
    const seen: string[] = [];
    const on = (ev: SseEvent) => seen.push(ev.event ?? '');
    scanner.push(Buffer.from('event: a\ndata: {}\n'), on);
    expect(seen).toEqual([]);
    scanner.push(Buffer.from('\r'), on);
    expect(seen).toEqual([]);
    scanner.push(Buffer.from('\nevent: b\n'), on);
    expect(seen).toEqual(['a']);
  });

  it('flush dispatches an unterminated last event; without flush it stays pending', () => {
    const text = Buffer.from('data: one\n\ndata: two');
    expect(scan([text], false)).toEqual([{ event: undefined, data: 'one' }]);
    expect(scan([text], true)).toEqual([
      { event: undefined, data: 'one' },
      { event: undefined, data: 'two' },
    ]);
  });

  it('a comment-only block dispatches nothing', () => {
    expect(scan([Buffer.from(': keepalive\n\n: another\r\n\r\n')])).toEqual([]);
  });

  it('exposes the data lazily as text and as JSON', () => {
    const scanner = new SseScanner();
    const events: SseEvent[] = [];
    scanner.push(Buffer.from('data: {"a":[1,2]}\n\ndata: not json\n\nevent: x\n\n'), (ev) => events.push(ev));
    expect(events[0]?.json()).toEqual({ a: [1, 2] });
    expect(events[1]?.json()).toBeUndefined();
    expect(events[1]?.text).toBe('not json');
    expect(events[2]?.data).toBeUndefined();
    expect(events[2]?.text).toBe('');
  });

  it('scans a long line fed byte by byte in one piece', () => {
    const long = 'x'.repeat(100_000);
    const bytes = Buffer.from(`data: ${long}\n\n`);
    const scanner = new SseScanner();
    const seen: number[] = [];
    for (let i = 0; i < bytes.length; i++)
      scanner.push(bytes.subarray(i, i + 1), (ev) => seen.push(ev.data?.length ?? -1));
    expect(seen).toEqual([100_000]);
  });
});
