// Admin routes for users: create, list, read, patch, delete (deleting a user deletes its keys), quota.
import { IdParams, PageQuery, Quota, User, UserCreate, UserList, UserUpdate } from '../../../../shared/api-schemas';
import { userToApi } from '../api-shapes';
import { recordAudit } from '../audit';
import { assertOwns } from '../auth';
import { notFound } from '../errors';
import { assertFutureExpiry } from '../expiry';
import type { QuotaReader } from '../governance';
import { type AdminApi, defineRoute } from '../openapi';
import { pageOptions } from '../paging';

export function registerUserRoutes(api: AdminApi, quota: QuotaReader): void {
  defineRoute(api, {
    method: 'post',
    path: '/users',
    auth: 'admin',
    summary: 'Create a user',
    body: UserCreate,
    responses: { 201: User },
    handler: (input) => {
      const { ctx, body } = input;
      assertFutureExpiry(body.expiresAt, ctx.clock.now());
      const row = ctx.store.users.create(body, ctx.clock.now());
      ctx.notifyChanged('users');
      const created = userToApi(row);
      recordAudit(input, 'user.create', row.id, null, created);
      return created;
    },
  });

  defineRoute(api, {
    method: 'get',
    path: '/users',
    auth: 'admin',
    summary: 'List users',
    query: PageQuery,
    responses: { 200: UserList },
    handler: ({ ctx, query }) => {
      const page = ctx.store.users.page(pageOptions(query));
      return { items: page.rows.map(userToApi), nextCursor: page.nextCursor };
    },
  });

  defineRoute(api, {
    method: 'get',
    path: '/users/{id}',
    auth: 'user',
    summary: 'Get a user',
    description: 'A plain user may read only their own record.',
    params: IdParams,
    responses: { 200: User },
    handler: ({ ctx, params, principal }) => {
      assertOwns(principal, params.id, 'user');
      const row = ctx.store.users.get(params.id);
      if (!row) throw notFound('user');
      return userToApi(row);
    },
  });

  defineRoute(api, {
    method: 'patch',
    path: '/users/{id}',
    auth: 'admin',
    summary: 'Update a user',
    description: 'Fields given replace; limits merge field by field (null clears a limit).',
    params: IdParams,
    body: UserUpdate,
    responses: { 200: User },
    handler: (input) => {
      const { ctx, params, body } = input;
      const before = ctx.store.users.get(params.id);
      assertFutureExpiry(body.expiresAt, ctx.clock.now(), before?.expiresAt);
      const row = ctx.store.users.update(params.id, body, ctx.clock.now());
      if (!row || !before) throw notFound('user');
      ctx.notifyChanged('users');
      const updated = userToApi(row);
      recordAudit(input, 'user.update', row.id, userToApi(before), updated);
      return updated;
    },
  });

  defineRoute(api, {
    method: 'delete',
    path: '/users/{id}',
    auth: 'admin',
    summary: 'Delete a user and their keys',
    params: IdParams,
    responses: { 204: null },
    handler: (input) => {
      const { ctx, params } = input;
      const before = ctx.store.users.get(params.id);
      if (!before || !ctx.store.users.delete(params.id)) throw notFound('user');
      ctx.notifyChanged('users');
      ctx.notifyChanged('keys');
      recordAudit(input, 'user.delete', params.id, userToApi(before), null);
    },
  });

  defineRoute(api, {
    method: 'get',
    path: '/users/{id}/quota',
    auth: 'user',
    summary: "A user's usage against each limit window",
    description: 'Spend windows in USD, RPM and concurrent sessions as counts. A plain user may read only their own.',
    params: IdParams,
    responses: { 200: Quota },
    handler: ({ ctx, params, principal }) => {
      assertOwns(principal, params.id, 'user');
      if (!ctx.store.users.get(params.id)) throw notFound('user');
      return quota({ kind: 'user', id: params.id });
    },
  });
}
