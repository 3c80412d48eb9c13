// Tests for the Anthropic stream inspector: cumulative usage, cache split, errors, terminal detection, framings.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { chunkCompleting, chunkings, runStream, sse } from '../common/test-kit';
import { anthropic } from './spec';

const START_USAGE =
  '{"input_tokens":12,"cache_creation_input_tokens":3000,"cache_read_input_tokens":500,' +
  '"cache_creation":{"ephemeral_5m_input_tokens":1000,"ephemeral_1h_input_tokens":2000},"output_tokens":1}';

function messageStart(usage: string): string {
  return (
    'event: message_start\ndata: {"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant",' +
    `"model":"claude-sonnet-4-5-20250929","content":[],"stop_reason":null,"stop_sequence":null,"usage":${usage}}}`
  );
}

const BLOCKS = [
  'event: content_block_start\ndata: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}',
  'event: ping\ndata: {"type": "ping"}',
  'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hi \\"model\\":\\"x\\"\\n\\nevent: message_stop"}}',
  'event: content_block_stop\ndata: {"type":"content_block_stop","index":0}',
];

function messageDelta(usage: string): string {
  return `event: message_delta\ndata: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":${usage}}`;
}

const STOP = 'event: message_stop\ndata: {"type":"message_stop"}';

const FULL = sse([messageStart(START_USAGE), ...BLOCKS, messageDelta('{"output_tokens":42}'), STOP]);

describe('Anthropic stream inspector', () => {
  afterEach(() => vi.restoreAllMocks());

  it('reads model, usage with the 5m/1h split, and completes on message_stop, for every chunking', () => {
    // A trailing comment after message_stop, so the terminal chunk is not simply the last one.
    const bytes = Buffer.from(`${FULL}: bye\n\n`);
    for (const { name, chunks } of chunkings(bytes)) {
      const run = runStream(anthropic, chunks);
      expect(run.summary, name).toEqual({
        usage: {
          inputTokens: 12,
          outputTokens: 42,
          cacheWrite5mTokens: 1000,
          cacheWrite1hTokens: 2000,
          cacheReadTokens: 500,
        },
        model: 'claude-sonnet-4-5-20250929',
        error: null,
        completed: true,
        sawContent: true,
        eventCount: 7,
      });
      // push() returned true exactly once: on the chunk holding the last byte of message_stop's blank line.
      expect(run.terminalAt, name).toHaveLength(1);
      const terminalEnd = Buffer.byteLength(FULL);
      const at = run.terminalAt[0] ?? -1;
      expect(at, name).toBe(chunkCompleting(chunks, terminalEnd));
    }
  });

  it('gives the same result for CRLF and mixed line ends', () => {
    const crlf = FULL.replace(/\n/g, '\r\n');
    const mixed = FULL.replace(/\n\n/g, '\r\n\n');
    const reference = runStream(anthropic, [Buffer.from(FULL)]).summary;
    for (const text of [crlf, mixed]) {
      for (const { name, chunks } of chunkings(Buffer.from(text))) {
        expect(runStream(anthropic, chunks).summary, name).toEqual(reference);
      }
    }
  });

  it('returns true on the second chunk when message_stop is split across two chunks', () => {
    const inspector = anthropic.streamInspector();
    const head = FULL.slice(0, FULL.length - 1);
    expect(inspector.push(Buffer.from(head))).toBe(false);
    expect(inspector.completed).toBe(false);
    expect(inspector.push(Buffer.from('\n'))).toBe(true);
    expect(inspector.completed).toBe(true);
    expect(inspector.push(Buffer.from(': trailing comment\n\n'))).toBe(false);
  });

  it('treats message_delta counters as cumulative: repeated input/cache fields replace, never add', () => {
    const repeated = sse([
      messageStart(START_USAGE),
      ...BLOCKS,
      messageDelta(
        '{"input_tokens":12,"cache_creation_input_tokens":3000,"cache_read_input_tokens":500,"output_tokens":20}',
      ),
      messageDelta('{"input_tokens":12,"cache_read_input_tokens":500,"output_tokens":42}'),
      STOP,
    ]);
    expect(runStream(anthropic, [Buffer.from(repeated)]).summary.usage).toEqual({
      inputTokens: 12,
      outputTokens: 42,
      cacheWrite5mTokens: 1000,
      cacheWrite1hTokens: 2000,
      cacheReadTokens: 500,
    });
  });

  it('takes the split from the latest event carrying cache_creation', () => {
    const text = sse([
      messageStart(START_USAGE),
      ...BLOCKS,
      messageDelta(
        '{"cache_creation_input_tokens":3000,"cache_creation":{"ephemeral_5m_input_tokens":0,"ephemeral_1h_input_tokens":3000},"output_tokens":5}',
      ),
      STOP,
    ]);
    const usage = runStream(anthropic, [Buffer.from(text)]).summary.usage;
    expect(usage.cacheWrite5mTokens).toBe(0);
    expect(usage.cacheWrite1hTokens).toBe(3000);
  });

  it('counts the total as 5m when only cache_creation_input_tokens is given', () => {
    const text = sse([
      messageStart(
        '{"input_tokens":5,"cache_creation_input_tokens":800,"cache_read_input_tokens":0,"output_tokens":1}',
      ),
      ...BLOCKS,
      messageDelta('{"output_tokens":7}'),
      STOP,
    ]);
    expect(runStream(anthropic, [Buffer.from(text)]).summary.usage).toEqual({
      inputTokens: 5,
      outputTokens: 7,
      cacheWrite5mTokens: 800,
      cacheWrite1hTokens: 0,
      cacheReadTokens: 0,
    });
  });

  it('falls back to the total when an upstream sends an all-zero split beside a non-zero total', () => {
    const text = sse([
      messageStart(
        '{"input_tokens":5,"cache_creation_input_tokens":800,"cache_creation":{"ephemeral_5m_input_tokens":0,"ephemeral_1h_input_tokens":0},"output_tokens":1}',
      ),
      STOP,
    ]);
    expect(runStream(anthropic, [Buffer.from(text)]).summary.usage.cacheWrite5mTokens).toBe(800);
  });

  it('parses only message_start and message_delta, never the content events', () => {
    const parse = vi.spyOn(JSON, 'parse');
    runStream(anthropic, [Buffer.from(FULL)]);
    expect(parse).toHaveBeenCalledTimes(2);
  });

  it('reports an error event after the head, before any content', () => {
    const text = sse([
      messageStart(START_USAGE),
      'event: ping\ndata: {"type": "ping"}',
      'event: error\ndata: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}',
    ]);
    const inspector = anthropic.streamInspector();
    expect(inspector.push(Buffer.from(text))).toBe(false);
    expect(inspector.error).toEqual({ type: 'overloaded_error', message: 'Overloaded' });
    expect(inspector.sawContent).toBe(false);
    expect(inspector.eventCount).toBe(3);
    inspector.end();
    expect(inspector.error?.type).toBe('overloaded_error');
    expect(inspector.completed).toBe(false);
  });

  it('sees content at the first content_block event, not at message_start or ping', () => {
    const inspector = anthropic.streamInspector();
    inspector.push(Buffer.from(sse([messageStart(START_USAGE), 'event: ping\ndata: {"type": "ping"}'])));
    expect(inspector.sawContent).toBe(false);
    inspector.push(Buffer.from(sse([BLOCKS[0] ?? ''])));
    expect(inspector.sawContent).toBe(true);
  });

  it('reports empty_stream when nothing (or only comments) arrived', () => {
    const none = anthropic.streamInspector();
    none.end();
    expect(none.error?.type).toBe('empty_stream');
    expect(runStream(anthropic, [Buffer.from(': keepalive\n\n\n')]).summary.error?.type).toBe('empty_stream');
  });

  it('reports truncated_stream when the stream stops mid-message', () => {
    const text = sse([messageStart(START_USAGE), ...BLOCKS]);
    const { summary } = runStream(anthropic, [Buffer.from(text)]);
    expect(summary.error?.type).toBe('truncated_stream');
    expect(summary.completed).toBe(false);
    expect(summary.sawContent).toBe(true);
    expect(summary.usage.inputTokens).toBe(12);
  });

  it('counts a stream ending after message_delta with a stop_reason as completed at end()', () => {
    const text = sse([messageStart(START_USAGE), ...BLOCKS, messageDelta('{"output_tokens":42}')]);
    const { summary, terminalAt } = runStream(anthropic, [Buffer.from(text)]);
    expect(terminalAt).toEqual([]);
    expect(summary.completed).toBe(true);
    expect(summary.error).toBeNull();
  });

  it('dispatches on the data type when event lines are missing', () => {
    const noNames = FULL.replace(/^event: .*\n/gm, '');
    const { summary, terminalAt } = runStream(anthropic, [Buffer.from(noNames)]);
    expect(summary.completed).toBe(true);
    expect(summary.usage.outputTokens).toBe(42);
    expect(terminalAt).toHaveLength(1);
  });

  it('flags an HTML page at once', () => {
    const inspector = anthropic.streamInspector();
    inspector.push(Buffer.from('\n<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head>'));
    expect(inspector.error?.type).toBe('html_body');
    expect(inspector.error?.message).toContain('502 Bad Gateway');
  });

  it('reads an error JSON body sent instead of a stream', () => {
    const { summary } = runStream(anthropic, [
      Buffer.from('{"type":"error","error":{"type":"rate_limit_error",'),
      Buffer.from('"message":"slow down"}}'),
    ]);
    expect(summary.error).toEqual({ type: 'rate_limit_error', message: 'slow down' });
  });

  it('flags a whole JSON message sent instead of a stream, keeping its usage', () => {
    const body = `{"type":"message","model":"claude-x","usage":${START_USAGE}}`;
    const { summary } = runStream(anthropic, [Buffer.from(body)]);
    expect(summary.error?.type).toBe('invalid_stream');
    expect(summary.usage.cacheWrite1hTokens).toBe(2000);
    expect(summary.model).toBe('claude-x');
  });
});
