// Admin routes for the request log: keyset-paginated list with filters, a CSV export, one request with its chain.
import {
  IdParams,
  RequestExportQuery,
  RequestList,
  RequestListQuery,
  RequestRecord,
} from '../../../../shared/api-schemas';
import { readableBodies } from '../../capture/compression';
import type { Cursor } from '../../store/paging';
import type { RequestFilter, RequestRowWithNames } from '../../store/requests';
import type { SqliteStore } from '../../store/sqlite-store';
import { requestToApi } from '../api-shapes';
import { assertOwns, ownUserId, type Principal } from '../auth';
import { type CsvValue, streamCsv } from '../csv';
import { notFound } from '../errors';
import { type AdminApi, defineRoute } from '../openapi';
import { pageOptions } from '../paging';
import { requestFilterFor, requestForCaller } from '../request-view';

/** Rows per batch of an export: small enough that one batch never holds up the relay noticeably. */
const EXPORT_BATCH = 1000;

const EXPORT_COLUMNS = [
  'id',
  'createdAt',
  'userId',
  'userName',
  'keyId',
  'keyName',
  'providerId',
  'providerName',
  'format',
  'endpoint',
  'model',
  'upstreamModel',
  'stream',
  'status',
  'errorClass',
  'errorMessage',
  'blockedBy',
  'ttfbMs',
  'durationMs',
  'inputTokens',
  'outputTokens',
  'cacheWrite5mTokens',
  'cacheWrite1hTokens',
  'cacheReadTokens',
  'costUsd',
  'sessionId',
  'userAgent',
  'clientIp',
  'translatedFrom',
] as const satisfies readonly (keyof RequestRecord)[];

/** Keyset-walks the filtered log newest first, one batch at a time (never one long-running statement). */
async function* exportBatches(
  store: Pick<SqliteStore, 'requests'>,
  filter: RequestFilter,
  principal: Principal,
): AsyncGenerator<CsvValue[][]> {
  let after: Cursor | undefined;
  for (;;) {
    const page = store.requests.page(filter, after ? { limit: EXPORT_BATCH, after } : { limit: EXPORT_BATCH });
    yield page.rows.map((row: RequestRowWithNames) => {
      const r = requestForCaller(requestToApi(row), principal);
      return EXPORT_COLUMNS.map((c) => r[c] as CsvValue);
    });
    const last = page.rows[page.rows.length - 1];
    if (!page.nextCursor || !last) return;
    after = { createdAt: last.createdAt, id: last.id };
  }
}

export function registerRequestRoutes(api: AdminApi): void {
  defineRoute(api, {
    method: 'get',
    path: '/requests',
    auth: 'user',
    summary: 'List logged requests',
    description:
      'Newest first by (createdAt, id), keyset-paginated: pass nextCursor as cursor. `from` is inclusive, `to` ' +
      'exclusive. A plain user sees only their own requests, without provider details.',
    query: RequestListQuery,
    responses: { 200: RequestList },
    handler: ({ ctx, query, principal }) => {
      const filter = requestFilterFor(query, ownUserId(principal));
      if (!filter) return { items: [], nextCursor: null };
      const page = ctx.store.requests.page(filter, pageOptions(query));
      return { items: page.rows.map((r) => requestForCaller(requestToApi(r), principal)), nextCursor: page.nextCursor };
    },
  });

  defineRoute(api, {
    method: 'get',
    path: '/requests/export.csv',
    auth: 'user',
    summary: 'Export logged requests as CSV',
    description:
      'The same filters as the list, every matching row newest first, streamed. Cells starting with = + - @ are ' +
      'prefixed with a single quote so spreadsheets do not run them.',
    query: RequestExportQuery,
    responses: { 200: { stream: 'text/csv', description: 'CSV with a header row' } },
    handler: async ({ ctx, query, principal, res }) => {
      const filter = requestFilterFor(query, ownUserId(principal));
      const batches = filter ? exportBatches(ctx.store, filter, principal) : [];
      await streamCsv(res, 'requests.csv', EXPORT_COLUMNS, batches);
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
      const row = ctx.store.requests.get(params.id);
      if (!row) throw notFound('request');
      assertOwns(principal, row.userId, 'request');
      const stored = ctx.store.bodies.read(params.id);
      const bodies = stored && readableBodies(stored);
      return { ...requestForCaller(requestToApi(row), principal), ...(bodies ? { bodies } : {}) };
    },
  });
}
