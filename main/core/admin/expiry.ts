// A user's or key's expiry must not lie in the past: one already past would create an account that cannot be used.
import { ApiError } from './errors';

/**
 * How far in the past an expiry may lie and still be taken as "now": the console's "Expire now" and a browser clock
 * a little ahead or behind the hub's; a typed date from earlier is a mistake.
 */
export const EXPIRY_GRACE_MS = 60_000;

/**
 * Refuses an `expiresAt` already past. Null and absent are fine (no expiry, or unchanged), and so is the value the
 * record already has (`current`, epoch ms): editing an expired key's name resends its expiry unchanged.
 */
export function assertFutureExpiry(expiresAt: string | null | undefined, now: number, current?: number | null): void {
  if (expiresAt === undefined || expiresAt === null) return;
  const at = Date.parse(expiresAt);
  if (at >= now - EXPIRY_GRACE_MS || at === current) return;
  throw new ApiError(400, 'expiry_in_past', 'expiresAt is already past: choose a later time', 'expiresAt', undefined, {
    reason: 'in_past',
  });
}
