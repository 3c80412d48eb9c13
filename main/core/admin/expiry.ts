// A user's or key's expiry must not lie in the past: one already past would create an account that cannot be used.
import { ApiError } from './errors';

/**
 * How far in the past an expiry may lie and still be taken as "now": the console's "Expire now" and a browser clock
 * a little ahead or behind the hub's; a typed date from earlier is a mistake.
 */
export const EXPIRY_GRACE_MS = 60_000;

/** Refuses an `expiresAt` already past (null and absent are fine: no expiry, or unchanged). */
export function assertFutureExpiry(expiresAt: string | null | undefined, now: number): void {
  if (expiresAt === undefined || expiresAt === null) return;
  if (Date.parse(expiresAt) >= now - EXPIRY_GRACE_MS) return;
  throw new ApiError(400, 'expiry_in_past', 'expiresAt is already past: choose a later time', 'expiresAt', undefined, {
    reason: 'in_past',
  });
}
