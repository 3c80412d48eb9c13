// Admin routes for providers: create, list, read, patch, delete. Secrets go in encrypted and come out masked.

import type { BreakerSummary } from '../../../../shared/api-schemas';
import {
  IdParams,
  PageQuery,
  Provider,
  ProviderCreate,
  ProviderList,
  ProviderUpdate,
} from '../../../../shared/api-schemas';
import {
  createProvider,
  deleteProvider,
  getProvider,
  listProvidersPage,
  type ProviderRow,
  providerToApi,
  updateProvider,
} from '../../store/providers';
import { notFound } from '../errors';
import { type AdminApi, defineRoute } from '../openapi';
import { pageOptions } from '../paging';

/** The live breaker state of a provider; the routing module supplies the real one. */
export type BreakerStateReader = (providerId: string) => BreakerSummary;

export const closedBreaker: BreakerStateReader = () => ({ state: 'closed' });

export function registerProviderRoutes(api: AdminApi, breakerState: BreakerStateReader): void {
  const toApi = (row: ProviderRow) => providerToApi(row, breakerState(row.id));

  defineRoute(api, {
    method: 'post',
    path: '/providers',
    auth: 'admin',
    summary: 'Create a provider',
    description: 'Defaults per SPEC §2. The API key is stored encrypted and only ever shown masked.',
    body: ProviderCreate,
    responses: { 201: Provider },
    handler: ({ ctx, body }) => {
      const row = createProvider(ctx.database.db, ctx.secrets, body, ctx.clock.now());
      ctx.notifyChanged('providers');
      return toApi(row);
    },
  });

  defineRoute(api, {
    method: 'get',
    path: '/providers',
    auth: 'admin',
    summary: 'List providers',
    query: PageQuery,
    responses: { 200: ProviderList },
    handler: ({ ctx, query }) => {
      const page = listProvidersPage(ctx.database.db, pageOptions(query));
      return { items: page.rows.map(toApi), nextCursor: page.nextCursor };
    },
  });

  defineRoute(api, {
    method: 'get',
    path: '/providers/{id}',
    auth: 'admin',
    summary: 'Get a provider',
    params: IdParams,
    responses: { 200: Provider },
    handler: ({ ctx, params }) => {
      const row = getProvider(ctx.database.db, params.id);
      if (!row) throw notFound('provider');
      return toApi(row);
    },
  });

  defineRoute(api, {
    method: 'patch',
    path: '/providers/{id}',
    auth: 'admin',
    summary: 'Update a provider',
    description: 'Fields given replace; breaker, timeouts and limits merge field by field; apiKey only when given.',
    params: IdParams,
    body: ProviderUpdate,
    responses: { 200: Provider },
    handler: ({ ctx, params, body }) => {
      const row = updateProvider(ctx.database.db, ctx.secrets, params.id, body, ctx.clock.now());
      if (!row) throw notFound('provider');
      ctx.notifyChanged('providers');
      return toApi(row);
    },
  });

  defineRoute(api, {
    method: 'delete',
    path: '/providers/{id}',
    auth: 'admin',
    summary: 'Delete a provider',
    params: IdParams,
    responses: { 204: null },
    handler: ({ ctx, params }) => {
      if (!deleteProvider(ctx.database.db, params.id)) throw notFound('provider');
      ctx.notifyChanged('providers');
    },
  });
}
