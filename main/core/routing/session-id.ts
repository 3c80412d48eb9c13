// Finds a request's session id (SPEC §3): headers, prompt_cache_key, Claude Code metadata.user_id forms, else a hash.
import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

const SESSION_HEADERS = ['x-claude-code-session-id', 'session-id', 'session_id', 'x-session-id'] as const;
const LEGACY_USER_ID = /^user_.+?_account_.*?_session_(.+)$/;

type Json = Record<string, unknown>;

export function extractSessionId(headers: IncomingHttpHeaders, body: unknown, keyId: string): string {
  for (const h of SESSION_HEADERS) {
    const v = headers[h];
    if (typeof v === 'string' && v.length > 0) return v;
  }
  if (body && typeof body === 'object') {
    const b = body as Json;
    if (typeof b.prompt_cache_key === 'string' && b.prompt_cache_key) return b.prompt_cache_key;
    const meta = b.metadata as Json | undefined;
    if (meta && typeof meta === 'object') {
      const fromUserId = typeof meta.user_id === 'string' ? sessionFromUserId(meta.user_id) : undefined;
      if (fromUserId) return fromUserId;
      if (typeof meta.session_id === 'string' && meta.session_id) return meta.session_id;
    }
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

/** A weak fallback: hash of the key, the system prompt and the first message (identical openers collide). */
function fallbackSessionId(body: unknown, keyId: string): string {
  const hash = createHash('sha256').update(keyId);
  if (body && typeof body === 'object') {
    const b = body as Json;
    const opening = b.messages ?? b.contents ?? b.input;
    const first = Array.isArray(opening) ? opening[0] : opening;
    hash.update(JSON.stringify(b.system ?? b.instructions ?? b.systemInstruction ?? null));
    hash.update(JSON.stringify(first ?? null));
  }
  return `h_${hash.digest('base64url').slice(0, 22)}`;
}
