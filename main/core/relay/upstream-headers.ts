// Headers for the upstream request and for the client's response: what passes, what is stripped, what is set.
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';
import { WIRE_FORMATS } from '../formats';
import type { ProviderRuntime } from '../model/entities';
import { applyHeaderOverrides } from '../overrides/header-overrides';

/** Never forwarded upstream: hop-by-hop, the client's credentials, its address, and what the hub sets itself. */
const STRIP_UPSTREAM = new Set([
  'host',
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authorization',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
  'content-length',
  'content-encoding',
  'accept-encoding',
  'expect',
  'authorization',
  'x-api-key',
  'x-goog-api-key',
  'cookie',
  'forwarded',
  'x-forwarded-for',
  'x-forwarded-host',
  'x-forwarded-proto',
  'x-forwarded-port',
  'x-real-ip',
  'x-client-ip',
  'cf-connecting-ip',
  'true-client-ip',
  'x-cluster-client-ip',
  'fastly-client-ip',
]);

export function upstreamHeaders(
  client: IncomingHttpHeaders,
  provider: ProviderRuntime,
  bodyLength: number,
  clientIp: string | undefined,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name in client) {
    if (STRIP_UPSTREAM.has(name)) continue;
    const v = client[name];
    if (v === undefined) continue;
    out[name] = Array.isArray(v) ? v.join(', ') : v;
  }
  for (const name in provider.headers) {
    const lower = name.toLowerCase();
    if (lower === 'host' || lower === 'content-length') continue;
    out[lower] = provider.headers[name] as string;
  }
  const overrides = provider.overrides?.headers;
  if (overrides) applyHeaderOverrides(out, overrides);
  if (provider.forwardClientIp && clientIp) {
    out['x-forwarded-for'] = clientIp;
    out['x-real-ip'] = clientIp;
  }
  out['accept-encoding'] = 'identity';
  out['content-length'] = String(bodyLength);
  WIRE_FORMATS[provider.type].setUpstreamAuth(out, provider);
  return out;
}

/** Response headers never passed back to the client (hop-by-hop and framing the hub redoes). */
const STRIP_DOWNSTREAM = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'content-length',
  'proxy-connection',
  'trailer',
  'upgrade',
  'set-cookie',
]);

export function downstreamHeaders(
  upstream: Record<string, string | string[] | undefined>,
  requestId: string,
): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = {};
  for (const name in upstream) {
    if (STRIP_DOWNSTREAM.has(name)) continue;
    const v = upstream[name];
    if (v !== undefined) out[name] = v;
  }
  out['x-cchub-request-id'] = requestId;
  return out;
}
