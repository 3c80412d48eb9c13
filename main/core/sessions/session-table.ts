// Live sessions: one table counts concurrent sessions per user, key and provider, holds sticky bindings.
//
// A session is alive while a request of it is in flight, and for the TTL (300 s) after its last request began or
// ended. Sessions are scoped to the key that sent them (the same id from another key is another session).
// Per-subject counts are kept up to date, so a check is a Map lookup; expired sessions are dropped lazily from the
// front of an idle list ordered by last activity (amortised O(1)).
import { keySubject, providerSubject, userSubject } from '../subjects';

export const SESSION_TTL_MS = 300_000;
/** Retry-After for a concurrency refusal. */
export const CONCURRENCY_RETRY_AFTER_SECONDS = 5;
const DEFAULT_MAX_SESSIONS = 10_000;

export interface SessionOwner {
  userId: string;
  keyId: string;
  /** The provider the request goes to, when already known. */
  providerId?: string;
}

/** A session as the pipeline and the API see it (read-only; change it through the table). */
export interface LiveSession {
  readonly sessionId: string;
  readonly userId: string;
  readonly keyId: string;
  /** The provider of its latest attempt: the session counts toward that provider's concurrent sessions. */
  readonly providerId: string | null;
  /** Sticky binding: the provider that last answered it successfully. */
  readonly boundProviderId: string | null;
  readonly startedAt: number;
  readonly lastSeenAt: number;
  readonly requests: number;
  readonly inFlight: number;
}

/** One item of `GET /api/v1/sessions?active=true` (times in epoch ms; the API layer formats them). */
export interface SessionInfo {
  sessionId: string;
  userId: string;
  keyId: string;
  providerId: string | null;
  boundProviderId: string | null;
  startedAt: number;
  lastSeenAt: number;
  requests: number;
  inFlight: number;
}

class Session implements LiveSession {
  providerId: string | null = null;
  providerSubject: string | null = null;
  boundProviderId: string | null = null;
  lastSeenAt: number;
  requests = 0;
  inFlight = 0;
  readonly userSubject: string;
  readonly keySubject: string;

  constructor(
    readonly tableKey: string,
    readonly sessionId: string,
    readonly userId: string,
    readonly keyId: string,
    readonly startedAt: number,
  ) {
    this.lastSeenAt = startedAt;
    this.userSubject = userSubject(userId);
    this.keySubject = keySubject(keyId);
  }
}

export class SessionTable {
  private readonly sessions = new Map<string, Session>();
  /** Sessions with nothing in flight, oldest activity first. */
  private readonly idle = new Map<string, Session>();
  private readonly counts = new Map<string, number>();
  private ttl: number;
  private readonly maxSessions: number;

  constructor(options: { ttlMs?: number; maxSessions?: number } = {}) {
    this.ttl = options.ttlMs ?? SESSION_TTL_MS;
    this.maxSessions = options.maxSessions ?? DEFAULT_MAX_SESSIONS;
  }

  get ttlMs(): number {
    return this.ttl;
  }

  setTtl(ms: number): void {
    this.ttl = ms;
  }

  /** A request of the session starts: counts it (once) for its user, key and provider and keeps it alive. */
  begin(sessionId: string, owner: SessionOwner, now: number): LiveSession {
    this.expire(now);
    const key = tableKey(owner.keyId, sessionId);
    let s = this.sessions.get(key);
    if (!s) {
      s = new Session(key, sessionId, owner.userId, owner.keyId, now);
      this.sessions.set(key, s);
      this.bump(s.userSubject, 1);
      this.bump(s.keySubject, 1);
      this.evictOverflow();
    }
    this.idle.delete(key);
    s.inFlight++;
    s.requests++;
    s.lastSeenAt = now;
    if (owner.providerId !== undefined) this.setProvider(s, owner.providerId);
    return s;
  }

  /** The request finished (successfully or not); the session lives on for the TTL. */
  end(session: LiveSession, now: number): void {
    const s = this.own(session);
    if (!s || s.inFlight === 0) return;
    s.inFlight--;
    s.lastSeenAt = now;
    if (s.inFlight === 0) this.idle.set(s.tableKey, s);
  }

  /** The request is being sent to `providerId`: the session now counts toward that provider (moved from the previous one). */
  attach(session: LiveSession, providerId: string): void {
    const s = this.own(session);
    if (s) this.setProvider(s, providerId);
  }

  /** Binds the session to the provider that answered it (a failover success rebinds). */
  bind(session: LiveSession, providerId: string, now: number): void {
    const s = this.own(session);
    if (!s) return;
    s.boundProviderId = providerId;
    this.setProvider(s, providerId);
    this.touch(s, now);
  }

  unbind(session: LiveSession): void {
    const s = this.own(session);
    if (s) s.boundProviderId = null;
  }

  /** Slides the TTL. */
  touch(session: LiveSession, now: number): void {
    const s = this.own(session);
    if (!s) return;
    s.lastSeenAt = now;
    if (s.inFlight === 0) {
      this.idle.delete(s.tableKey);
      this.idle.set(s.tableKey, s);
    }
  }

  /** The live session of a key, if any. */
  get(keyId: string, sessionId: string, now: number): LiveSession | undefined {
    this.expire(now);
    return this.sessions.get(tableKey(keyId, sessionId));
  }

  /** Live sessions counted for a subject (`user:<id>`, `key:<id>`, `provider:<id>`). */
  count(subject: string, now: number): number {
    this.expire(now);
    return this.counts.get(subject) ?? 0;
  }

  /**
   * Whether starting a request of this session would take the subject over `limit` sessions: a session already
   * counted for the subject never counts twice; a new one is refused once `limit` sessions are live.
   */
  wouldExceed(subject: string, keyId: string, sessionId: string, limit: number, now: number): boolean {
    this.expire(now);
    const s = this.sessions.get(tableKey(keyId, sessionId));
    if (s && (s.userSubject === subject || s.keySubject === subject || s.providerSubject === subject)) return false;
    return (this.counts.get(subject) ?? 0) >= limit;
  }

  /** Live sessions, most recently active last (for `GET /api/v1/sessions?active=true`). */
  list(now: number): SessionInfo[] {
    this.expire(now);
    const out: SessionInfo[] = [];
    for (const s of this.sessions.values()) {
      out.push({
        sessionId: s.sessionId,
        userId: s.userId,
        keyId: s.keyId,
        providerId: s.providerId,
        boundProviderId: s.boundProviderId,
        startedAt: s.startedAt,
        lastSeenAt: s.lastSeenAt,
        requests: s.requests,
        inFlight: s.inFlight,
      });
    }
    return out.sort((a, b) => a.lastSeenAt - b.lastSeenAt);
  }

  /**
   * An admin ends the live sessions with this id (one per key that sent it): each is dropped at once, so its sticky
   * binding and its concurrency slot for user, key and provider are released. Requests still in flight finish
   * normally; what they report afterwards changes nothing here (their handle is no longer the table's), and the
   * next request with the id starts a new session. Returns how many ended and how many requests they had in flight.
   */
  endSession(sessionId: string, now: number): { ended: number; inFlight: number } {
    this.expire(now);
    let ended = 0;
    let inFlight = 0;
    for (const s of [...this.sessions.values()]) {
      if (s.sessionId !== sessionId) continue;
      ended++;
      inFlight += s.inFlight;
      this.remove(s);
    }
    return { ended, inFlight };
  }

  /** Drops expired sessions (also done lazily by every call; a periodic timer keeps an idle hub small). */
  sweep(now: number): void {
    this.expire(now);
  }

  size(): number {
    return this.sessions.size;
  }

  /** Live sessions now (expired ones dropped first). */
  liveCount(now: number): number {
    this.expire(now);
    return this.sessions.size;
  }

  private expire(now: number): void {
    for (const s of this.idle.values()) {
      if (now < s.lastSeenAt + this.ttl) break;
      this.remove(s);
    }
  }

  private evictOverflow(): void {
    for (const s of this.idle.values()) {
      if (this.sessions.size <= this.maxSessions) return;
      this.remove(s);
    }
  }

  private remove(s: Session): void {
    this.idle.delete(s.tableKey);
    this.sessions.delete(s.tableKey);
    this.bump(s.userSubject, -1);
    this.bump(s.keySubject, -1);
    if (s.providerSubject !== null) this.bump(s.providerSubject, -1);
  }

  private setProvider(s: Session, providerId: string): void {
    if (s.providerId === providerId) return;
    if (s.providerSubject !== null) this.bump(s.providerSubject, -1);
    s.providerId = providerId;
    s.providerSubject = providerSubject(providerId);
    this.bump(s.providerSubject, 1);
  }

  private bump(subject: string, delta: number): void {
    const n = (this.counts.get(subject) ?? 0) + delta;
    if (n <= 0) this.counts.delete(subject);
    else this.counts.set(subject, n);
  }

  /** The table's own record behind a handle, if it is still live here. */
  private own(session: LiveSession): Session | undefined {
    const s = session instanceof Session ? this.sessions.get(session.tableKey) : undefined;
    return s === session ? s : undefined;
  }
}

function tableKey(keyId: string, sessionId: string): string {
  return `${keyId}\u0000${sessionId}`;
}
