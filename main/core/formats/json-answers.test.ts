// Tests for each spec's inspectJson: fake-200 detection (HTML, not JSON, empty, error JSON) and per-format usage.
import { describe, expect, it } from 'vitest';
import { WIRE_FORMATS, type WireFormat } from './index';

const inspectJsonBody = (format: WireFormat, body: Buffer, contentType: string | undefined) =>
  WIRE_FORMATS[format].inspectJson(body, contentType);

const b = (s: string) => Buffer.from(s);
const FORMATS: WireFormat[] = ['anthropic', 'openai-chat', 'openai-responses', 'gemini'];

describe('inspectJsonBody: bodies that are not answers', () => {
  it('flags HTML by content type or by a leading <, for every format', () => {
    for (const format of FORMATS) {
      const byByte = inspectJsonBody(
        format,
        b('\r\n <html><title>Just a moment...</title></html>'),
        'application/json',
      );
      expect(byByte.error?.type).toBe('html_body');
      expect(byByte.error?.message).toContain('Just a moment...');
      expect(inspectJsonBody(format, b('{"a":1}'), 'text/html; charset=utf-8').error?.type).toBe('html_body');
    }
  });

  it('flags bodies that are not JSON, or JSON but not an object', () => {
    expect(inspectJsonBody('anthropic', b('upstream exploded'), 'application/json').error?.type).toBe('invalid_json');
    expect(inspectJsonBody('openai-chat', b('{"truncated":'), undefined).error?.type).toBe('invalid_json');
    expect(inspectJsonBody('gemini', b('"just a string"'), undefined).error?.type).toBe('invalid_json');
    // Objects are checked whole: short answers are parsed whole, long ones (over 8 KB) are scanned and only their
    // usage/model/error members parsed. Each case is tried both ways, the long one padded with an unread member.
    const padded = (json: string) => `{"id":"${'p'.repeat(9000)}",${json.slice(1)}`;
    for (const json of [
      '{"content":[{"text":"x"}],"usage":{}} trailing',
      '{"content":[1,],"usage":{}}',
      '{"content":[{"text":"x"}],"usage":{"input_tokens":1}',
      // A raw control character inside a member that is read: refused, not thrown.
      '{"model":"a\nb","usage":{}}',
    ]) {
      for (const body of [json, padded(json)]) {
        expect(inspectJsonBody('anthropic', b(body), undefined).error?.type, body.slice(-60)).toBe('invalid_json');
      }
    }
    expect(inspectJsonBody('anthropic', b(padded('{"model":"m","usage":{}}')), undefined).error).toBeNull();
  });

  it('reads usage and model from an object answer without the members it does not need', () => {
    const body = b(
      `{"id":"msg_1","content":[{"type":"text","text":"${'long answer '.repeat(1000)}"}],"model":"claude-x","usage":{"input_tokens":12,"output_tokens":34}}`,
    );
    const inspected = inspectJsonBody('anthropic', body, 'application/json');
    expect(inspected.error).toBeNull();
    expect(inspected.model).toBe('claude-x');
    expect(inspected.usage).toMatchObject({ inputTokens: 12, outputTokens: 34 });
  });

  it('flags empty and whitespace-only bodies', () => {
    expect(inspectJsonBody('anthropic', b(''), 'application/json').error?.type).toBe('empty_body');
    expect(inspectJsonBody('openai-responses', b(' \n\t'), undefined).error?.type).toBe('empty_body');
  });

  it('reports error objects in each shape with their own type and message', () => {
    expect(
      inspectJsonBody(
        'anthropic',
        b('{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}'),
        undefined,
      ).error,
    ).toEqual({ type: 'overloaded_error', message: 'Overloaded' });
    expect(
      inspectJsonBody(
        'openai-chat',
        b('{"error":{"message":"Rate limit reached","type":"requests","param":null,"code":"rate_limit_exceeded"}}'),
        undefined,
      ).error,
    ).toEqual({ type: 'requests', message: 'Rate limit reached' });
    expect(
      inspectJsonBody('openai-chat', b('{"error":{"message":"m","type":null,"code":"bad_code"}}'), undefined).error,
    ).toEqual({ type: 'bad_code', message: 'm' });
    expect(
      inspectJsonBody('gemini', b('{"error":{"code":400,"message":"bad","status":"INVALID_ARGUMENT"}}'), undefined)
        .error,
    ).toEqual({ type: 'INVALID_ARGUMENT', message: 'bad' });
    expect(
      inspectJsonBody('gemini', b('[{"error":{"code":500,"message":"x","status":"INTERNAL"}}]'), undefined).error?.type,
    ).toBe('INTERNAL');
    expect(inspectJsonBody('openai-chat', b('{"error":"plain text"}'), undefined).error).toEqual({
      type: 'error',
      message: 'plain text',
    });
  });
});

describe('inspectJsonBody: usage per format', () => {
  it('Anthropic message: usage with the cache split and model', () => {
    const body = {
      id: 'msg_1',
      type: 'message',
      model: 'claude-opus-4-1',
      content: [{ type: 'text', text: '{"type":"error","error":{}}' }],
      usage: {
        input_tokens: 10,
        output_tokens: 20,
        cache_read_input_tokens: 30,
        cache_creation_input_tokens: 40,
        cache_creation: { ephemeral_5m_input_tokens: 15, ephemeral_1h_input_tokens: 25 },
      },
    };
    expect(inspectJsonBody('anthropic', b(JSON.stringify(body)), 'application/json')).toEqual({
      usage: { inputTokens: 10, outputTokens: 20, cacheWrite5mTokens: 15, cacheWrite1hTokens: 25, cacheReadTokens: 30 },
      error: null,
      model: 'claude-opus-4-1',
    });
  });

  it('Anthropic message with only the cache-creation total counts it as 5m', () => {
    const body = { type: 'message', usage: { input_tokens: 1, output_tokens: 2, cache_creation_input_tokens: 40 } };
    const { usage } = inspectJsonBody('anthropic', b(JSON.stringify(body)), undefined);
    expect(usage.cacheWrite5mTokens).toBe(40);
    expect(usage.cacheWrite1hTokens).toBe(0);
  });

  it('OpenAI chat completion: cached tokens move from input to cache reads', () => {
    const body = {
      object: 'chat.completion',
      model: 'gpt-4.1',
      choices: [],
      usage: { prompt_tokens: 2006, completion_tokens: 300, prompt_tokens_details: { cached_tokens: 1920 } },
    };
    expect(inspectJsonBody('openai-chat', b(JSON.stringify(body)), undefined)).toEqual({
      usage: {
        inputTokens: 86,
        outputTokens: 300,
        cacheWrite5mTokens: 0,
        cacheWrite1hTokens: 0,
        cacheReadTokens: 1920,
      },
      error: null,
      model: 'gpt-4.1',
    });
  });

  it('Responses: a completed response with error:null is a success; a failed one reports its error', () => {
    const ok = {
      object: 'response',
      status: 'completed',
      error: null,
      model: 'gpt-5',
      usage: { input_tokens: 100, input_tokens_details: { cached_tokens: 40 }, output_tokens: 7 },
    };
    expect(inspectJsonBody('openai-responses', b(JSON.stringify(ok)), undefined)).toEqual({
      usage: { inputTokens: 60, outputTokens: 7, cacheWrite5mTokens: 0, cacheWrite1hTokens: 0, cacheReadTokens: 40 },
      error: null,
      model: 'gpt-5',
    });
    const failed = { ...ok, status: 'failed', error: { code: 'server_error', message: 'oops' } };
    expect(inspectJsonBody('openai-responses', b(JSON.stringify(failed)), undefined).error).toEqual({
      type: 'server_error',
      message: 'oops',
    });
  });

  it('Gemini: usageMetadata with cached and thought tokens; an array body uses its last usageMetadata', () => {
    const meta = {
      promptTokenCount: 500,
      cachedContentTokenCount: 200,
      candidatesTokenCount: 30,
      thoughtsTokenCount: 70,
    };
    const body = { candidates: [{ finishReason: 'STOP' }], usageMetadata: meta, modelVersion: 'gemini-2.5-flash' };
    const expected = {
      inputTokens: 300,
      outputTokens: 100,
      cacheWrite5mTokens: 0,
      cacheWrite1hTokens: 0,
      cacheReadTokens: 200,
    };
    expect(inspectJsonBody('gemini', b(JSON.stringify(body)), undefined)).toEqual({
      usage: expected,
      error: null,
      model: 'gemini-2.5-flash',
    });
    const early = { ...body, usageMetadata: { promptTokenCount: 500 } };
    expect(inspectJsonBody('gemini', b(JSON.stringify([early, body])), undefined).usage).toEqual(expected);
  });

  it('tolerates a UTF-8 byte-order mark', () => {
    const body = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), b('{"usage":{"input_tokens":3}}')]);
    expect(inspectJsonBody('anthropic', body, undefined).usage.inputTokens).toBe(3);
  });
});
