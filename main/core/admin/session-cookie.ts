// The console session cookie: parsing, the Set-Cookie flags (HttpOnly, SameSite=Lax, Secure when fit), CSRF checks.
import type { Request, Response } from 'express';
import type { Config } from '../config';
import type { HubContext } from '../context';
import { SESSION_COOKIE } from './api-registry';
import { type CredentialCheck, type Principal, type PrincipalSource, principalForKeyId } from './auth';
import { type ConsoleSession, type ConsoleSessions, csrfMatches } from './console-sessions';
import { cameOverTls } from './http-origin';

export const CSRF_HEADER = 'x-csrf-token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** One cookie's value from the Cookie header (undefined when absent or malformed). */
export function readCookie(req: Request, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() !== name) continue;
    const value = part.slice(eq + 1).trim();
    return /^[A-Za-z0-9_-]{1,200}$/.test(value) ? value : undefined;
  }
  return undefined;
}

/** `Secure` when the request came over TLS (or a trusted proxy says so); CCHUB_INSECURE_COOKIES=0|1 forces it. */
export function cookieIsSecure(req: Request, config: Pick<Config, 'insecureCookies'>): boolean {
  if (config.insecureCookies === true) return false;
  if (config.insecureCookies === false) return true;
  return cameOverTls(req);
}

export function setSessionCookie(res: Response, req: Request, ctx: HubContext, session: ConsoleSession): void {
  const maxAge = Math.max(0, Math.floor((session.expiresAt - ctx.clock.now()) / 1000));
  const flags = [`${SESSION_COOKIE}=${session.id}`, 'Path=/', `Max-Age=${maxAge}`, 'HttpOnly', 'SameSite=Lax'];
  if (cookieIsSecure(req, ctx.config)) flags.push('Secure');
  res.append('set-cookie', flags.join('; '));
}

export function clearSessionCookie(res: Response, req: Request, ctx: HubContext): void {
  const flags = [`${SESSION_COOKIE}=`, 'Path=/', 'Max-Age=0', 'HttpOnly', 'SameSite=Lax'];
  if (cookieIsSecure(req, ctx.config)) flags.push('Secure');
  res.append('set-cookie', flags.join('; '));
}

/** The live session the request's cookie names, if any. */
export function sessionOf(req: Request, sessions: ConsoleSessions): ConsoleSession | undefined {
  const id = readCookie(req, SESSION_COOKIE);
  return id === undefined ? undefined : sessions.get(id);
}

/** The principal a session stands for now (its key is re-checked: disabled, expired or retired ends it). */
export function principalOfSession(ctx: HubContext, session: ConsoleSession): Principal | null {
  if (session.basis.kind === 'admin-token') return { kind: 'admin' };
  const p = principalForKeyId(ctx, session.basis.keyId);
  if (!p) return null;
  return p.kind === 'user' && !p.canLogin ? { ...p, limited: true } : p;
}

/** True for a read, or a write carrying the session's CSRF token in `x-csrf-token`. */
export function csrfOk(req: Request, session: ConsoleSession): boolean {
  if (SAFE_METHODS.has(req.method)) return true;
  const presented = req.headers[CSRF_HEADER];
  return csrfMatches(session, Array.isArray(presented) ? presented[0] : presented);
}

/**
 * The console session cookie as a credential source, consulted after the bearer header. An unknown or expired
 * session id is invalid (401); a session whose key no longer works is ended; a write without the CSRF token is
 * marked and refused (403) by every route that is not public.
 */
export function sessionSource(sessions: ConsoleSessions): PrincipalSource {
  return (req, ctx): CredentialCheck => {
    const id = readCookie(req, SESSION_COOKIE);
    if (id === undefined) return { outcome: 'absent' };
    const session = sessions.get(id);
    if (!session) return { outcome: 'invalid' };
    const principal = principalOfSession(ctx, session);
    if (!principal) {
      sessions.destroy(session.id);
      return { outcome: 'invalid' };
    }
    return { outcome: 'ok', principal, via: 'session', ...(csrfOk(req, session) ? {} : { csrfRejected: true }) };
  };
}
