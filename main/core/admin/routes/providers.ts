// Admin routes for providers: CRUD (secrets go in encrypted and come out masked), test, breaker, quota.
import {
  Breaker,
  IdParams,
  PageQuery,
  Provider,
  ProviderCreate,
  ProviderDraftTestBody,
  ProviderList,
  ProviderTestBody,
  ProviderTestResult,
  ProviderUpdate,
  Quota,
} from '../../../../shared/api-schemas';
import type { ProviderRecord } from '../../store/repositories';
import { providerToApi } from '../api-shapes';
import { recordAudit } from '../audit';
import { ApiError, notFound } from '../errors';
import type { BreakerControl, BreakerStateReader, HealthReader, QuotaReader } from '../governance';
import { type AdminApi, defineRoute } from '../openapi';
import { pageOptions } from '../paging';
import { draftRuntime, withDraftDispatcher } from '../provider-draft';
import { testProvider } from '../provider-test';

export interface ProviderRouteDeps {
  breakerState: BreakerStateReader;
  breaker: BreakerControl;
  quota: QuotaReader;
  health: HealthReader;
  /** A saved provider's test result, as its observed health records it. */
  observeTest(providerId: string, ok: boolean, error: string | undefined): void;
}

export function registerProviderRoutes(api: AdminApi, deps: ProviderRouteDeps): void {
  const toApi = (row: ProviderRecord) => providerToApi(row, deps.breakerState(row.id), deps.health(row.id));

  defineRoute(api, {
    method: 'post',
    path: '/providers',
    auth: 'admin',
    summary: 'Create a provider',
    description:
      'Omitted fields take the defaults the schema shows. The API key is stored encrypted and only ever shown masked.',
    body: ProviderCreate,
    responses: { 201: Provider },
    handler: (input) => {
      const { ctx, body } = input;
      const row = ctx.store.providers.create(body, ctx.clock.now());
      ctx.notifyChanged('providers');
      const created = toApi(row);
      recordAudit(input, 'provider.create', row.id, null, created);
      return created;
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
      const page = ctx.store.providers.page(pageOptions(query));
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
      const row = ctx.store.providers.get(params.id);
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
    handler: (input) => {
      const { ctx, params, body } = input;
      const before = ctx.store.providers.get(params.id);
      const row = ctx.store.providers.update(params.id, body, ctx.clock.now());
      if (!row || !before) throw notFound('provider');
      ctx.notifyChanged('providers');
      const updated = toApi(row);
      recordAudit(input, 'provider.update', row.id, toApi(before), updated);
      return updated;
    },
  });

  defineRoute(api, {
    method: 'delete',
    path: '/providers/{id}',
    auth: 'admin',
    summary: 'Delete a provider',
    params: IdParams,
    responses: { 204: null },
    handler: (input) => {
      const { ctx, params } = input;
      const before = ctx.store.providers.get(params.id);
      if (!before || !ctx.store.providers.delete(params.id)) throw notFound('provider');
      ctx.governance.health.forget(params.id);
      ctx.notifyChanged('providers');
      recordAudit(input, 'provider.delete', params.id, toApi(before), null);
    },
  });

  defineRoute(api, {
    method: 'post',
    path: '/providers/{id}/test',
    auth: 'admin',
    summary: 'Send one minimal real request to a provider',
    description:
      "A tiny request in the provider's own format (Anthropic /v1/messages, OpenAI /v1/chat/completions or " +
      "/v1/responses, Gemini generateContent) through the relay's connection pool, with the provider's " +
      'credentials and headers. Reports the status, the latency and the first words of the answer. It is not ' +
      'logged as a request and does not touch the breaker. Disabled providers can be tested too.',
    params: IdParams,
    body: ProviderTestBody,
    responses: { 200: ProviderTestResult },
    handler: async ({ ctx, params, body }) => {
      if (!ctx.store.providers.get(params.id)) throw notFound('provider');
      const runtime = ctx.registry.provider(params.id);
      if (!runtime) {
        throw new ApiError(
          409,
          'provider_unusable',
          "the provider's secret cannot be decrypted with this hub's data key: set its API key again",
        );
      }
      const result = await testProvider(ctx.registry, runtime, body.model, ctx.clock);
      deps.observeTest(params.id, result.ok, result.error);
      return result;
    },
  });

  defineRoute(api, {
    method: 'post',
    path: '/providers/test',
    auth: 'admin',
    summary: 'Test a provider before saving it',
    description:
      "The same request as a saved provider's test, from the provider's form as it stands: nothing is saved and " +
      "no provider's health changes. Without apiKey the saved provider named by providerId lends its key.",
    body: ProviderDraftTestBody,
    responses: { 200: ProviderTestResult },
    handler: async ({ ctx, body }) => {
      let apiKey = body.apiKey;
      if (apiKey === undefined) {
        const saved = body.providerId === undefined ? undefined : ctx.registry.provider(body.providerId);
        if (!saved) throw new ApiError(400, 'invalid_field', 'an API key is needed to test this provider', 'apiKey');
        apiKey = saved.apiKey;
      }
      const runtime = draftRuntime(body, apiKey);
      return withDraftDispatcher(runtime, (pool) => testProvider(ctx.registry, runtime, body.model, ctx.clock, pool));
    },
  });

  defineRoute(api, {
    method: 'get',
    path: '/providers/{id}/breaker',
    auth: 'admin',
    summary: "A provider's circuit breaker: state, failures and history",
    params: IdParams,
    responses: { 200: Breaker },
    handler: ({ ctx, params }) => {
      if (!ctx.store.providers.get(params.id)) throw notFound('provider');
      return deps.breaker.detail(params.id);
    },
  });

  defineRoute(api, {
    method: 'post',
    path: '/providers/{id}/breaker/reset',
    auth: 'admin',
    summary: "Close a provider's breaker now",
    params: IdParams,
    responses: { 200: Breaker },
    handler: (input) => {
      const { ctx, params } = input;
      if (!ctx.store.providers.get(params.id)) throw notFound('provider');
      const before = deps.breaker.detail(params.id);
      deps.breaker.reset(params.id);
      const after = deps.breaker.detail(params.id);
      recordAudit(input, 'provider.breaker.reset', params.id, { state: before.state }, { state: after.state });
      return after;
    },
  });

  defineRoute(api, {
    method: 'get',
    path: '/providers/{id}/quota',
    auth: 'admin',
    summary: "A provider's usage against its own limits",
    params: IdParams,
    responses: { 200: Quota },
    handler: ({ ctx, params }) => {
      if (!ctx.store.providers.get(params.id)) throw notFound('provider');
      return deps.quota({ kind: 'provider', id: params.id });
    },
  });
}
