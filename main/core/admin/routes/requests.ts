// Admin routes for the request log: keyset-paginated list with filters, and one request with its decision chain.
import { IdParams, RequestList, RequestListQuery, RequestRecord } from '../../../../shared/api-schemas';
import { getRequest, listRequestsPage, type RequestFilter, requestToApi } from '../../store/requests';
import { assertOwns, ownUserId } from '../auth';
import { notFound } from '../errors';
import { type AdminApi, defineRoute } from '../openapi';
import { pageOptions } from '../paging';

export function registerRequestRoutes(api: AdminApi): void {
  defineRoute(api, {
    method: 'get',
    path: '/requests',
    auth: 'user',
    summary: 'List logged requests',
    description:
      'Newest first by (createdAt, id), keyset-paginated: pass nextCursor as cursor. `from` is inclusive, `to` ' +
      'exclusive. A plain user sees only their own requests.',
    query: RequestListQuery,
    responses: { 200: RequestList },
    handler: ({ ctx, query, principal }) => {
      const own = ownUserId(principal);
      if (own !== undefined && query.userId !== undefined && query.userId !== own) {
        return { items: [], nextCursor: null };
      }
      const filter: RequestFilter = {};
      if (query.from !== undefined) filter.from = Date.parse(query.from);
      if (query.to !== undefined) filter.to = Date.parse(query.to);
      const userId = own ?? query.userId;
      if (userId !== undefined) filter.userId = userId;
      if (query.keyId !== undefined) filter.keyId = query.keyId;
      if (query.providerId !== undefined) filter.providerId = query.providerId;
      if (query.model !== undefined) filter.model = query.model;
      if (query.status !== undefined) filter.status = query.status;
      if (query.sessionId !== undefined) filter.sessionId = query.sessionId;
      const page = listRequestsPage(ctx.database.db, filter, pageOptions(query));
      return { items: page.rows.map(requestToApi), nextCursor: page.nextCursor };
    },
  });

  defineRoute(api, {
    method: 'get',
    path: '/requests/{id}',
    auth: 'user',
    summary: 'Get one logged request with its decision chain',
    params: IdParams,
    responses: { 200: RequestRecord },
    handler: ({ ctx, params, principal }) => {
      const row = getRequest(ctx.database.db, params.id);
      if (!row) throw notFound('request');
      assertOwns(principal, row.userId, 'request');
      return requestToApi(row);
    },
  });
}
