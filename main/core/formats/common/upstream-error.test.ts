// Tests for the one upstream-error reader: the error in every format's shape, and its message for logs and the test.
import { describe, expect, it } from 'vitest';
import {
  MAX_UPSTREAM_MESSAGE,
  readUpstreamError,
  upstreamErrorMessage,
  upstreamErrorMessageOf,
} from './upstream-error';

describe('upstreamErrorMessage', () => {
  it("reads the message of every format's error shape", () => {
    expect(upstreamErrorMessage({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } })).toBe(
      'Overloaded',
    );
    expect(upstreamErrorMessage({ error: { message: 'bad key', type: 'invalid_request_error', code: null } })).toBe(
      'bad key',
    );
    expect(upstreamErrorMessage({ error: { code: 429, message: 'quota', status: 'RESOURCE_EXHAUSTED' } })).toBe(
      'quota',
    );
    expect(upstreamErrorMessage({ type: 'error', code: 'server_error', message: 'boom' })).toBe('boom');
    expect(upstreamErrorMessage({ error: 'plain text' })).toBe('plain text');
  });

  it('falls back to a top-level message, and has none for answers or non-objects', () => {
    expect(upstreamErrorMessage({ message: 'Forbidden' })).toBe('Forbidden');
    expect(upstreamErrorMessage({ detail: 'Input must be a list' })).toBe('Input must be a list');
    expect(upstreamErrorMessage({ error: { code: 'x' }, message: 'outer' })).toBe('outer');
    expect(upstreamErrorMessage({ error: null, message: 'outer' })).toBe('outer');
    expect(upstreamErrorMessage({ id: 'msg_1', content: [] })).toBeUndefined();
    expect(upstreamErrorMessage({ error: { message: '' } })).toBeUndefined();
    expect(upstreamErrorMessage('error')).toBeUndefined();
    expect(upstreamErrorMessage(undefined)).toBeUndefined();
  });

  it('keeps a long message up to its cap, for the caller to redact before cutting it shorter', () => {
    expect(upstreamErrorMessage({ error: { message: 'x'.repeat(5000) } })).toBe('x'.repeat(5000));
    expect(upstreamErrorMessage({ error: { message: 'x'.repeat(MAX_UPSTREAM_MESSAGE + 10) } })?.length).toBe(
      MAX_UPSTREAM_MESSAGE,
    );
  });

  it('from raw bytes: not JSON, empty or oversized bodies have none', () => {
    expect(upstreamErrorMessageOf(Buffer.from('{"error":{"message":"m"}}'))).toBe('m');
    expect(upstreamErrorMessageOf(Buffer.from('<html>502</html>'))).toBeUndefined();
    expect(upstreamErrorMessageOf(Buffer.alloc(0))).toBeUndefined();
    const huge = Buffer.from(`{"error":{"message":"m"},"pad":"${'p'.repeat(300 * 1024)}"}`);
    expect(upstreamErrorMessageOf(huge)).toBeUndefined();
  });

  it('agrees with readUpstreamError wherever that finds an error with a message', () => {
    const shapes = [
      { type: 'error', error: { type: 't', message: 'a' } },
      { error: { status: 'S', message: 'b' } },
      { type: 'error', code: 7, message: 'c' },
      { error: 'd' },
    ];
    for (const v of shapes) expect(upstreamErrorMessage(v)).toBe(readUpstreamError(v)?.message);
  });
});
