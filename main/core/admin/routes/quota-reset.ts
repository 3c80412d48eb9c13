// Admin resets of a user's, key's or provider's lifetime ("total") spend window; the other windows run on.
import { IdParams, Quota } from '../../../../shared/api-schemas';
import type { SqliteStore } from '../../store/sqlite-store';
import type { SubjectKind } from '../../subjects';
import { recordAudit } from '../audit';
import { notFound } from '../errors';
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
      path: `/${kind}s/{id}/quota/reset-total`,
      auth: 'admin',
      summary: `Reset a ${kind}'s total spend`,
      description:
        'Lifetime spend counted against the total limit starts again from zero now; the ledger keeps every row, and ' +
        'the 5-hour, daily, weekly and monthly windows are unchanged. Survives restarts.',
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
