// The audit log repository: append one entry, keyset pages newest first, and the row → API mapping.
import { and, desc, eq, like, type SQL } from 'drizzle-orm';
import type { Db } from '../db/connection';
import { auditLog } from '../db/schema';
import { newId } from '../ids';
import { beforeCursor, type Cursor, type Page, toPage } from './paging';
import type { AuditFilter, AuditInput, PageOptions } from './records';
import type { AuditRepository } from './repositories';

export type { AuditFilter, AuditInput } from './records';

export type AuditRow = typeof auditLog.$inferSelect;

export function insertAudit(db: Db, entry: AuditInput, now: number): AuditRow {
  const row: AuditRow = {
    id: newId('aud'),
    createdAt: now,
    actor: entry.actor,
    action: entry.action,
    target: entry.target,
    before: entry.before === undefined || entry.before === null ? null : JSON.stringify(entry.before),
    after: entry.after === undefined || entry.after === null ? null : JSON.stringify(entry.after),
    ip: entry.ip,
  };
  db.insert(auditLog).values(row).run();
  return row;
}

/** Newest first by (createdAt, id), walking `audit_created_idx`. */
export function listAuditPage(db: Db, filter: AuditFilter, opts: { limit: number; after?: Cursor }): Page<AuditRow> {
  const where: (SQL | undefined)[] = [
    filter.action === undefined
      ? undefined
      : filter.action.endsWith('.')
        ? like(auditLog.action, `${filter.action.replace(/[%_\\]/g, '')}%`)
        : eq(auditLog.action, filter.action),
    filter.target === undefined ? undefined : eq(auditLog.target, filter.target),
    opts.after ? beforeCursor(auditLog.createdAt, auditLog.id, opts.after) : undefined,
  ];
  const rows = db
    .select()
    .from(auditLog)
    .where(and(...where))
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(opts.limit + 1)
    .all();
  return toPage(rows, opts.limit);
}

/** The audit log on SQLite. */
export class SqliteAudit implements AuditRepository<'sync'> {
  constructor(private readonly db: Db) {}
  insert = (entry: AuditInput, now: number) => insertAudit(this.db, entry, now);
  page = (filter: AuditFilter, opts: PageOptions) => listAuditPage(this.db, filter, opts);
}
