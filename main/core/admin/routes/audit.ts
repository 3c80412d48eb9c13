// Admin route for the audit log: every admin change and login, newest first, keyset-paginated.
import { AuditList, AuditListQuery } from '../../../../shared/api-schemas';
import { auditToApi } from '../api-shapes';
import { type AdminApi, defineRoute } from '../openapi';
import { pageOptions } from '../paging';

export function registerAuditRoutes(api: AdminApi): void {
  defineRoute(api, {
    method: 'get',
    path: '/audit',
    auth: 'admin',
    summary: 'The audit log',
    description:
      'Every admin change (before/after, secrets redacted) and every console login attempt, newest first by ' +
      '(createdAt, id); pass nextCursor as cursor. `action` filters exactly, or by prefix when it ends in ".".',
    query: AuditListQuery,
    responses: { 200: AuditList },
    handler: ({ ctx, query }) => {
      const page = ctx.store.audit.page(
        {
          ...(query.action === undefined ? {} : { action: query.action }),
          ...(query.target === undefined ? {} : { target: query.target }),
        },
        pageOptions(query),
      );
      return { items: page.rows.map(auditToApi), nextCursor: page.nextCursor };
    },
  });
}
