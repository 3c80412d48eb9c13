// Console login, logout and session state: a server-side session in an HttpOnly cookie, a CSRF token, a login throttle.
import { LoginBody, LoginResult, SessionState } from '../../../../shared/api-schemas';
import { clientAddress } from '../../client-address';
import { type Lockout, retryAfterSeconds } from '../../credential-lockout';
import { HUB_KEY_PREFIX } from '../../ids';
import { toIso } from '../../store/iso';
import { recordAudit } from '../audit';
import { principalCanLogin, principalForToken } from '../auth';
import type { ConsoleSessions } from '../console-sessions';
import { ApiError, credentialsLocked } from '../errors';
import { type AdminApi, defineRoute } from '../openapi';
import { clearSessionCookie, csrfOk, sessionOf, setSessionCookie } from '../session-cookie';

/** `lockout` counts failed logins per client address, together with failed `Bearer` credentials. */
export function registerAuthRoutes(api: AdminApi, sessions: ConsoleSessions, lockout: Lockout): void {
  defineRoute(api, {
    method: 'post',
    path: '/auth/login',
    auth: 'public',
    summary: 'Log in to the console with the admin token or a hub key',
    description:
      'Sets an HttpOnly, SameSite=Lax session cookie (Secure over TLS or a trusted X-Forwarded-Proto: https). ' +
      'Keys allowed to log in see their own dashboards, keys and logs; other keys get a read-only session that ' +
      'reaches only the /me routes (canLogin false). Send `csrfToken` as `x-csrf-token` on every write made with ' +
      'the cookie. After 10 failures from one address within 5 minutes (failed Bearer credentials count too), its ' +
      'failing logins are refused for 15 minutes (429 with Retry-After); the right token still logs in. Sessions live ' +
      "in the hub's memory for 7 days: a restart of the hub logs everyone out.",
    body: LoginBody,
    bodyLimit: '16kb',
    responses: { 200: LoginResult },
    handler: (input) => {
      const { ctx, req, res, body } = input;
      const principal = principalForToken(ctx, body.token);
      if (!principal) {
        const verdict = lockout.fail(clientAddress(req, ctx.config.trustedProxies));
        if (verdict.retryAfterMs > 0) {
          const seconds = retryAfterSeconds(verdict.retryAfterMs);
          // One audit line per lock: refused guesses cost no write each.
          if (verdict.firstRefusal) {
            recordAudit({ ...input, principal: null }, 'login.locked', null, null, { retryAfterSeconds: seconds });
          }
          throw credentialsLocked(seconds, 'failed logins');
        }
        recordAudit({ ...input, principal: null }, 'login.failure', null, null, {
          credential: body.token.startsWith(HUB_KEY_PREFIX) ? 'hub key' : 'other',
        });
        throw new ApiError(401, 'invalid_credentials', 'unknown, disabled or expired token');
      }
      const session = sessions.create(
        principal.keyId === undefined ? { kind: 'admin-token' } : { kind: 'key', keyId: principal.keyId },
      );
      setSessionCookie(res, req, ctx, session);
      const role = principal.kind === 'admin' ? 'admin' : 'user';
      const canLogin = principalCanLogin(principal);
      recordAudit({ ...input, principal }, 'login.success', principal.userId ?? null, null, { role, canLogin });
      return {
        role,
        canLogin,
        ...(principal.userId === undefined ? {} : { userId: principal.userId }),
        csrfToken: session.csrfToken,
        expiresAt: toIso(session.expiresAt),
      };
    },
  });

  defineRoute(api, {
    method: 'post',
    path: '/auth/logout',
    auth: 'public',
    summary: 'End the console session',
    description: 'Clears the cookie. With a live session the x-csrf-token header is required (403 without it).',
    responses: { 204: null },
    handler: (input) => {
      const { ctx, req, res } = input;
      const session = sessionOf(req, sessions);
      if (session) {
        if (!csrfOk(req, session)) {
          throw new ApiError(403, 'csrf_rejected', 'logging out needs the x-csrf-token header of the session');
        }
        sessions.destroy(session.id);
        recordAudit(input, 'logout', null, null, null);
      }
      clearSessionCookie(res, req, ctx);
    },
  });

  defineRoute(api, {
    method: 'get',
    path: '/auth/session',
    auth: 'public',
    summary: 'Who the caller is (never a 401)',
    description:
      'authenticated false without valid credentials. For a cookie session it also returns the CSRF token and ' +
      'when the session expires.',
    responses: { 200: SessionState },
    handler: ({ req, principal }) => {
      if (!principal) return { authenticated: false };
      const base = {
        authenticated: true,
        role: principal.kind === 'admin' ? ('admin' as const) : ('user' as const),
        canLogin: principalCanLogin(principal),
        ...(principal.userId === undefined ? {} : { userId: principal.userId }),
      };
      if (req.headers.authorization !== undefined) return { ...base, via: 'bearer' as const };
      const session = sessionOf(req, sessions);
      return {
        ...base,
        via: 'session' as const,
        ...(session ? { csrfToken: session.csrfToken, expiresAt: toIso(session.expiresAt) } : {}),
      };
    },
  });
}
