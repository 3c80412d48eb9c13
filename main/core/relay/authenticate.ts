// Relay authentication: the presented hub key, the key's and user's account state, and the bad-key lockout.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Clock } from '../clock';
import type { WireFormat } from '../formats';
import { hashKey } from '../ids';
import type { KeyEntry, RoutingRegistry } from '../routing/registry';
import { Lockout, RELAY_LOCKOUT } from './auth-lockout';
import { readCredential } from './credentials';
import { sendHubError } from './hub-error';

export class RelayAuthenticator {
  private readonly lockout: Lockout;

  constructor(
    clock: Clock,
    private readonly registry: RoutingRegistry,
  ) {
    this.lockout = new Lockout(clock, RELAY_LOCKOUT);
  }

  /** Resolves the caller's key, or answers the refusal itself (in the client's format) and returns undefined. */
  authenticate(
    req: IncomingMessage,
    res: ServerResponse,
    format: WireFormat,
    requestId: string,
    queryKey: string | undefined,
    ipKey: string,
    now: number,
  ): KeyEntry | undefined {
    const locked = this.lockout.lockedFor(ipKey);
    if (locked > 0) {
      req.resume();
      const seconds = Math.ceil(locked / 1000);
      sendHubError(
        res,
        format,
        429,
        'auth_locked',
        `too many invalid keys from this address; retry in ${seconds} s`,
        requestId,
        {
          'retry-after': String(seconds),
        },
      );
      return undefined;
    }
    const credential = readCredential(req.headers, queryKey);
    if (!credential.ok) {
      req.resume();
      if (credential.code === 'conflicting_api_keys') this.lockout.recordFailure(ipKey);
      const message =
        credential.code === 'missing_api_key'
          ? 'no hub key: send it as x-api-key, Authorization: Bearer, x-goog-api-key or ?key='
          : 'several different keys were sent; send one';
      sendHubError(res, format, 401, credential.code, message, requestId);
      return undefined;
    }
    const entry = this.registry.key(connectionKeyHash(req, credential.key));
    if (!entry) {
      req.resume();
      this.lockout.recordFailure(ipKey);
      sendHubError(res, format, 401, 'invalid_api_key', 'this hub key is not valid', requestId);
      return undefined;
    }
    const refusal = accountRefusal(entry, now);
    if (refusal) {
      req.resume();
      sendHubError(res, format, 401, refusal.code, refusal.message, requestId);
      return undefined;
    }
    this.lockout.recordSuccess(ipKey);
    return entry;
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
