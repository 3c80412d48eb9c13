// The request-log reader: keyset pages newest first by (createdAt, id), one row by id, and the row → API mapping.
import type Database from 'better-sqlite3';
import { and, desc, eq, gte, isNotNull, lt, type SQL } from 'drizzle-orm';
import type { Db } from '../db/connection';
import { keys, providers, requests, users } from '../db/schema';
import { beforeCursor, type Cursor, type Page, toPage } from './paging';
import type { PageOptions, RequestFilter, RequestRow, RequestRowWithNames, StatusClass } from './records';
import type { RequestsRepository } from './repositories';

export type { RequestFilter, RequestRowWithNames } from './records';

/** The joined select: lookups by primary key only, so paging still walks the (created_at, id) index. */
export function selectWithNames(db: Db) {
  return db
    .select({
      row: requests,
      userName: users.name,
      keyName: keys.name,
      providerName: providers.name,
    })
    .from(requests)
    .leftJoin(users, eq(users.id, requests.userId))
    .leftJoin(keys, eq(keys.id, requests.keyId))
    .leftJoin(providers, eq(providers.id, requests.providerId));
}

export function flatten(r: {
  row: RequestRow;
  userName: string | null;
  keyName: string | null;
  providerName: string | null;
}): RequestRowWithNames {
  return { ...r.row, userName: r.userName, keyName: r.keyName, providerName: r.providerName };
}

/**
 * One page, newest first. No OFFSET and no COUNT: the cursor is a (created_at, id) bound, so each page costs
 * O(limit) index steps on `requests_created_idx` (or the per-user/key/provider index when that filter is set).
 * Filters without an index of their own (model, status, sessionId) are checked while walking the range.
 */
export function listRequestsPage(
  db: Db,
  filter: RequestFilter,
  opts: { limit: number; after?: Cursor },
): Page<RequestRowWithNames> {
  const where: (SQL | undefined)[] = [
    filter.from === undefined ? undefined : gte(requests.createdAt, filter.from),
    filter.to === undefined ? undefined : lt(requests.createdAt, filter.to),
    filter.userId === undefined ? undefined : eq(requests.userId, filter.userId),
    filter.keyId === undefined ? undefined : eq(requests.keyId, filter.keyId),
    filter.providerId === undefined ? undefined : eq(requests.providerId, filter.providerId),
    filter.model === undefined ? undefined : eq(requests.model, filter.model),
    statusCondition(filter.status),
    filter.sessionId === undefined ? undefined : eq(requests.sessionId, filter.sessionId),
    opts.after ? beforeCursor(requests.createdAt, requests.id, opts.after) : undefined,
  ];
  const rows = selectWithNames(db)
    .where(and(...where))
    .orderBy(desc(requests.createdAt), desc(requests.id))
    .limit(opts.limit + 1)
    .all()
    .map(flatten);
  return toPage(rows, opts.limit);
}

/** A status, a class of statuses, or the blocked rows. */
function statusCondition(status: number | StatusClass | undefined): SQL | undefined {
  if (status === undefined) return undefined;
  if (typeof status === 'number') return eq(requests.status, status);
  if (status === 'blocked') return isNotNull(requests.blockedBy);
  const low = Number(status[0]) * 100;
  return and(gte(requests.status, low), lt(requests.status, low + 100));
}

export function getRequest(db: Db, id: string): RequestRowWithNames | undefined {
  const r = selectWithNames(db).where(eq(requests.id, id)).get();
  return r ? flatten(r) : undefined;
}

/** The request log on SQLite, as the API and the retention job read it. */
export class SqliteRequests implements RequestsRepository<'sync'> {
  // Walks requests_created_idx from the oldest row: each batch costs O(batch) whatever the table size.
  private readonly deleteBatch: Database.Statement;

  constructor(
    private readonly db: Db,
    sqlite: Database.Database,
  ) {
    this.deleteBatch = sqlite.prepare(
      'DELETE FROM requests WHERE rowid IN (SELECT rowid FROM requests WHERE created_at < ? ORDER BY created_at LIMIT ?)',
    );
  }

  page = (filter: RequestFilter, opts: PageOptions) => listRequestsPage(this.db, filter, opts);
  get = (id: string) => getRequest(this.db, id);
  deleteOlderThan = (cutoff: number, limit: number) => this.deleteBatch.run(cutoff, limit).changes;
}
