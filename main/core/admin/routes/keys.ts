// Admin routes for hub keys: issue (the only time a key is shown), list, read, patch, delete.
import { CreatedKey, IdParams, Key, KeyCreate, KeyList, KeyListQuery, KeyUpdate } from '../../../../shared/api-schemas';
import { createKey, deleteKey, getKey, keyToApi, listKeysPage, updateKey } from '../../store/keys';
import { getUser } from '../../store/users';
import { assertOwns, ownUserId } from '../auth';
import { notFound } from '../errors';
import { type AdminApi, defineRoute } from '../openapi';
import { pageOptions } from '../paging';

export function registerKeyRoutes(api: AdminApi): void {
  defineRoute(api, {
    method: 'post',
    path: '/users/{id}/keys',
    auth: 'admin',
    summary: 'Issue a key for a user',
    description: 'The answer carries the full key: the only time it is shown. The hub keeps its SHA-256 hash.',
    params: IdParams,
    body: KeyCreate,
    responses: { 201: CreatedKey },
    handler: ({ ctx, params, body }) => {
      if (!getUser(ctx.database.db, params.id)) throw notFound('user');
      const { row, key } = createKey(ctx.database.db, params.id, body, ctx.clock.now());
      ctx.notifyChanged('keys');
      return { ...keyToApi(row), key };
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
      const page = listKeysPage(ctx.database.db, {
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
      const row = getKey(ctx.database.db, params.id);
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
    handler: ({ ctx, params, body }) => {
      const row = updateKey(ctx.database.db, params.id, body, ctx.clock.now());
      if (!row) throw notFound('key');
      ctx.notifyChanged('keys');
      return keyToApi(row);
    },
  });

  defineRoute(api, {
    method: 'delete',
    path: '/keys/{id}',
    auth: 'admin',
    summary: 'Delete a key',
    params: IdParams,
    responses: { 204: null },
    handler: ({ ctx, params }) => {
      if (!deleteKey(ctx.database.db, params.id)) throw notFound('key');
      ctx.notifyChanged('keys');
    },
  });
}
