// The relay's route table: which paths are relay endpoints, their wire format, and how each is billed.
import type { WireFormat } from '../formats/types';

export interface Endpoint {
  format: WireFormat;
  /** Stable endpoint name for logs and stats. */
  name:
    | 'messages'
    | 'count_tokens'
    | 'chat_completions'
    | 'responses'
    | 'responses_compact'
    | 'generate_content'
    | 'stream_generate_content'
    | 'gemini_count_tokens';
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

const GEMINI_ACTIONS: Record<string, Endpoint> = {
  generateContent: { format: 'gemini', name: 'generate_content', billable: true },
  streamGenerateContent: { format: 'gemini', name: 'stream_generate_content', billable: true },
  countTokens: { format: 'gemini', name: 'gemini_count_tokens', billable: false },
};

/** `/v1beta/models/{model}:{action}` (also under `/v1/`): Gemini carries the model in the path. */
const GEMINI_PATH = /^\/(v1beta|v1)\/models\/([^/:]+):([A-Za-z]+)$/;

/** The endpoint a POST path names, or undefined. Trailing slashes are tolerated. */
export function matchEndpoint(path: string): Endpoint | undefined {
  const hit = EXACT[path];
  if (hit) return hit;
  if (path.length > 1 && path.endsWith('/')) return EXACT[path.slice(0, -1)];
  return matchGemini(path)?.endpoint;
}

/** A Gemini action path: its endpoint, the model named in it, and how to name another model in its place. */
export function matchGemini(
  path: string,
): { endpoint: Endpoint; model: string; withModel(model: string): string } | undefined {
  const m = GEMINI_PATH.exec(path);
  const endpoint = m ? GEMINI_ACTIONS[m[3] as string] : undefined;
  if (!m || !endpoint) return undefined;
  let model: string;
  try {
    model = decodeURIComponent(m[2] as string);
  } catch {
    return undefined;
  }
  return { endpoint, model, withModel: (other) => `/${m[1]}/models/${encodeURIComponent(other)}:${m[3]}` };
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
