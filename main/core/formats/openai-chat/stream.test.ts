// Tests for the OpenAI chat stream inspector: first choice, usage chunk with cached tokens, errors, [DONE].
import { afterEach, describe, expect, it, vi } from 'vitest';
import { chunkCompleting, chunkings, runStream, sse } from '../common/test-kit';
import { openAiChat } from './spec';

const HEAD = '"id":"chatcmpl-1","object":"chat.completion.chunk","created":1731000000,"model":"gpt-4o-2024-08-06"';
const ROLE = `data: {${HEAD},"choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}],"usage":null}`;
const TEXT = `data: {${HEAD},"choices":[{"index":0,"delta":{"content":"a \\"usage\\":{ \\"error\\" [DONE]"},"finish_reason":null}],"usage":null}`;
const FINISH = `data: {${HEAD},"choices":[{"index":0,"delta":{},"finish_reason":"stop"}],"usage":null}`;
const USAGE = `data: {${HEAD},"choices":[],"usage":{"prompt_tokens":1200,"completion_tokens":30,"total_tokens":1230,"prompt_tokens_details":{"cached_tokens":1024,"audio_tokens":0},"completion_tokens_details":{"reasoning_tokens":0}}}`;
const DONE = 'data: [DONE]';

const FULL = sse([ROLE, TEXT, TEXT, FINISH, USAGE, DONE]);

describe('OpenAI chat stream inspector', () => {
  afterEach(() => vi.restoreAllMocks());

  it('subtracts cached tokens from prompt_tokens and completes on [DONE], for every chunking', () => {
    const bytes = Buffer.from(`${FULL}\n`);
    for (const { name, chunks } of chunkings(bytes)) {
      const run = runStream(openAiChat, chunks);
      expect(run.summary, name).toEqual({
        usage: {
          inputTokens: 176,
          outputTokens: 30,
          cacheWrite5mTokens: 0,
          cacheWrite1hTokens: 0,
          cacheReadTokens: 1024,
        },
        model: 'gpt-4o-2024-08-06',
        error: null,
        completed: true,
        sawContent: true,
        eventCount: 6,
      });
      expect(run.terminalAt, name).toEqual([chunkCompleting(chunks, Buffer.byteLength(FULL))]);
    }
  });

  it('handles CRLF streams', () => {
    const { summary, terminalAt } = runStream(openAiChat, [Buffer.from(FULL.replace(/\n/g, '\r\n'))]);
    expect(summary.completed).toBe(true);
    expect(summary.usage.cacheReadTokens).toBe(1024);
    expect(terminalAt).toHaveLength(1);
  });

  it('returns true on the chunk that finishes the [DONE] event when it is split', () => {
    const inspector = openAiChat.streamInspector();
    expect(inspector.push(Buffer.from(`${sse([ROLE, USAGE])}data: [DO`))).toBe(false);
    expect(inspector.push(Buffer.from('NE]\n'))).toBe(false);
    expect(inspector.push(Buffer.from('\n'))).toBe(true);
    expect(inspector.completed).toBe(true);
  });

  it('parses only the first chunk and the usage chunk, not text deltas or usage:null chunks', () => {
    const parse = vi.spyOn(JSON, 'parse');
    runStream(openAiChat, [Buffer.from(FULL)]);
    expect(parse).toHaveBeenCalledTimes(2);
  });

  it('sees content only at the first chunk with a non-empty choices array', () => {
    const inspector = openAiChat.streamInspector();
    inspector.push(Buffer.from(sse([`data: {${HEAD},"choices":[],"usage":null}`])));
    expect(inspector.sawContent).toBe(false);
    inspector.push(Buffer.from(sse([ROLE])));
    expect(inspector.sawContent).toBe(true);
  });

  it('reports an error chunk after content and does not complete without [DONE]', () => {
    const text = sse([
      ROLE,
      TEXT,
      'data: {"error":{"message":"upstream overloaded","type":"server_error","code":null}}',
    ]);
    const { summary } = runStream(openAiChat, [Buffer.from(text)]);
    expect(summary.error).toEqual({ type: 'server_error', message: 'upstream overloaded' });
    expect(summary.completed).toBe(false);
  });

  it('reports an error chunk before content', () => {
    const inspector = openAiChat.streamInspector();
    inspector.push(Buffer.from(sse(['data: {"error":{"message":"quota","type":"insufficient_quota","code":"x"}}'])));
    expect(inspector.error?.type).toBe('insufficient_quota');
    expect(inspector.sawContent).toBe(false);
  });

  it('reports empty and truncated streams', () => {
    expect(runStream(openAiChat, []).summary.error?.type).toBe('empty_stream');
    const truncated = runStream(openAiChat, [Buffer.from(sse([ROLE, TEXT, FINISH]))]).summary;
    expect(truncated.error?.type).toBe('truncated_stream');
    expect(truncated.completed).toBe(false);
  });

  it('keeps the latest usage when an upstream repeats cumulative usage in every chunk', () => {
    const u = (p: number, c: number) =>
      `data: {${HEAD},"choices":[{"index":0,"delta":{"content":"x"}}],"usage":{"prompt_tokens":${p},"completion_tokens":${c}}}`;
    const { summary } = runStream(openAiChat, [Buffer.from(sse([u(100, 1), u(100, 2), u(100, 3), DONE]))]);
    expect(summary.usage.inputTokens).toBe(100);
    expect(summary.usage.outputTokens).toBe(3);
  });

  it('reads DeepSeek-style prompt_cache_hit_tokens as cached', () => {
    const usage = `data: {${HEAD},"choices":[],"usage":{"prompt_tokens":100,"completion_tokens":5,"prompt_cache_hit_tokens":64,"prompt_cache_miss_tokens":36}}`;
    const { summary } = runStream(openAiChat, [Buffer.from(sse([ROLE, usage, DONE]))]);
    expect(summary.usage.inputTokens).toBe(36);
    expect(summary.usage.cacheReadTokens).toBe(64);
  });
});
