// Console login sessions: opaque ids held in memory with an expiry and a CSRF token each; never the credential itself.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../clock';

/** What a session was opened with: the admin token, or a hub key (by id; re-checked on every request). */
export type SessionBasis = { kind: 'admin-token' } | { kind: 'key'; keyId: string };

export interface ConsoleSession {
  id: string;
  basis: SessionBasis;
  csrfToken: string;
  createdAt: number;
  expiresAt: number;
}

/** 7 days, like the peer's default; a session never outlives it, used or not. */
export const DEFAULT_SESSION_TTL_MS = 7 * 24 * 60 * 60_000;
const MAX_SESSIONS = 10_000;

const token = () => randomBytes(32).toString('base64url');

/**
 * Server-side sessions. Kept in memory only (a restart logs everyone out; the desktop shell logs in again by
 * itself): nothing about a console session is ever written to disk.
 */
export class ConsoleSessions {
  private readonly sessions = new Map<string, ConsoleSession>();

  constructor(
    private readonly clock: Clock,
    readonly ttlMs = DEFAULT_SESSION_TTL_MS,
  ) {}

  create(basis: SessionBasis): ConsoleSession {
    const now = this.clock.now();
    if (this.sessions.size >= MAX_SESSIONS) this.prune(now);
    if (this.sessions.size >= MAX_SESSIONS) {
      const oldest = this.sessions.keys().next().value;
      if (oldest !== undefined) this.sessions.delete(oldest);
    }
    const session: ConsoleSession = {
      id: token(),
      basis,
      csrfToken: token(),
      createdAt: now,
      expiresAt: now + this.ttlMs,
    };
    this.sessions.set(session.id, session);
    return session;
  }

  /** The live session with this id; an expired one is dropped. */
  get(id: string): ConsoleSession | undefined {
    const s = this.sessions.get(id);
    if (!s) return undefined;
    if (s.expiresAt <= this.clock.now()) {
      this.sessions.delete(id);
      return undefined;
    }
    return s;
  }

  destroy(id: string): void {
    this.sessions.delete(id);
  }

  /** Ends every session opened with this key (after it is rotated, disabled or deleted they fail anyway). */
  destroyForKey(keyId: string): void {
    for (const [id, s] of this.sessions)
      if (s.basis.kind === 'key' && s.basis.keyId === keyId) this.sessions.delete(id);
  }

  get size(): number {
    return this.sessions.size;
  }

  private prune(now: number): void {
    for (const [id, s] of this.sessions) if (s.expiresAt <= now) this.sessions.delete(id);
  }
}

/** Constant-time comparison of a presented CSRF token with the session's. */
export function csrfMatches(session: ConsoleSession, presented: string | undefined): boolean {
  if (presented === undefined) return false;
  const a = Buffer.from(presented, 'utf8');
  const b = Buffer.from(session.csrfToken, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
