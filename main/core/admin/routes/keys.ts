// Admin routes for hub keys: issue and rotate (the only times a key is shown), list, read, patch, delete, quota.
import {
  CreatedKey,
  IdParams,
  Key,
  KeyCreate,
  KeyList,
  KeyListQuery,
  KeyRotate,
  KeyUpdate,
  Quota,
  RotatedKey,
} from '../../../../shared/api-schemas';
import { toIso } from '../../store/iso';
import { keyToApi } from '../api-shapes';
import { recordAudit } from '../audit';
import { assertOwns, ownUserId } from '../auth';
import type { ConsoleSessions } from '../console-sessions';
import { notFound } from '../errors';
import { assertFutureExpiry } from '../expiry';
import type { QuotaReader } from '../governance';
import { type AdminApi, defineRoute } from '../openapi';
import { pageOptions } from '../paging';

export function registerKeyRoutes(api: AdminApi, quota: QuotaReader, sessions: ConsoleSessions): void {
  defineRoute(api, {
    method: 'post',
    path: '/users/{id}/keys',
    auth: 'admin',
    summary: 'Issue a key for a user',
    description: 'The answer carries the full key: the only time it is shown. The hub keeps its SHA-256 hash.',
    params: IdParams,
    body: KeyCreate,
    responses: { 201: CreatedKey },
    handler: (input) => {
      const { ctx, params, body } = input;
      if (!ctx.store.users.get(params.id)) throw notFound('user');
      assertFutureExpiry(body.expiresAt, ctx.clock.now());
      const { row, key } = ctx.store.keys.create(params.id, body, ctx.clock.now());
      ctx.notifyChanged('keys');
      const created = keyToApi(row);
      recordAudit(input, 'key.create', row.id, null, created);
      return { ...created, key };
    },
  });

  defineRoute(api, {
    method: 'get',
    path: '/keys',
    auth: 'user',
    summary: 'List keys',
    description: 'Admins see every key (filter with userId); a plain user sees only their own.',
    query: KeyListQuery,
    responses: { 200: KeyList },
    handler: ({ ctx, query, principal }) => {
      const own = ownUserId(principal);
      if (own !== undefined && query.userId !== undefined && query.userId !== own) {
        return { items: [], nextCursor: null };
      }
      const userId = own ?? query.userId;
      const page = ctx.store.keys.page({
        ...pageOptions(query),
        ...(userId === undefined ? {} : { userId }),
      });
      return { items: page.rows.map(keyToApi), nextCursor: page.nextCursor };
    },
  });

  defineRoute(api, {
    method: 'get',
    path: '/keys/{id}',
    auth: 'user',
    summary: 'Get a key',
    description: 'Never returns the key itself, only its prefix.',
    params: IdParams,
    responses: { 200: Key },
    handler: ({ ctx, params, principal }) => {
      const row = ctx.store.keys.get(params.id);
      if (!row) throw notFound('key');
      assertOwns(principal, row.userId, 'key');
      return keyToApi(row);
    },
  });

  defineRoute(api, {
    method: 'patch',
    path: '/keys/{id}',
    auth: 'admin',
    summary: 'Update a key',
    description: 'Fields given replace; limits merge field by field (null clears a limit).',
    params: IdParams,
    body: KeyUpdate,
    responses: { 200: Key },
    handler: (input) => {
      const { ctx, params, body } = input;
      const before = ctx.store.keys.get(params.id);
      assertFutureExpiry(body.expiresAt, ctx.clock.now(), before?.expiresAt);
      const row = ctx.store.keys.update(params.id, body, ctx.clock.now());
      if (!row || !before) throw notFound('key');
      ctx.notifyChanged('keys');
      const updated = keyToApi(row);
      recordAudit(input, 'key.update', row.id, keyToApi(before), updated);
      return updated;
    },
  });

  defineRoute(api, {
    method: 'delete',
    path: '/keys/{id}',
    auth: 'admin',
    summary: 'Delete a key',
    params: IdParams,
    responses: { 204: null },
    handler: (input) => {
      const { ctx, params } = input;
      const before = ctx.store.keys.get(params.id);
      if (!before || !ctx.store.keys.delete(params.id)) throw notFound('key');
      ctx.notifyChanged('keys');
      sessions.destroyForKey(params.id);
      recordAudit(input, 'key.delete', params.id, keyToApi(before), null);
    },
  });

  defineRoute(api, {
    method: 'post',
    path: '/keys/{id}/rotate',
    auth: 'user',
    summary: 'Rotate a key: issue its successor, retire it after a grace period',
    description:
      "The new key keeps the old one's name, limits, groups, expiry and console login; the answer carries it in " +
      'full, the only time it is shown. The old key keeps working until `retiresOldAt` (now + graceSeconds, ' +
      'default 0). A plain user may rotate their own keys.',
    params: IdParams,
    body: KeyRotate,
    responses: { 201: RotatedKey },
    handler: (input) => {
      const { ctx, params, body, principal } = input;
      const current = ctx.store.keys.get(params.id);
      if (!current) throw notFound('key');
      assertOwns(principal, current.userId, 'key');
      const now = ctx.clock.now();
      const rotated = ctx.store.keys.rotate(params.id, now + (body.graceSeconds ?? 0) * 1000, now);
      if (!rotated) throw notFound('key');
      ctx.notifyChanged('keys');
      const created = keyToApi(rotated.row);
      const retiresOldAt = toIso(rotated.old.retiresAt ?? now);
      recordAudit(input, 'key.rotate', params.id, keyToApi(current), { newKey: created, retiresOldAt });
      return { ...created, key: rotated.key, retiresOldAt, oldKeyId: params.id };
    },
  });

  defineRoute(api, {
    method: 'get',
    path: '/keys/{id}/quota',
    auth: 'user',
    summary: "A key's usage against each limit window",
    description: 'A plain user may read only their own keys.',
    params: IdParams,
    responses: { 200: Quota },
    handler: ({ ctx, params, principal }) => {
      const row = ctx.store.keys.get(params.id);
      if (!row) throw notFound('key');
      assertOwns(principal, row.userId, 'key');
      return quota({ kind: 'key', id: params.id });
    },
  });
}
