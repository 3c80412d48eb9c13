// Admin-credential guessing: a credential source whose failures count against the client's address (429 past it).
import { clientAddress } from '../client-address';
import { type Lockout, retryAfterSeconds } from '../credential-lockout';
import type { PrincipalSource } from './auth';

/**
 * Wraps a source so that its invalid credentials are counted in `lockout` (shared with the console login): below
 * the threshold they stay `invalid` (401, or anonymous on public routes, which are counted too so that
 * `/auth/session` is no free oracle); past it they become `throttled` (429). Valid credentials pass untouched
 * and are checked before anything is counted, so the right admin token always works.
 */
export function throttledSource(source: PrincipalSource, lockout: Lockout): PrincipalSource {
  return (req, ctx) => {
    const check = source(req, ctx);
    if (check.outcome !== 'invalid') return check;
    const { retryAfterMs } = lockout.fail(clientAddress(req, ctx.config.trustedProxies));
    return retryAfterMs === 0 ? check : { outcome: 'throttled', retryAfterSeconds: retryAfterSeconds(retryAfterMs) };
  };
}
