// The relay's route table: which paths are relay endpoints, their wire format, and how each is billed.
import type { WireFormat } from '../formats/types';

export interface Endpoint {
  format: WireFormat;
  /** Stable endpoint name for logs and stats. */
  name: 'messages' | 'count_tokens' | 'chat_completions' | 'responses' | 'responses_compact' | 'gemini';
  /** Billed, charged to quotas, counted by the breaker. count_tokens and responses/compact are not. */
  billable: boolean;
}

const EXACT: Record<string, Endpoint> = {
  '/v1/messages': { format: 'anthropic', name: 'messages', billable: true },
  '/v1/messages/count_tokens': { format: 'anthropic', name: 'count_tokens', billable: false },
  '/v1/chat/completions': { format: 'openai-chat', name: 'chat_completions', billable: true },
  '/v1/responses': { format: 'openai-responses', name: 'responses', billable: true },
  '/v1/responses/compact': { format: 'openai-responses', name: 'responses_compact', billable: false },
};

/** Splits a request URL into path and query without allocating a URL object. */
export function splitUrl(url: string): { path: string; query: string } {
  const q = url.indexOf('?');
  return q === -1 ? { path: url, query: '' } : { path: url.slice(0, q), query: url.slice(q + 1) };
}

/** The endpoint a POST path names, or undefined. Trailing slashes are tolerated. */
export function matchEndpoint(path: string): Endpoint | undefined {
  const hit = EXACT[path];
  if (hit) return hit;
  if (path.length > 1 && path.endsWith('/')) return EXACT[path.slice(0, -1)];
  return undefined;
}

/** Removes `key=` parameters (a Gemini-style hub key) from a raw query string; keeps every other parameter as sent. */
export function stripKeyParam(query: string): { query: string; key: string | undefined } {
  if (!query) return { query, key: undefined };
  let key: string | undefined;
  const kept: string[] = [];
  for (const part of query.split('&')) {
    if (part.startsWith('key=')) {
      key = decodeURIComponent(part.slice(4).replace(/\+/g, ' '));
    } else if (part.length > 0) {
      kept.push(part);
    }
  }
  return { query: kept.join('&'), key };
}
