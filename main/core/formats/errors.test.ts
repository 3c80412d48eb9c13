// Tests for the hub's own error bodies and in-stream error events in each wire format, through the registry.
import { describe, expect, it } from 'vitest';
import { anthropicErrorType } from './anthropic/errors';
import type { StreamErrorOptions } from './common/spec';
import { type SseEvent, SseScanner } from './common/sse-scanner';
import { geminiStatus } from './gemini/errors';
import { WIRE_FORMATS, type WireFormat } from './index';
import { openAiErrorType } from './openai-shared/errors';

const hubErrorBody = (format: WireFormat, status: number, type: string, message: string): Buffer =>
  WIRE_FORMATS[format].errors.body(status, type, message);
const hubStreamErrorEvent = (format: WireFormat, type: string, message: string, options?: StreamErrorOptions): Buffer =>
  WIRE_FORMATS[format].errors.streamEvent(type, message, options);
const createStreamInspector = (format: WireFormat) => WIRE_FORMATS[format].streamInspector();

const json = (buf: Buffer): unknown => JSON.parse(buf.toString('utf8'));

function events(buf: Buffer): Array<{ event: string | undefined; data: unknown }> {
  const out: Array<{ event: string | undefined; data: unknown }> = [];
  const scanner = new SseScanner();
  const on = (ev: SseEvent) => out.push({ event: ev.event, data: ev.json() });
  scanner.push(buf, on);
  scanner.flush(on);
  return out;
}

describe('hubErrorBody', () => {
  it('Anthropic: {type:"error", error:{type, message}} with the given type', () => {
    expect(json(hubErrorBody('anthropic', 401, 'key_expired', 'Key expired "x" (req 1)'))).toEqual({
      type: 'error',
      error: { type: 'key_expired', message: 'Key expired "x" (req 1)' },
    });
  });

  it('OpenAI chat and Responses: {error:{message, type, code}} with the type mapped from the status', () => {
    for (const format of ['openai-chat', 'openai-responses'] as WireFormat[]) {
      expect(json(hubErrorBody(format, 401, 'invalid_key', 'bad key'))).toEqual({
        error: { message: 'bad key', type: 'authentication_error', code: 'invalid_key' },
      });
      expect(Object.keys((json(hubErrorBody(format, 400, 'x', 'y')) as { error: object }).error)).toEqual([
        'message',
        'type',
        'code',
      ]);
    }
    const cases: Array<[number, string, string]> = [
      [400, 'model_not_allowed', 'invalid_request_error'],
      [403, 'forbidden', 'permission_error'],
      [404, 'no_route', 'not_found_error'],
      [413, 'body_too_large', 'invalid_request_error'],
      [429, 'rpm_limit', 'rate_limit_error'],
      [429, 'daily_spend_exceeded', 'insufficient_quota'],
      [402, 'payment', 'insufficient_quota'],
      [500, 'internal', 'server_error'],
      [503, 'no_provider', 'server_error'],
    ];
    for (const [status, code, type] of cases) {
      expect(json(hubErrorBody('openai-chat', status, code, 'm')), `${status} ${code}`).toEqual({
        error: { message: 'm', type, code },
      });
    }
  });

  it('Gemini: {error:{code, message, status}}', () => {
    expect(json(hubErrorBody('gemini', 429, 'rpm_limit', 'slow down'))).toEqual({
      error: { code: 429, message: 'slow down', status: 'RESOURCE_EXHAUSTED' },
    });
    const statuses: Array<[number, string]> = [
      [400, 'INVALID_ARGUMENT'],
      [413, 'INVALID_ARGUMENT'],
      [401, 'UNAUTHENTICATED'],
      [403, 'PERMISSION_DENIED'],
      [404, 'NOT_FOUND'],
      [500, 'INTERNAL'],
      [503, 'UNAVAILABLE'],
    ];
    for (const [status, name] of statuses) expect(geminiStatus(status)).toBe(name);
  });

  it('status helpers', () => {
    expect(anthropicErrorType(529)).toBe('overloaded_error');
    expect(anthropicErrorType(429)).toBe('rate_limit_error');
    expect(anthropicErrorType(401)).toBe('authentication_error');
    expect(anthropicErrorType(500)).toBe('api_error');
    expect(anthropicErrorType(422)).toBe('invalid_request_error');
    for (const clientStatus of [405, 411, 415]) expect(anthropicErrorType(clientStatus)).toBe('invalid_request_error');
    expect(anthropicErrorType(503)).toBe('overloaded_error');
    expect(openAiErrorType(429, 'monthly_budget')).toBe('insufficient_quota');
  });
});

describe('hubStreamErrorEvent', () => {
  it('Anthropic: one error event that the Anthropic inspector recognises', () => {
    const bytes = hubStreamErrorEvent('anthropic', 'overloaded_error', 'upstream failed');
    expect(bytes.toString()).toBe(
      'event: error\ndata: {"type":"error","error":{"type":"overloaded_error","message":"upstream failed"}}\n\n',
    );
    const inspector = createStreamInspector('anthropic');
    inspector.push(bytes);
    expect(inspector.error).toEqual({ type: 'overloaded_error', message: 'upstream failed' });
  });

  it('OpenAI chat: one error data chunk and no [DONE]', () => {
    const bytes = hubStreamErrorEvent('openai-chat', 'upstream_error', 'gone', { status: 502 });
    expect(events(bytes)).toEqual([
      { event: undefined, data: { error: { message: 'gone', type: 'server_error', code: 'upstream_error' } } },
    ]);
    expect(bytes.toString()).not.toContain('[DONE]');
    expect(bytes.toString().endsWith('\n\n')).toBe(true);
  });

  it('Responses: an error event then response.failed, with sequence numbers when given', () => {
    const bytes = hubStreamErrorEvent('openai-responses', 'upstream_error', 'gone', { sequenceNumber: 12 });
    const evs = events(bytes);
    expect(evs.map((e) => e.event)).toEqual(['error', 'response.failed']);
    expect(evs[0]?.data).toEqual({
      type: 'error',
      code: 'upstream_error',
      message: 'gone',
      param: null,
      sequence_number: 12,
    });
    expect(evs[1]?.data).toMatchObject({
      type: 'response.failed',
      sequence_number: 13,
      response: { object: 'response', status: 'failed', error: { code: 'upstream_error', message: 'gone' } },
    });
    const inspector = createStreamInspector('openai-responses');
    expect(inspector.push(bytes)).toBe(false);
    expect(inspector.error).toEqual({ type: 'upstream_error', message: 'gone' });
    const unnumbered = events(hubStreamErrorEvent('openai-responses', 't', 'm'));
    expect(unnumbered[0]?.data).not.toHaveProperty('sequence_number');
  });

  it('Gemini: an SSE error chunk, or an array element that closes the JSON-array stream', () => {
    expect(events(hubStreamErrorEvent('gemini', 'upstream_error', 'gone', { status: 503 }))).toEqual([
      { event: undefined, data: { error: { code: 503, message: 'gone', status: 'UNAVAILABLE' } } },
    ]);
    const head = '[{"candidates":[{"content":{"parts":[{"text":"hi"}]}}]}';
    const tail = hubStreamErrorEvent('gemini', 'upstream_error', 'gone', { jsonArray: true });
    const whole = JSON.parse(head + tail.toString()) as unknown[];
    expect(whole).toHaveLength(2);
    expect(whole[1]).toEqual({ error: { code: 502, message: 'gone', status: 'UNAVAILABLE' } });
  });
});
