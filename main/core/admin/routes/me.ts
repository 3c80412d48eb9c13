// The caller's own data (the read-only "my usage" page): who they are, their quotas, usage and request log.
import { Me, MeUsage, MeUsageQuery, Quota, RequestList, RequestListQuery } from '../../../../shared/api-schemas';
import { toIso } from '../../store/iso';
import type { UsageSums } from '../../store/usage-stats';
import { localDateLabel, startOfLocalDay } from '../../time/local-days';
import { keyToApi, requestToApi, userToApi } from '../api-shapes';
import { type Principal, principalCanLogin } from '../auth';
import type { QuotaReader } from '../governance';
import { type AdminApi, defineRoute } from '../openapi';
import { pageOptions } from '../paging';
import { requestFilterFor, requestForCaller } from '../request-view';
import { byDimension, totalOf, totalOfSegments } from '../stats/aggregate';
import { namesFor } from '../stats/names';
import { endOfHour, usageRange } from '../stats/periods';
import type { StatsSources } from '../stats/sources';
import { byCostThenRequests, leaderboardItem, totalsOf } from '../stats/totals';

/** The totals without the median (the usage page shows sums and means only). */
function sumsToTotals(s: UsageSums) {
  const { p50LatencyMs: _p50, ...totals } = totalsOf(s, null);
  return totals;
}

/** The user the caller acts as; the admin token has none (its "own" data is the whole hub). */
const userOf = (p: Principal): string | undefined => p.userId;

export function registerMeRoutes(api: AdminApi, quota: QuotaReader, sources: StatsSources): void {
  defineRoute(api, {
    method: 'get',
    path: '/me',
    auth: 'me',
    summary: 'Who I am: my user and the key I used',
    responses: { 200: Me },
    handler: ({ ctx, principal }) => {
      const user = principal.userId === undefined ? undefined : ctx.store.users.get(principal.userId);
      const key = principal.keyId === undefined ? undefined : ctx.store.keys.get(principal.keyId);
      const settings = ctx.settings();
      return {
        role: principal.kind === 'admin' ? 'admin' : 'user',
        canLogin: principalCanLogin(principal),
        user: user ? userToApi(user) : null,
        key: key ? keyToApi(key) : null,
        currencySymbol: settings.currencySymbol,
        timezone: settings.timezone,
        maxKeysPerUser: settings.maxKeysPerUser,
      };
    },
  });

  defineRoute(api, {
    method: 'get',
    path: '/me/quota',
    auth: 'me',
    summary: "My key's and my user's limits: usage and reset times",
    description: "Key windows first (scope key), then the user's (scope user). Empty for the admin token.",
    responses: { 200: Quota },
    handler: ({ principal }) => {
      const items = [
        ...(principal.keyId === undefined ? [] : quota({ kind: 'key', id: principal.keyId }).items),
        ...(principal.userId === undefined ? [] : quota({ kind: 'user', id: principal.userId }).items),
      ];
      return { items };
    },
  });

  defineRoute(api, {
    method: 'get',
    path: '/me/usage',
    auth: 'me',
    summary: 'My usage over a range: totals, today, per model, per key, per day',
    description: 'Default range: the last 30 days (hub timezone) until now. From the hourly rollups.',
    query: MeUsageQuery,
    responses: { 200: MeUsage },
    handler: ({ ctx, query, principal }) => {
      const timeZone = ctx.settings().timezone;
      const now = ctx.clock.now();
      const range = usageRange(timeZone, now, query.from, query.to);
      const userId = userOf(principal);
      const segments = sources.days.segments(timeZone, range.from, range.to, now);
      const todayStart = startOfLocalDay(timeZone, now);

      const days: MeUsage['days'] = segments.map((s) => {
        const d = totalOf(s.combos, userId);
        return { date: localDateLabel(timeZone, s.dayStart), requests: d.requests, costUsd: totalsOf(d, null).costUsd };
      });
      const ranked = (dim: 'model' | 'key') => {
        const name = namesFor(ctx.store, dim);
        return [...byDimension(segments, dim, userId).entries()]
          .map(([id, s]) => leaderboardItem(id, name(id), s, false))
          .sort(byCostThenRequests);
      };
      return {
        from: toIso(range.from),
        to: toIso(range.to),
        timezone: timeZone,
        totals: sumsToTotals(totalOfSegments(segments, userId)),
        today: sumsToTotals(totalOfSegments(sources.days.segments(timeZone, todayStart, endOfHour(now), now), userId)),
        byModel: ranked('model'),
        byKey: ranked('key'),
        days,
      };
    },
  });

  defineRoute(api, {
    method: 'get',
    path: '/me/requests',
    auth: 'me',
    summary: 'My logged requests',
    description: "The request log filtered to my user (the list route's filters), newest first, keyset-paginated.",
    query: RequestListQuery,
    responses: { 200: RequestList },
    handler: ({ ctx, query, principal }) => {
      const own = userOf(principal);
      // the admin token has no user: its own log is the hub's
      const filter = requestFilterFor(query, own);
      if (!filter) return { items: [], nextCursor: null };
      const page = ctx.store.requests.page(filter, pageOptions(query));
      return { items: page.rows.map((r) => requestForCaller(requestToApi(r), principal)), nextCursor: page.nextCursor };
    },
  });
}
