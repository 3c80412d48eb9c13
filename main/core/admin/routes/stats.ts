// Statistics routes: overview (today vs yesterday), time series, leaderboards and their CSV export — all from rollups.
import {
  Leaderboard,
  LeaderboardQuery,
  Overview,
  type StatsGroupBy,
  Timeseries,
  TimeseriesQuery,
} from '../../../../shared/api-schemas';
import { ownUserId, type Principal } from '../auth';
import { streamCsv } from '../csv';
import { ApiError } from '../errors';
import { type AdminApi, defineRoute } from '../openapi';
import { buildLeaderboard } from '../stats/leaderboard';
import { buildOverview } from '../stats/overview';
import { leaderboardRange } from '../stats/periods';
import type { StatsSources } from '../stats/sources';
import { buildTimeseries } from '../stats/timeseries';

/** Providers are never named to non-admins: a plain user cannot group or rank by provider. */
function assertMayGroupBy(principal: Principal, dim: StatsGroupBy | undefined, field: string): void {
  if (dim === 'provider' && principal.kind !== 'admin') {
    throw new ApiError(403, 'forbidden', `${field}=provider is for admins only`, field);
  }
}

const LEADERBOARD_COLUMNS = [
  'rank',
  'id',
  'name',
  'requests',
  'errors',
  'costUsd',
  'inputTokens',
  'outputTokens',
  'cacheReadTokens',
  'cacheWriteTokens',
  'cacheSavingsUsd',
  'successRate',
  'avgLatencyMs',
  'costPerRequest',
  'cacheHitRate',
] as const;

export function registerStatsRoutes(api: AdminApi, sources: StatsSources, inFlight: () => number): void {
  const leaderboardFor = (query: LeaderboardQuery, principal: Principal): Leaderboard => {
    const scope = query.scope ?? 'user';
    assertMayGroupBy(principal, scope, 'scope');
    const timeZone = api.ctx.settings().timezone;
    const period = query.period ?? 'daily';
    const userId = ownUserId(principal);
    const now = api.ctx.clock.now();
    return buildLeaderboard(sources, {
      timeZone,
      now,
      period,
      scope,
      range: leaderboardRange(timeZone, now, period, query.from, query.to),
      limit: query.limit ?? 100,
      ...(userId === undefined ? {} : { userId }),
    });
  };

  defineRoute(api, {
    method: 'get',
    path: '/stats/overview',
    auth: 'user',
    summary: 'Today vs yesterday, RPM now and requests in flight',
    description:
      'Days in the hub timezone; totals from the hourly rollups, the median latency from the request durations of ' +
      'the day. A plain user sees their own usage (and inFlight 0).',
    responses: { 200: Overview },
    handler: ({ ctx, principal }) => {
      const userId = ownUserId(principal);
      return buildOverview(sources, {
        timeZone: ctx.settings().timezone,
        now: ctx.clock.now(),
        inFlight: inFlight(),
        ...(userId === undefined ? {} : { userId }),
      });
    },
  });

  defineRoute(api, {
    method: 'get',
    path: '/stats/timeseries',
    auth: 'user',
    summary: 'Usage over time, optionally per user, key, provider or model',
    description:
      'today: hourly buckets; 7d / 30d: daily buckets ending today (hub timezone). Values are arrays aligned with ' +
      '`buckets`. A plain user sees their own usage and cannot group by provider.',
    query: TimeseriesQuery,
    responses: { 200: Timeseries },
    handler: ({ ctx, query, principal }) => {
      assertMayGroupBy(principal, query.groupBy, 'groupBy');
      const userId = ownUserId(principal);
      return buildTimeseries(sources, {
        timeZone: ctx.settings().timezone,
        now: ctx.clock.now(),
        range: query.range ?? 'today',
        top: query.top ?? 10,
        ...(query.groupBy === undefined ? {} : { groupBy: query.groupBy }),
        ...(userId === undefined ? {} : { userId }),
      });
    },
  });

  defineRoute(api, {
    method: 'get',
    path: '/leaderboard',
    auth: 'user',
    summary: 'Leaderboard of users, keys, providers or models',
    description:
      'Sorted by cost, then requests, descending. The provider scope adds success rate, mean latency, cost per ' +
      'request and cache-hit rate. A plain user ranks only their own usage and cannot rank providers.',
    query: LeaderboardQuery,
    responses: { 200: Leaderboard },
    handler: ({ query, principal }) => leaderboardFor(query, principal),
  });

  defineRoute(api, {
    method: 'get',
    path: '/leaderboard/export.csv',
    auth: 'user',
    summary: 'Export a leaderboard as CSV',
    description: 'The same query as the leaderboard. Cells starting with = + - @ are prefixed with a single quote.',
    query: LeaderboardQuery,
    responses: { 200: { stream: 'text/csv', description: 'CSV with a header row' } },
    handler: async ({ query, principal, res }) => {
      const board = leaderboardFor(query, principal);
      const rows = board.items.map((item, i) => [
        i + 1,
        item.id,
        item.name,
        item.requests,
        item.errors,
        item.costUsd,
        item.inputTokens,
        item.outputTokens,
        item.cacheReadTokens,
        item.cacheWriteTokens,
        item.cacheSavingsUsd,
        item.successRate,
        item.avgLatencyMs,
        item.costPerRequest,
        item.cacheHitRate,
      ]);
      await streamCsv(res, `leaderboard-${board.scope}-${board.period}.csv`, LEADERBOARD_COLUMNS, [rows]);
    },
  });
}
