import { describe, expect, it } from 'vitest';
import type { ProviderRuntime } from '../../main/core/model/entities';
import { readCredential } from '../../main/core/relay/credentials';
import { stripKeyParam } from '../../main/core/relay/request-url';
import { parseRetryAfter, statusErrorClass } from '../../main/core/relay/upstream-error';
import { upstreamHeaders } from '../../main/core/relay/upstream-headers';
import { joinUpstreamUrl } from '../../main/core/relay/upstream-url';

describe('joinUpstreamUrl', () => {
  it.each([
    ['https://api.x.com', '/v1/messages', 'https://api.x.com', '/v1/messages'],
    ['https://api.x.com/', '/v1/messages', 'https://api.x.com', '/v1/messages'],
    ['https://x.com/api', '/v1/messages', 'https://x.com', '/api/v1/messages'],
    ['https://x.com/api/v1', '/v1/messages', 'https://x.com', '/api/v1/messages'],
    ['https://x.com/api/v1/', '/v1/chat/completions', 'https://x.com', '/api/v1/chat/completions'],
    ['https://x.com/v1/messages', '/v1/messages', 'https://x.com', '/v1/messages'],
    ['https://x.com/v1/messages', '/v1/messages/count_tokens', 'https://x.com', '/v1/messages/count_tokens'],
    ['https://g.com/v1beta', '/v1beta/models/m:generateContent', 'https://g.com', '/v1beta/models/m:generateContent'],
  ])('%s + %s', (base, path, origin, expected) => {
    expect(joinUpstreamUrl(base, path, '')).toEqual({ origin, path: expected });
  });

  it('keeps the client query and the base URL query', () => {
    expect(joinUpstreamUrl('https://x.com?tenant=a', '/v1/messages', 'beta=true').path).toBe(
      '/v1/messages?tenant=a&beta=true',
    );
  });
});

describe('readCredential', () => {
  it('accepts each header form and the query key', () => {
    expect(readCredential({ 'x-api-key': 'k1' }, undefined)).toEqual({ ok: true, key: 'k1' });
    expect(readCredential({ authorization: 'Bearer k2' }, undefined)).toEqual({ ok: true, key: 'k2' });
    expect(readCredential({ authorization: 'bearer   k2 ' }, undefined)).toEqual({ ok: true, key: 'k2' });
    expect(readCredential({ 'x-goog-api-key': 'k3' }, undefined)).toEqual({ ok: true, key: 'k3' });
    expect(readCredential({}, 'k4')).toEqual({ ok: true, key: 'k4' });
  });
  it('the same key twice is fine; two different keys are refused', () => {
    expect(readCredential({ 'x-api-key': 'a', authorization: 'Bearer a' }, 'a')).toEqual({ ok: true, key: 'a' });
    expect(readCredential({ 'x-api-key': 'a', authorization: 'Bearer b' }, undefined)).toEqual({
      ok: false,
      code: 'conflicting_api_keys',
    });
  });
  it('no key at all', () => {
    expect(readCredential({ authorization: 'Basic abc' }, undefined)).toEqual({ ok: false, code: 'missing_api_key' });
  });
});

describe('request url', () => {
  it('removes key= and keeps every other parameter as sent', () => {
    expect(stripKeyParam('beta=true&key=sk-cchub-x&a=%20b')).toEqual({ query: 'beta=true&a=%20b', key: 'sk-cchub-x' });
    expect(stripKeyParam('beta=true')).toEqual({ query: 'beta=true', key: undefined });
    expect(stripKeyParam('keyword=1')).toEqual({ query: 'keyword=1', key: undefined });
  });
});

describe('upstream errors', () => {
  it('names the error class of each status (the rules decide what it means)', () => {
    expect(statusErrorClass(429)).toBe('rate_limited');
    expect(statusErrorClass(529)).toBe('upstream_5xx');
    expect(statusErrorClass(401)).toBe('upstream_auth');
    expect(statusErrorClass(400)).toBe('client_error');
    expect(statusErrorClass(413)).toBe('client_error');
  });
  it('parses retry-after seconds and dates', () => {
    const now = Date.UTC(2026, 0, 1);
    expect(parseRetryAfter('7', now)).toBe(7000);
    expect(parseRetryAfter(new Date(now + 3000).toUTCString(), now)).toBe(3000);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });
});

describe('upstreamHeaders', () => {
  const provider = {
    type: 'anthropic',
    apiKey: 'sk-ant-provider',
    anthropicAuth: 'both',
    headers: { 'X-Custom': 'c' },
    forwardClientIp: false,
  } as unknown as ProviderRuntime;
  it('strips client credentials and address headers, keeps anthropic-* and the user agent, sets provider auth', () => {
    const h = upstreamHeaders(
      {
        host: 'hub',
        'x-api-key': 'sk-cchub-client',
        authorization: 'Bearer sk-cchub-client',
        'x-forwarded-for': '10.0.0.1',
        'x-real-ip': '10.0.0.1',
        'anthropic-beta': 'a,b',
        'anthropic-version': '2023-06-01',
        'user-agent': 'claude-cli/2.1',
        'accept-encoding': 'gzip, br',
        connection: 'keep-alive',
      },
      provider,
      42,
      '10.0.0.1',
    );
    expect(h['x-api-key']).toBe('sk-ant-provider');
    expect(h.authorization).toBe('Bearer sk-ant-provider');
    expect(h['anthropic-beta']).toBe('a,b');
    expect(h['user-agent']).toBe('claude-cli/2.1');
    expect(h['accept-encoding']).toBe('identity');
    expect(h['content-length']).toBe('42');
    expect(h['x-custom']).toBe('c');
    expect(h.host).toBeUndefined();
    expect(h.connection).toBeUndefined();
    expect(h['x-forwarded-for']).toBeUndefined();
    expect(h['x-real-ip']).toBeUndefined();
    expect(JSON.stringify(h)).not.toContain('sk-cchub');
  });
  it('x-api-key only and bearer only modes', () => {
    const xOnly = upstreamHeaders({}, { ...provider, anthropicAuth: 'x-api-key' }, 0, undefined);
    expect(xOnly.authorization).toBeUndefined();
    const bearerOnly = upstreamHeaders({}, { ...provider, anthropicAuth: 'bearer' }, 0, undefined);
    expect(bearerOnly['x-api-key']).toBeUndefined();
    expect(bearerOnly.authorization).toBe('Bearer sk-ant-provider');
  });
});
