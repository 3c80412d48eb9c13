// Relay authentication: the presented hub key, the key's and user's account state, and the bad-key throttle.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Clock } from '../clock';
import { Lockout, RELAY_LOCKOUT, retryAfterSeconds } from '../credential-lockout';
import type { WireFormat } from '../formats';
import { hashKey } from '../ids';
import type { KeyEntry, RoutingRegistry } from '../routing/registry';
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

  /**
   * Resolves the caller's key, or answers the refusal itself (in the client's format) and returns undefined. The key
   * is looked up first: a valid key is served whatever its address did. Unknown keys and conflicting keys count
   * against the client's address; past the lockout's threshold they get 429 instead of 401. A missing key and a
   * known key refused for its account state (disabled, expired) are not guesses and are not counted.
   */
  authenticate(
    req: IncomingMessage,
    res: ServerResponse,
    format: WireFormat,
    requestId: string,
    queryKey: string | undefined,
    clientAddress: string,
    now: number,
  ): KeyEntry | undefined {
    const credential = readCredential(req.headers, queryKey);
    if (!credential.ok) {
      req.resume();
      if (credential.code === 'conflicting_api_keys') {
        this.refuseGuess(
          res,
          format,
          requestId,
          clientAddress,
          credential.code,
          'several different keys were sent; send one',
        );
      } else {
        const message = 'no hub key: send it as x-api-key, Authorization: Bearer, x-goog-api-key or ?key=';
        sendHubError(res, format, 401, credential.code, message, requestId);
      }
      return undefined;
    }
    const entry = this.registry.key(connectionKeyHash(req, credential.key));
    if (!entry) {
      req.resume();
      this.refuseGuess(res, format, requestId, clientAddress, 'invalid_api_key', 'this hub key is not valid');
      return undefined;
    }
    const refusal = accountRefusal(entry, now);
    if (refusal) {
      req.resume();
      sendHubError(res, format, 401, refusal.code, refusal.message, requestId);
      return undefined;
    }
    return entry;
  }

  /** A failed guess: counted and answered 401, or, while the address is locked, refused with 429 and Retry-After. */
  private refuseGuess(
    res: ServerResponse,
    format: WireFormat,
    requestId: string,
    clientAddress: string,
    code: string,
    message: string,
  ): void {
    const { retryAfterMs } = this.lockout.fail(clientAddress);
    if (retryAfterMs === 0) {
      sendHubError(res, format, 401, code, message, requestId);
      return;
    }
    const seconds = retryAfterSeconds(retryAfterMs);
    sendHubError(
      res,
      format,
      429,
      'auth_locked',
      `too many invalid keys from this address; a valid key still works, invalid ones are refused for ${seconds} s`,
      requestId,
      { 'retry-after': String(seconds) },
    );
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
