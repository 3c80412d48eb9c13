// Who is calling the admin API: credential sources resolve a request to a Principal; route rules allow or refuse it.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import type { HubContext } from '../context';
import { HUB_KEY_PREFIX, hashKey } from '../ids';
import type { KeyRecord, UserRecord } from '../store/repositories';
import { ApiError, credentialsLocked, csrfRejected, forbidden, unauthorized } from './errors';

/**
 * The caller. An admin is the ADMIN_TOKEN (no ids) or a hub key whose user has role `admin` (ids kept for the
 * audit log). A user acts only on their own data. `limited` marks a console session of a key that may not log in
 * to the console: it reaches only the read-only "my usage" routes (auth rule `me`).
 */
export type Principal =
  | { kind: 'admin'; userId?: string; keyId?: string }
  | { kind: 'user'; userId: string; keyId: string; canLogin: boolean; limited?: boolean };
export type AdminPrincipal = Extract<Principal, { kind: 'admin' }>;

/**
 * Who may call a route: anyone; any authenticated principal, limited "my usage" sessions included (`me`); any
 * authenticated principal except those (`user`, scoped to their own data); or admins only.
 */
export type AuthRule = 'public' | 'me' | 'user' | 'admin';

/**
 * What one credential source found on a request. `absent` lets the next source look; `invalid` is a 401;
 * `throttled` is invalid credentials from an address that guessed too often (429 with Retry-After, any route).
 */
export type CredentialCheck =
  | { outcome: 'absent' }
  | { outcome: 'invalid' }
  | { outcome: 'throttled'; retryAfterSeconds: number }
  | { outcome: 'ok'; principal: Principal; via: string; csrfRejected?: boolean };

/** One way of presenting credentials (bearer header now; the console's session cookie later). */
export type PrincipalSource = (req: Request, ctx: HubContext) => CredentialCheck;

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/** Constant-time comparison with the admin token (hashing first equalises the lengths). */
export function isAdminToken(ctx: HubContext, token: string): boolean {
  return timingSafeEqual(sha256(token), sha256(ctx.adminToken));
}

/**
 * A token (the ADMIN_TOKEN or a hub key) → its principal, or null when it is unknown, disabled, expired or retired,
 * or its user is disabled or expired. Also what a console login will call.
 */
export function principalForToken(ctx: HubContext, token: string): Principal | null {
  if (isAdminToken(ctx, token)) return { kind: 'admin' };
  if (!token.startsWith(HUB_KEY_PREFIX)) return null;
  const found = ctx.store.keys.findByHash(hashKey(token));
  if (!found) return null;
  return principalForKey(ctx, found.key, found.user);
}

/** A key and its user → the principal, or null when either is disabled, expired or (the key) retired. */
export function principalForKey(ctx: HubContext, key: KeyRecord, user: UserRecord): Principal | null {
  const now = ctx.clock.now();
  const live = (expiresAt: number | null) => expiresAt === null || expiresAt > now;
  if (!key.enabled || !live(key.expiresAt) || !live(key.retiresAt)) return null;
  if (!user.enabled || !live(user.expiresAt)) return null;
  if (user.role === 'admin') return { kind: 'admin', userId: user.id, keyId: key.id };
  return { kind: 'user', userId: user.id, keyId: key.id, canLogin: key.canLogin };
}

/** The same check by key id (console sessions remember the key id, never the key). */
export function principalForKeyId(ctx: HubContext, keyId: string): Principal | null {
  const key = ctx.store.keys.get(keyId);
  const user = key ? ctx.store.users.get(key.userId) : undefined;
  return key && user ? principalForKey(ctx, key, user) : null;
}

/** May this principal use the full console (its own dashboards, keys and logs)? Admins always may. */
export function principalCanLogin(principal: Principal): boolean {
  return principal.kind === 'admin' || principal.canLogin;
}

/** `Authorization: Bearer <ADMIN_TOKEN | hub key>`. Any other Authorization header is invalid, not absent. */
export const bearerSource: PrincipalSource = (req, ctx) => {
  const header = req.headers.authorization;
  if (header === undefined) return { outcome: 'absent' };
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header);
  const token = match?.[1];
  if (!token) return { outcome: 'invalid' };
  const principal = principalForToken(ctx, token);
  return principal ? { outcome: 'ok', principal, via: 'bearer' } : { outcome: 'invalid' };
};

/** The bearer header only; the router adds the console session cookie after it (see `sessionSource`). */
export const defaultPrincipalSources: readonly PrincipalSource[] = [bearerSource];

/** The request's principal: the first source that finds credentials decides; none found → absent. */
export function resolvePrincipal(
  req: Request,
  ctx: HubContext,
  sources: readonly PrincipalSource[] = defaultPrincipalSources,
): CredentialCheck {
  for (const source of sources) {
    const check = source(req, ctx);
    if (check.outcome !== 'absent') return check;
  }
  return { outcome: 'absent' };
}

/**
 * Applies a route's rule: 401 without valid credentials, 403 when a plain user calls an admin route or a limited
 * "my usage" session calls anything but the `me` routes.
 */
export function authorize(rule: AuthRule, check: CredentialCheck): Principal | null {
  if (check.outcome === 'throttled') throw credentialsLocked(check.retryAfterSeconds, 'invalid credentials');
  if (check.outcome === 'ok') {
    const p = check.principal;
    if (rule === 'public') return p;
    if (check.csrfRejected) throw csrfRejected();
    if (rule === 'admin' && p.kind !== 'admin') throw forbidden();
    if ((rule === 'user' || rule === 'admin') && p.kind === 'user' && p.limited) throw forbidden();
    return p;
  }
  if (rule === 'public') return null;
  throw unauthorized();
}

/** For handlers that serve both kinds: the user id a plain user is confined to (undefined for admins). */
export function ownUserId(principal: Principal): string | undefined {
  return principal.kind === 'user' ? principal.userId : undefined;
}

/** 404 (never 403) when a plain user reaches for another user's object, so ids of others are not confirmed. */
export function assertOwns(principal: Principal, ownerUserId: string | null, what: string): void {
  if (principal.kind === 'user' && principal.userId !== ownerUserId)
    throw new ApiError(404, 'not_found', `${what} not found`);
}
