// Gemini error shapes: {error:{code, message, status}} with the Google RPC status name, in a body or a stream.
import type { ErrorSpec } from '../common/spec';

/** The Google RPC status name Gemini reports for an HTTP status. */
export function geminiStatus(status: number): string {
  if (status === 401) return 'UNAUTHENTICATED';
  if (status === 403) return 'PERMISSION_DENIED';
  if (status === 404) return 'NOT_FOUND';
  if (status === 402 || status === 429) return 'RESOURCE_EXHAUSTED';
  if (status === 502 || status === 503 || status === 504 || status === 529) return 'UNAVAILABLE';
  if (status >= 500) return 'INTERNAL';
  return 'INVALID_ARGUMENT';
}

const errorJson = (status: number, message: string): string =>
  JSON.stringify({ error: { code: status, message, status: geminiStatus(status) } });

/** The type names nothing here: Gemini clients read the status. */
export const geminiErrors: ErrorSpec = {
  hubType: (_status, code) => code,
  body: (status, _type, message) => Buffer.from(errorJson(status, message)),
  /** A `data: {"error":…}` chunk, or in the JSON-array form the error element plus the closing `]`. */
  streamEvent: (_type, message, options = {}) => {
    const json = errorJson(options.status ?? 502, message);
    return Buffer.from(options.jsonArray ? `,\n${json}\n]` : `data: ${json}\n\n`);
  },
};
