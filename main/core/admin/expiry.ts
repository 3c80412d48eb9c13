// A user's or key's expiry must lie ahead: one already past would create an account that cannot be used.
import { ApiError } from './errors';

/** Refuses an `expiresAt` that is not in the future (null and absent are fine: no expiry, or unchanged). */
export function assertFutureExpiry(expiresAt: string | null | undefined, now: number): void {
  if (expiresAt === undefined || expiresAt === null) return;
  if (Date.parse(expiresAt) > now) return;
  throw new ApiError(400, 'expiry_in_past', 'expiresAt is already past: choose a later time', 'expiresAt', undefined, {
    reason: 'in_past',
  });
}
