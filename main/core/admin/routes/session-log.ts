// Admin routes for sessions grouped from the request log: the list, one session, its requests, ending a live one.
import {
  SessionEndResult,
  SessionList,
  SessionListQuery,
  SessionParams,
  SessionSummary,
  SessionTurnList,
} from '../../../../shared/operations-schemas';
import { clientName } from '../../sessions/client-name';
import type { SessionInfo } from '../../sessions/session-table';
import { toIso } from '../../store/iso';
import type { SessionFilter, SessionRecord } from '../../store/repositories';
import { requestToApi } from '../api-shapes';
import { recordAudit } from '../audit';
import { notFound } from '../errors';
import { type AdminApi, defineRoute } from '../openapi';
import { pageOptions } from '../paging';

function sessionToApi(s: SessionRecord, live: readonly SessionInfo[]): SessionSummary {
  const mine = live.filter((l) => l.sessionId === s.sessionId);
  return {
    sessionId: s.sessionId,
    userId: s.userId,
    userName: s.userName,
    keyId: s.keyId,
    keyName: s.keyName,
    providerId: s.providerId,
    providerName: s.providerName,
    client: clientName(s.userAgent),
    userAgent: s.userAgent,
    firstSeenAt: toIso(s.firstAt),
    lastSeenAt: toIso(s.lastAt),
    turns: s.requests,
    errors: s.errors,
    inputTokens: s.inputTokens,
    outputTokens: s.outputTokens,
    cacheReadTokens: s.cacheReadTokens,
    cacheWriteTokens: s.cacheWriteTokens,
    costUsd: s.costUsd,
    live: mine.length > 0,
    inFlight: mine.reduce((n, l) => n + l.inFlight, 0),
  };
}

export function registerSessionLogRoutes(api: AdminApi): void {
  const live = () => api.ctx.governance.sessions.list(api.ctx.clock.now());

  defineRoute(api, {
    method: 'get',
    path: '/session-log',
    auth: 'admin',
    summary: 'Sessions grouped from the request log',
    description:
      'Most recently seen first, keyset-paginated (pass nextCursor as cursor). `from`/`to` bound the last time a ' +
      'session was seen. Kept as long as the request log (settings.logRetentionDays).',
    query: SessionListQuery,
    responses: { 200: SessionList },
    handler: ({ ctx, query }) => {
      const filter: SessionFilter = {};
      if (query.userId !== undefined) filter.userId = query.userId;
      if (query.keyId !== undefined) filter.keyId = query.keyId;
      if (query.providerId !== undefined) filter.providerId = query.providerId;
      if (query.from !== undefined) filter.from = Date.parse(query.from);
      if (query.to !== undefined) filter.to = Date.parse(query.to);
      const page = ctx.store.sessions.page(filter, pageOptions(query));
      const now = live();
      return { items: page.rows.map((s) => sessionToApi(s, now)), nextCursor: page.nextCursor };
    },
  });

  defineRoute(api, {
    method: 'get',
    path: '/session-log/{sessionId}',
    auth: 'admin',
    summary: 'One session from the request log',
    params: SessionParams,
    responses: { 200: SessionSummary },
    handler: ({ ctx, params }) => {
      const s = ctx.store.sessions.get(params.sessionId);
      if (!s) throw notFound('session');
      return sessionToApi(s, live());
    },
  });

  defineRoute(api, {
    method: 'get',
    path: '/session-log/{sessionId}/requests',
    auth: 'admin',
    summary: "A session's requests, oldest first, with their decision chains",
    description: 'Keyset-paginated oldest first. `hasBodies` tells which have captured bodies (GET /requests/{id}).',
    params: SessionParams,
    query: SessionListQuery.pick({ limit: true, cursor: true }),
    responses: { 200: SessionTurnList },
    handler: ({ ctx, params, query }) => {
      const page = ctx.store.sessions.requests(params.sessionId, pageOptions(query));
      return {
        items: page.rows.map((r) => ({ ...requestToApi(r), hasBodies: r.hasBodies })),
        nextCursor: page.nextCursor,
      };
    },
  });

  defineRoute(api, {
    method: 'post',
    path: '/sessions/{sessionId}/end',
    auth: 'admin',
    summary: 'End a live session',
    description:
      'Drops the live session (for every key that used the id): its sticky binding and its concurrency slot for ' +
      'user, key and provider are released at once. Requests in flight finish normally. The next request with the ' +
      'id starts a new session: providers are chosen afresh and it counts against concurrency limits again. ' +
      '404 when no live session has the id.',
    params: SessionParams,
    responses: { 200: SessionEndResult },
    handler: (input) => {
      const { ctx, params } = input;
      const result = ctx.governance.sessions.endSession(params.sessionId, ctx.clock.now());
      if (result.ended === 0) throw notFound('live session');
      recordAudit(input, 'session.end', params.sessionId, null, result);
      return result;
    },
  });
}
