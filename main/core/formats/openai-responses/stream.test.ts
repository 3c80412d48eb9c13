// Tests for the Responses stream inspector: output events, completed/incomplete usage, failed and error events.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { chunkCompleting, chunkings, runStream, sse } from '../common/test-kit';
import { openAiResponses } from './spec';

function ev(type: string, seq: number, rest: string): string {
  return `event: ${type}\ndata: {"type":"${type}","sequence_number":${seq}${rest}}`;
}

const RESPONSE_HEAD = '"id":"resp_1","object":"response","created_at":1731000000,"model":"gpt-5-codex"';
const USAGE =
  '{"input_tokens":5000,"input_tokens_details":{"cached_tokens":4096},"output_tokens":300,"output_tokens_details":{"reasoning_tokens":128},"total_tokens":5300}';

const HEAD_EVENTS = [
  ev('response.created', 0, `,"response":{${RESPONSE_HEAD},"status":"in_progress","output":[],"usage":null}`),
  ev('response.in_progress', 1, `,"response":{${RESPONSE_HEAD},"status":"in_progress","output":[],"usage":null}`),
];
const OUTPUT_EVENTS = [
  ev(
    'response.output_item.added',
    2,
    ',"output_index":0,"item":{"id":"msg_1","type":"message","status":"in_progress","content":[],"role":"assistant"}',
  ),
  ev(
    'response.content_part.added',
    3,
    ',"item_id":"msg_1","output_index":0,"content_index":0,"part":{"type":"output_text","text":""}',
  ),
  ev(
    'response.output_text.delta',
    4,
    ',"item_id":"msg_1","output_index":0,"content_index":0,"delta":"Hi \\"type\\":\\"response.completed\\""',
  ),
  ev('response.output_text.done', 5, ',"item_id":"msg_1","output_index":0,"content_index":0,"text":"Hi"'),
  ev(
    'response.output_item.done',
    6,
    ',"output_index":0,"item":{"id":"msg_1","type":"message","status":"completed","content":[],"role":"assistant"}',
  ),
];
const COMPLETED = ev(
  'response.completed',
  7,
  `,"response":{${RESPONSE_HEAD},"status":"completed","output":[],"usage":${USAGE}}`,
);

const FULL = sse([...HEAD_EVENTS, ...OUTPUT_EVENTS, COMPLETED]);

describe('OpenAI Responses stream inspector', () => {
  afterEach(() => vi.restoreAllMocks());

  it('reads usage from response.completed and completes on it, for every chunking', () => {
    const bytes = Buffer.from(`${FULL}: trailing\n\n`);
    for (const { name, chunks } of chunkings(bytes)) {
      const run = runStream(openAiResponses, chunks);
      expect(run.summary, name).toEqual({
        usage: {
          inputTokens: 904,
          outputTokens: 300,
          cacheWrite5mTokens: 0,
          cacheWrite1hTokens: 0,
          cacheReadTokens: 4096,
        },
        model: 'gpt-5-codex',
        error: null,
        completed: true,
        sawContent: true,
        eventCount: 8,
      });
      expect(run.terminalAt, name).toEqual([chunkCompleting(chunks, Buffer.byteLength(FULL))]);
    }
  });

  it('parses only the terminal event', () => {
    const parse = vi.spyOn(JSON, 'parse');
    runStream(openAiResponses, [Buffer.from(FULL)]);
    expect(parse).toHaveBeenCalledTimes(1);
  });

  it('sees content at the first response.output_* event', () => {
    const inspector = openAiResponses.streamInspector();
    inspector.push(Buffer.from(sse(HEAD_EVENTS)));
    expect(inspector.sawContent).toBe(false);
    inspector.push(Buffer.from(sse(OUTPUT_EVENTS.slice(0, 1))));
    expect(inspector.sawContent).toBe(true);
  });

  it('treats response.incomplete as terminal success with its usage', () => {
    const incomplete = ev(
      'response.incomplete',
      7,
      `,"response":{${RESPONSE_HEAD},"status":"incomplete","incomplete_details":{"reason":"max_output_tokens"},"usage":${USAGE}}`,
    );
    const { summary, terminalAt } = runStream(openAiResponses, [Buffer.from(sse([...HEAD_EVENTS, incomplete]))]);
    expect(summary.completed).toBe(true);
    expect(summary.error).toBeNull();
    expect(summary.usage.outputTokens).toBe(300);
    expect(terminalAt).toHaveLength(1);
  });

  it('reports response.failed with its error and usage', () => {
    const failed = ev(
      'response.failed',
      7,
      `,"response":{${RESPONSE_HEAD},"status":"failed","error":{"code":"server_error","message":"boom"},"usage":${USAGE}}`,
    );
    const { summary, terminalAt } = runStream(openAiResponses, [
      Buffer.from(sse([...HEAD_EVENTS, ...OUTPUT_EVENTS, failed])),
    ]);
    expect(summary.error).toEqual({ type: 'server_error', message: 'boom' });
    expect(summary.completed).toBe(false);
    expect(summary.usage.inputTokens).toBe(904);
    expect(terminalAt).toEqual([]);
  });

  it('reports an error event after the head', () => {
    const error =
      'event: error\ndata: {"type":"error","code":"rate_limit_exceeded","message":"slow down","param":null,"sequence_number":2}';
    const inspector = openAiResponses.streamInspector();
    inspector.push(Buffer.from(sse([...HEAD_EVENTS, error])));
    expect(inspector.error).toEqual({ type: 'rate_limit_exceeded', message: 'slow down' });
    expect(inspector.sawContent).toBe(false);
    inspector.end();
    expect(inspector.error?.type).toBe('rate_limit_exceeded');
  });

  it('falls back to the data type when event lines are missing', () => {
    const noNames = FULL.replace(/^event: .*\n/gm, '');
    const { summary, terminalAt } = runStream(openAiResponses, [Buffer.from(noNames)]);
    expect(summary.completed).toBe(true);
    expect(summary.sawContent).toBe(true);
    expect(summary.usage.cacheReadTokens).toBe(4096);
    expect(terminalAt).toHaveLength(1);
  });

  it('returns true on the second chunk when response.completed is split', () => {
    const inspector = openAiResponses.streamInspector();
    const cut = FULL.length - 10;
    expect(inspector.push(Buffer.from(FULL.slice(0, cut)))).toBe(false);
    expect(inspector.push(Buffer.from(FULL.slice(cut)))).toBe(true);
  });

  it('reports empty and truncated streams (no response.completed)', () => {
    expect(runStream(openAiResponses, [Buffer.from('\n\n')]).summary.error?.type).toBe('empty_stream');
    const truncated = runStream(openAiResponses, [Buffer.from(sse([...HEAD_EVENTS, ...OUTPUT_EVENTS]))]).summary;
    expect(truncated.error?.type).toBe('truncated_stream');
    expect(truncated.sawContent).toBe(true);
  });
});
