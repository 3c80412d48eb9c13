// Finds a request's session id: headers, prompt_cache_key, Claude Code metadata.user_id forms, else a hash.
import { hash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { RequestFields } from '../formats/common/request-fields';

const SESSION_HEADERS = ['x-claude-code-session-id', 'session-id', 'session_id', 'x-session-id'] as const;
const LEGACY_USER_ID = /^user_.+?_account_.*?_session_(.+)$/;

type Json = Record<string, unknown>;

export function extractSessionId(headers: IncomingHttpHeaders, body: RequestFields, keyId: string): string {
  for (const h of SESSION_HEADERS) {
    const v = headers[h];
    if (typeof v === 'string' && v.length > 0) return v;
  }
  const promptCacheKey = body.value('prompt_cache_key');
  if (typeof promptCacheKey === 'string' && promptCacheKey) return promptCacheKey;
  const meta = body.value('metadata') as Json | undefined;
  if (meta && typeof meta === 'object') {
    const fromUserId = typeof meta.user_id === 'string' ? sessionFromUserId(meta.user_id) : undefined;
    if (fromUserId) return fromUserId;
    if (typeof meta.session_id === 'string' && meta.session_id) return meta.session_id;
  }
  return fallbackSessionId(body, keyId);
}

/** Claude Code's `metadata.user_id`: a JSON string with `session_id` (≥ 2.1.78), or the legacy `user_…_session_<uuid>`. */
export function sessionFromUserId(userId: string): string | undefined {
  if (userId.startsWith('{')) {
    try {
      const parsed = JSON.parse(userId) as Json;
      return typeof parsed.session_id === 'string' && parsed.session_id ? parsed.session_id : undefined;
    } catch {
      return undefined;
    }
  }
  return LEGACY_USER_ID.exec(userId)?.[1] || undefined;
}

/**
 * A weak fallback: hash of the key, the system prompt and the first message as the client's bytes (identical
 * openers collide). Hashing the bytes spares a re-serialisation of what may be a 70 KB prompt.
 */
function fallbackSessionId(body: RequestFields, keyId: string): string {
  const system = body.bytes('system') ?? body.bytes('instructions') ?? body.bytes('systemInstruction') ?? NONE;
  const first =
    body.firstElementBytes('messages') ??
    body.firstElementBytes('contents') ??
    body.firstElementBytes('input') ??
    body.bytes('messages') ??
    body.bytes('contents') ??
    body.bytes('input') ??
    NONE;
  // One-shot hashing of the joined bytes costs less than a Hash object fed piece by piece.
  const joined = Buffer.concat([Buffer.from(keyId), system, SEPARATOR, first]);
  return `h_${hash('sha256', joined, 'base64url').slice(0, 22)}`;
}

const NONE = Buffer.from('null');
const SEPARATOR = Buffer.from([0]);
