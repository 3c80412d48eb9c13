// Admin resets of a user's, key's or provider's quota windows: any one window, or the lifetime total (older route).
import { IdParams, Quota, QuotaResetBody } from '../../../../shared/api-schemas';
import type { SqliteStore } from '../../store/sqlite-store';
import type { SubjectKind } from '../../subjects';
import { recordAudit } from '../audit';
import { ApiError, notFound } from '../errors';
import type { QuotaReader } from '../governance';
import { type AdminApi, defineRoute } from '../openapi';

const EXISTS: Record<SubjectKind, (store: SqliteStore, id: string) => unknown> = {
  user: (store, id) => store.users.get(id),
  key: (store, id) => store.keys.get(id),
  provider: (store, id) => store.providers.get(id),
};

export function registerQuotaResetRoutes(api: AdminApi, quota: QuotaReader): void {
  for (const kind of ['user', 'key', 'provider'] as const) {
    defineRoute(api, {
      method: 'post',
      path: `/${kind}s/{id}/quota/reset`,
      auth: 'admin',
      summary: `Reset one of a ${kind}'s quota windows`,
      description:
        "The window starts again from zero now: `rpm` (users only) forgets the last minute's requests; a spend " +
        'window (fiveHour, daily, weekly, monthly) no longer counts what was spent before now, until the window ' +
        'moves on by itself; `total` restarts the lifetime spend. The ledger keeps every row and the other windows ' +
        'are unchanged. Survives restarts. Audited.',
      params: IdParams,
      body: QuotaResetBody,
      responses: { 200: Quota },
      handler: (input) => {
        const { ctx, params, body } = input;
        if (!EXISTS[kind](ctx.store, params.id)) throw notFound(kind);
        if (body.window === 'rpm' && kind !== 'user') {
          throw new ApiError(400, 'invalid_window', `a ${kind} has no rpm window`, 'window');
        }
        const before = quota({ kind, id: params.id });
        ctx.governance.resetWindow(kind, params.id, body.window);
        const after = quota({ kind, id: params.id });
        recordAudit(input, `${kind}.quota.reset`, params.id, { window: body.window, quota: before }, after);
        return after;
      },
    });

    defineRoute(api, {
      method: 'post',
      path: `/${kind}s/{id}/quota/reset-total`,
      auth: 'admin',
      summary: `Reset a ${kind}'s total spend`,
      description:
        'Same as POST quota/reset with { "window": "total" }: lifetime spend counted against the total limit starts ' +
        'again from zero now; the ledger keeps every row, the other windows are unchanged. Survives restarts.',
      params: IdParams,
      responses: { 200: Quota },
      handler: (input) => {
        const { ctx, params } = input;
        if (!EXISTS[kind](ctx.store, params.id)) throw notFound(kind);
        const before = quota({ kind, id: params.id });
        ctx.governance.resetTotal(kind, params.id);
        const after = quota({ kind, id: params.id });
        recordAudit(input, `${kind}.quota.reset-total`, params.id, before, after);
        return after;
      },
    });
  }
}
