// Tests for the Gemini stream inspector: SSE and JSON-array forms, last usageMetadata, errors, finishReason.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { chunkings, runStream } from '../common/test-kit';
import { gemini } from './spec';

const FIRST = {
  candidates: [{ content: { parts: [{ text: 'Hel ] } [ "error" \\' }], role: 'model' }, index: 0 }],
  usageMetadata: { promptTokenCount: 100, candidatesTokenCount: 2, totalTokenCount: 102 },
  modelVersion: 'gemini-2.5-pro',
  responseId: 'r1',
};
const LAST = {
  candidates: [{ content: { parts: [{ text: 'lo' }], role: 'model' }, finishReason: 'STOP', index: 0 }],
  usageMetadata: {
    promptTokenCount: 100,
    candidatesTokenCount: 20,
    cachedContentTokenCount: 60,
    thoughtsTokenCount: 50,
    totalTokenCount: 170,
  },
  modelVersion: 'gemini-2.5-pro',
  responseId: 'r1',
};

const sseOf = (chunks: unknown[]) => chunks.map((c) => `data: ${JSON.stringify(c)}\r\n\r\n`).join('');
const arrayOf = (chunks: unknown[]) => `[${chunks.map((c) => JSON.stringify(c, null, 2)).join('\n,\r\n')}\n]`;

const EXPECTED = {
  usage: { inputTokens: 40, outputTokens: 70, cacheWrite5mTokens: 0, cacheWrite1hTokens: 0, cacheReadTokens: 60 },
  model: 'gemini-2.5-pro',
  error: null,
  completed: true,
  sawContent: true,
  eventCount: 2,
};

describe('Gemini stream inspector', () => {
  afterEach(() => vi.restoreAllMocks());

  it('reads the last usageMetadata (thoughts count as output) and completes at end on finishReason: SSE form', () => {
    for (const { name, chunks } of chunkings(Buffer.from(sseOf([FIRST, LAST])))) {
      const run = runStream(gemini, chunks);
      expect(run.summary, name).toEqual(EXPECTED);
      expect(run.terminalAt, name).toEqual([]);
    }
  });

  it('reads the same from the JSON-array stream form', () => {
    for (const { name, chunks } of chunkings(Buffer.from(arrayOf([FIRST, LAST])))) {
      const run = runStream(gemini, chunks);
      expect(run.summary, name).toEqual(EXPECTED);
      expect(run.terminalAt, name).toEqual([]);
    }
  });

  it('is not completed before end() even after the finishReason chunk', () => {
    const inspector = gemini.streamInspector();
    expect(inspector.push(Buffer.from(sseOf([FIRST, LAST])))).toBe(false);
    expect(inspector.completed).toBe(false);
    inspector.end();
    expect(inspector.completed).toBe(true);
  });

  it('parses the first chunk at once and the usage chunk only when usage is asked', () => {
    const parse = vi.spyOn(JSON, 'parse');
    const inspector = gemini.streamInspector();
    inspector.push(Buffer.from(sseOf([FIRST, LAST, LAST, LAST])));
    inspector.end();
    expect(parse).toHaveBeenCalledTimes(1);
    expect(inspector.usage().outputTokens).toBe(70);
    expect(inspector.usage().outputTokens).toBe(70);
    expect(parse).toHaveBeenCalledTimes(2);
  });

  it('reports truncated_stream without a finishReason, keeping usage so far', () => {
    const { summary } = runStream(gemini, [Buffer.from(sseOf([FIRST]))]);
    expect(summary.error?.type).toBe('truncated_stream');
    expect(summary.completed).toBe(false);
    expect(summary.usage.inputTokens).toBe(100);
    expect(summary.usage.outputTokens).toBe(2);
  });

  it('reports empty_stream for an empty body or an empty array', () => {
    expect(runStream(gemini, []).summary.error?.type).toBe('empty_stream');
    expect(runStream(gemini, [Buffer.from('[]')]).summary.error?.type).toBe('empty_stream');
  });

  it('reports an error chunk in both forms', () => {
    const error = { error: { code: 503, message: 'The model is overloaded.', status: 'UNAVAILABLE' } };
    for (const text of [sseOf([FIRST, error]), arrayOf([FIRST, error]), sseOf([error])]) {
      const { summary } = runStream(gemini, [Buffer.from(text)]);
      expect(summary.error).toEqual({ type: 'UNAVAILABLE', message: 'The model is overloaded.' });
      expect(summary.completed).toBe(false);
    }
  });

  it('reads an error object sent instead of a stream', () => {
    const { summary } = runStream(gemini, [
      Buffer.from('{"error":{"code":429,"message":"quota","status":"RESOURCE_EXHAUSTED"}}'),
    ]);
    expect(summary.error?.type).toBe('RESOURCE_EXHAUSTED');
  });

  it('counts a blocked prompt (promptFeedback.blockReason) as a finished answer', () => {
    const blocked = { promptFeedback: { blockReason: 'SAFETY' }, usageMetadata: { promptTokenCount: 9 } };
    const { summary } = runStream(gemini, [Buffer.from(sseOf([blocked]))]);
    expect(summary.completed).toBe(true);
    expect(summary.error).toBeNull();
    expect(summary.usage.inputTokens).toBe(9);
  });
});
