// Authenticate stage: the presented hub key, the key's and user's account state, and the bad-key throttle.
import type { IncomingMessage } from 'node:http';
import type { Clock } from '../clock';
import { Lockout, RELAY_LOCKOUT, retryAfterSeconds } from '../credential-lockout';
import { hashKey } from '../ids';
import type { KeyEntry } from '../model/entities';
import type { RoutingRegistry } from '../routing/registry';
import { readCredential } from './credentials';
import type { Exchange } from './exchange';
import type { Refusal } from './refusal';

export class RelayAuthenticator {
  private readonly lockout: Lockout;

  constructor(
    clock: Clock,
    private readonly registry: RoutingRegistry,
  ) {
    this.lockout = new Lockout(clock, RELAY_LOCKOUT);
  }

  /**
   * Resolves the caller's key into `ex.entry`, or returns the refusal. The key is looked up first: a valid key is served
   * whatever its address did. Unknown keys and conflicting keys count against the client's address; past the
   * lockout's threshold they get 429 instead of 401. A missing key and a known key refused for its account state
   * (disabled, expired) are not guesses and are not counted; the latter's refusal leaves a blocked row (its entry is
   * set so the row names the key and user).
   */
  authenticate(ex: Exchange): Refusal | undefined {
    const credential = readCredential(ex.req.headers, ex.queryKey);
    if (!credential.ok) {
      if (credential.code === 'conflicting_api_keys') {
        return this.refuseGuess(ex.clientIp, credential.code, 'several different keys were sent; send one');
      }
      const message = 'no hub key: send it as x-api-key, Authorization: Bearer, x-goog-api-key or ?key=';
      return { status: 401, code: credential.code, message };
    }
    const entry = this.registry.key(connectionKeyHash(ex.req, credential.key));
    if (!entry) return this.refuseGuess(ex.clientIp, 'invalid_api_key', 'this hub key is not valid');
    ex.entry = entry;
    const refusal = accountRefusal(entry, ex.startedAt);
    if (refusal)
      return { status: 401, code: refusal.code, message: refusal.message, row: 'blocked', blockedBy: refusal.code };
    return undefined;
  }

  /** A failed guess: counted and answered 401, or, while the address is locked, refused with 429 and Retry-After. */
  private refuseGuess(clientAddress: string, code: string, message: string): Refusal {
    const { retryAfterMs } = this.lockout.fail(clientAddress);
    if (retryAfterMs === 0) return { status: 401, code, message };
    const seconds = retryAfterSeconds(retryAfterMs);
    return {
      status: 429,
      code: 'auth_locked',
      message: `too many invalid keys from this address; a valid key still works, invalid ones are refused for ${seconds} s`,
      headers: { 'retry-after': String(seconds) },
    };
  }
}

/** The last key hashed on a keep-alive connection: clients send the same key on every request of a connection. */
const lastKeyHash = new WeakMap<object, { key: string; hash: string }>();

/**
 * The key's SHA-256, reused while a connection keeps presenting the same key (saves a hash per request). Only the
 * hash is trusted for the lookup, so revoking or rotating a key still takes effect on the very next request.
 */
function connectionKeyHash(req: IncomingMessage, key: string): string {
  const last = lastKeyHash.get(req.socket);
  if (last?.key === key) return last.hash;
  const hash = hashKey(key);
  lastKeyHash.set(req.socket, { key, hash });
  return hash;
}

/** The key's and user's account state: disabled or expired (the rotated-out key after its grace period too). */
function accountRefusal(e: KeyEntry, now: number): { code: string; message: string } | null {
  if (!e.keyEnabled) return { code: 'key_disabled', message: 'this hub key is disabled' };
  if (e.keyExpiresAt !== null && e.keyExpiresAt <= now)
    return { code: 'key_expired', message: 'this hub key has expired' };
  if (e.retiresAt !== null && e.retiresAt <= now)
    return { code: 'key_expired', message: 'this hub key was rotated and has retired' };
  if (!e.userEnabled) return { code: 'user_disabled', message: "this key's user is disabled" };
  if (e.userExpiresAt !== null && e.userExpiresAt <= now)
    return { code: 'user_expired', message: "this key's user has expired" };
  return null;
}
