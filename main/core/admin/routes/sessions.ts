// Admin route for live client sessions (the sticky-session module supplies them): who is working through which provider.
import { LiveSessionList, LiveSessionQuery } from '../../../../shared/api-schemas';
import type { LiveSessionReader } from '../governance';
import { type AdminApi, defineRoute } from '../openapi';

export function registerLiveSessionRoutes(api: AdminApi, liveSessions: LiveSessionReader): void {
  defineRoute(api, {
    method: 'get',
    path: '/sessions',
    auth: 'admin',
    summary: 'Client sessions seen within the session TTL',
    description: 'active=true keeps those with a request in flight. Most recently seen first; one page.',
    query: LiveSessionQuery,
    responses: { 200: LiveSessionList },
    handler: ({ query }) => {
      const items = liveSessions()
        .filter((s) => query.active !== 'true' || s.inFlight > 0)
        .sort((a, b) => (a.lastSeenAt < b.lastSeenAt ? 1 : a.lastSeenAt > b.lastSeenAt ? -1 : 0));
      return { items, nextCursor: null };
    },
  });
}
