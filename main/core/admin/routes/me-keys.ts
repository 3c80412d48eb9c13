// Self-service keys: a user who may use the console creates, renames, disables and deletes their own keys, up to
// settings.maxKeysPerUser, never with limits looser than their user's.
import { CreatedKey, IdParams, Key, type Limits, MeKeyCreate, MeKeyUpdate } from '../../../../shared/api-schemas';
import type { JsonLimits } from '../../db/schema';
import type { KeyRecord, UserRecord } from '../../store/repositories';
import { effectiveLimit } from '../../subjects';
import { keyToApi } from '../api-shapes';
import { recordAudit } from '../audit';
import { type Principal, principalCanLogin } from '../auth';
import type { ConsoleSessions } from '../console-sessions';
import { ApiError, forbidden, notFound } from '../errors';
import { type AdminApi, defineRoute } from '../openapi';

const CAPPED = ['fiveHourUsd', 'dailyUsd', 'weeklyUsd', 'monthlyUsd', 'totalUsd', 'concurrentSessions'] as const;

/**
 * The first key limit higher than the same limit of its user, or null. A key limit left out (or cleared) leaves the
 * user's in force, which is never looser: the relay checks the key's limits and then the user's.
 */
export function looserLimit(user: JsonLimits, key: JsonLimits): { field: string; max: number } | null {
  for (const field of CAPPED) {
    const max = effectiveLimit(user[field]);
    const own = effectiveLimit(key[field]);
    if (max !== null && own !== null && own > max) return { field, max };
  }
  return null;
}

function assertNotLooser(user: UserRecord, limits: JsonLimits | Limits): void {
  const looser = looserLimit(user.limits, limits as JsonLimits);
  if (looser) {
    throw new ApiError(
      400,
      'limit_too_loose',
      `a key's ${looser.field} may not exceed its user's (${looser.max})`,
      `limits.${looser.field}`,
    );
  }
}

function assertExpiry(user: UserRecord, expiresAt: string | null | undefined): void {
  // none of its own: the user's expiry still ends it
  if (user.expiresAt === null || expiresAt === undefined || expiresAt === null) return;
  if (Date.parse(expiresAt) > user.expiresAt) {
    throw new ApiError(400, 'expiry_too_late', 'a key may not outlive its user', 'expiresAt');
  }
}

/**
 * The caller's own user, when the key they called with may log in to the console; the admin token has none (it
 * manages keys through /users/{id}/keys).
 */
function ownUser(input: { principal: Principal; ctx: AdminApi['ctx'] }): UserRecord {
  const userId = input.principal.userId;
  if (userId === undefined || !principalCanLogin(input.principal)) throw forbidden();
  const user = input.ctx.store.users.get(userId);
  if (!user) throw forbidden();
  return user;
}

function ownKey(input: { principal: Principal; ctx: AdminApi['ctx'] }, id: string): KeyRecord {
  const key = input.ctx.store.keys.get(id);
  if (!key || key.userId !== input.principal.userId) throw notFound('key');
  return key;
}

/** A key in use: not retired. */
const live = (k: KeyRecord, now: number) => k.retiresAt === null || k.retiresAt > now;

export function registerMeKeyRoutes(api: AdminApi, sessions: ConsoleSessions): void {
  defineRoute(api, {
    method: 'post',
    path: '/me/keys',
    auth: 'user',
    summary: 'Create a key for myself',
    description:
      'For a user who may log in to the console. At most settings.maxKeysPerUser keys (retired ones do not count); ' +
      "the key's limits may not be looser than the user's, nor its expiry later (a limit or expiry left out leaves " +
      "the user's in force). It cannot log in to the console. " +
      'The answer carries the full key: the only time it is shown.',
    body: MeKeyCreate,
    responses: { 201: CreatedKey },
    handler: (input) => {
      const { ctx, body } = input;
      const user = ownUser(input);
      const now = ctx.clock.now();
      const max = ctx.settings().maxKeysPerUser;
      const held = ctx.store.keys.page({ limit: 1001, userId: user.id }).rows.filter((k) => live(k, now)).length;
      if (held >= max) {
        throw new ApiError(409, 'key_limit_reached', `at most ${max} keys per user (settings.maxKeysPerUser)`);
      }
      assertNotLooser(user, body.limits ?? {});
      assertExpiry(user, body.expiresAt);
      const { row, key } = ctx.store.keys.create(
        user.id,
        { name: body.name, expiresAt: body.expiresAt ?? null, canLogin: false, limits: body.limits ?? {} },
        now,
      );
      ctx.notifyChanged('keys');
      const created = keyToApi(row);
      recordAudit(input, 'key.create', row.id, null, { ...created, selfService: true });
      return { ...created, key };
    },
  });

  defineRoute(api, {
    method: 'patch',
    path: '/me/keys/{id}',
    auth: 'user',
    summary: 'Rename, enable or disable one of my keys, or change its expiry or limits',
    description:
      "Limits merge field by field and may not be looser than the user's. The key I am signed in with may not be " +
      'disabled.',
    params: IdParams,
    body: MeKeyUpdate,
    responses: { 200: Key },
    handler: (input) => {
      const { ctx, params, body, principal } = input;
      const user = ownUser(input);
      const before = ownKey(input, params.id);
      if (body.enabled === false && principal.keyId === before.id) {
        throw new ApiError(409, 'current_key', 'this is the key you are signed in with', 'enabled');
      }
      if (body.limits) assertNotLooser(user, { ...before.limits, ...body.limits });
      assertExpiry(user, body.expiresAt);
      const row = ctx.store.keys.update(params.id, body, ctx.clock.now());
      if (!row) throw notFound('key');
      ctx.notifyChanged('keys');
      const updated = keyToApi(row);
      recordAudit(input, 'key.update', row.id, keyToApi(before), { ...updated, selfService: true });
      return updated;
    },
  });

  defineRoute(api, {
    method: 'delete',
    path: '/me/keys/{id}',
    auth: 'user',
    summary: 'Delete one of my keys',
    description: 'Not the key I am signed in with.',
    params: IdParams,
    responses: { 204: null },
    handler: (input) => {
      const { ctx, params, principal } = input;
      ownUser(input);
      const before = ownKey(input, params.id);
      if (principal.keyId === before.id) {
        throw new ApiError(409, 'current_key', 'this is the key you are signed in with');
      }
      if (!ctx.store.keys.delete(params.id)) throw notFound('key');
      ctx.notifyChanged('keys');
      sessions.destroyForKey(params.id);
      recordAudit(input, 'key.delete', params.id, keyToApi(before), { selfService: true });
    },
  });
}
