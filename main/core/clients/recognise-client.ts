// Which client sent a request, from its User-Agent and the headers each real client sends: a known name and version.
import type { IncomingHttpHeaders } from 'node:http';
import type { KnownClient } from '../../../shared/api-schemas';

export interface RecognisedClient {
  /** The known client, or undefined for any other (its User-Agent still matches custom patterns). */
  name: KnownClient | undefined;
  /** Its version as it states it (`2.1.3`), when known. */
  version: string | undefined;
  /** The User-Agent, '' when absent (cut at 512 characters: custom patterns match against it). */
  userAgent: string;
}

/** The longest User-Agent patterns see: real clients send far less, and globs stay cheap on it. */
const MAX_USER_AGENT = 512;

/**
 * Recognises, most specific first (the CLIs are built on the SDKs and carry their marks too):
 * - Claude Code: `user-agent: claude-cli/<ver> (external, <entrypoint>)` (with `x-app: cli`);
 * - Codex CLI: `user-agent: codex_<originator>/<ver> …` and `originator: codex_*`;
 * - Gemini CLI: `user-agent: GeminiCLI/<ver> …`;
 * - the Anthropic and OpenAI SDKs: `user-agent: Anthropic/<lang> <ver>` / `OpenAI/<lang> <ver>` (Stainless
 *   `x-stainless-package-version` gives the version when the agent is another);
 * - Google's Gen AI SDK: `x-goog-api-client: google-genai-sdk/<ver> …` (or the same in the User-Agent).
 */
export function recogniseClient(headers: IncomingHttpHeaders): RecognisedClient {
  const rawUa = headers['user-agent'];
  const userAgent = (Array.isArray(rawUa) ? (rawUa[0] ?? '') : (rawUa ?? '')).slice(0, MAX_USER_AGENT);
  let m = /^claude-cli\/(\S+)/i.exec(userAgent);
  if (m) return { name: 'claude-code', version: m[1], userAgent };
  m = /^codex[_-][\w-]*\/(\S+)/i.exec(userAgent);
  if (m) return { name: 'codex-cli', version: m[1], userAgent };
  const originator = header(headers, 'originator');
  if (originator?.toLowerCase().startsWith('codex')) return { name: 'codex-cli', version: undefined, userAgent };
  m = /\bGeminiCLI\/([^\s,]+)/i.exec(userAgent);
  if (m) return { name: 'gemini-cli', version: m[1], userAgent };
  m = /^(Anthropic|OpenAI)\/\w+ (\S+)/.exec(userAgent);
  if (m) return { name: m[1] === 'Anthropic' ? 'anthropic-sdk' : 'openai-sdk', version: m[2], userAgent };
  const goog = /google-genai-sdk\/(\S+)/.exec(header(headers, 'x-goog-api-client') ?? userAgent);
  if (goog) return { name: 'google-genai-sdk', version: goog[1], userAgent };
  return { name: undefined, version: undefined, userAgent };
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}
