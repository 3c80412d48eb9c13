// Sessions grouped from the request log (request_sessions, kept by the fold) and one session's requests.
import type Database from 'better-sqlite3';
import { and, asc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/connection';
import { requestBodies, requests } from '../db/schema';
import type { SessionFilter, SessionRecord, SessionRequestRow } from './operations-records';
import { encodeCursor, type Page, toPage } from './paging';
import type { PageOptions } from './records';
import type { SessionsRepository } from './repositories';
import { flatten, selectWithNames } from './requests';

const COLUMNS = `s.session_id AS sessionId, s.user_id AS userId, u.name AS userName, s.key_id AS keyId,
  k.name AS keyName, s.provider_id AS providerId, p.name AS providerName, s.user_agent AS userAgent,
  s.first_at AS firstAt, s.last_at AS lastAt, s.requests, s.errors, s.input_tokens AS inputTokens,
  s.output_tokens AS outputTokens, s.cache_read_tokens AS cacheReadTokens, s.cache_write_tokens AS cacheWriteTokens,
  s.cost_usd AS costUsd
  FROM request_sessions s LEFT JOIN users u ON u.id = s.user_id LEFT JOIN keys k ON k.id = s.key_id
  LEFT JOIN providers p ON p.id = s.provider_id`;

/** Filter → condition; user and key have their own (…, last_at) index, the rest are checked along the walk. */
const CONDITIONS: Record<keyof SessionFilter, string> = {
  userId: 's.user_id = $userId',
  keyId: 's.key_id = $keyId',
  providerId: 's.provider_id = $providerId',
  from: 's.last_at >= $from',
  to: 's.last_at < $to',
};

export class SqliteSessions implements SessionsRepository<'sync'> {
  private readonly statements = new Map<string, Database.Statement>();
  private readonly one: Database.Statement;
  private readonly deleteBatch: Database.Statement;

  constructor(
    private readonly db: Db,
    private readonly sqlite: Database.Database,
  ) {
    this.one = sqlite.prepare(`SELECT ${COLUMNS} WHERE s.session_id = ?`);
    this.deleteBatch = sqlite.prepare(
      `DELETE FROM request_sessions WHERE rowid IN
         (SELECT rowid FROM request_sessions WHERE last_at < ? ORDER BY last_at LIMIT ?)`,
    );
  }

  /** No OFFSET, no COUNT: each page is O(limit) steps of a (…, last_at) index. */
  page(filter: SessionFilter, opts: PageOptions): Page<SessionRecord> {
    const used = (Object.keys(CONDITIONS) as (keyof SessionFilter)[]).filter((f) => filter[f] !== undefined);
    const where = used.map((f) => CONDITIONS[f]);
    if (opts.after) where.push('(s.last_at, s.session_id) < ($afterAt, $afterId)');
    const text = `SELECT ${COLUMNS} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY s.last_at DESC, s.session_id DESC LIMIT $limit`;
    let stmt = this.statements.get(text);
    if (!stmt) {
      stmt = this.sqlite.prepare(text);
      this.statements.set(text, stmt);
    }
    const params: Record<string, unknown> = { limit: opts.limit + 1 };
    for (const f of used) params[f] = filter[f];
    if (opts.after) Object.assign(params, { afterAt: opts.after.createdAt, afterId: opts.after.id });
    const rows = stmt.all(params) as SessionRecord[];
    if (rows.length <= opts.limit) return { rows, nextCursor: null };
    const kept = rows.slice(0, opts.limit);
    const last = kept[kept.length - 1] as SessionRecord;
    return { rows: kept, nextCursor: encodeCursor({ createdAt: last.lastAt, id: last.sessionId }) };
  }

  get(sessionId: string): SessionRecord | undefined {
    return this.one.get(sessionId) as SessionRecord | undefined;
  }

  /** Oldest first along requests_session_created_idx. */
  requests(sessionId: string, opts: PageOptions): Page<SessionRequestRow> {
    const where: (SQL | undefined)[] = [
      eq(requests.sessionId, sessionId),
      opts.after
        ? sql`(${requests.createdAt}, ${requests.id}) > (${opts.after.createdAt}, ${opts.after.id})`
        : undefined,
    ];
    const rows: SessionRequestRow[] = selectWithNames(this.db)
      .where(and(...where))
      .orderBy(asc(requests.createdAt), asc(requests.id))
      .limit(opts.limit + 1)
      .all()
      .map((r) => ({ ...flatten(r), hasBodies: false }));
    if (rows.length > 0) {
      const captured = this.db
        .select({ id: requestBodies.requestId })
        .from(requestBodies)
        .where(
          inArray(
            requestBodies.requestId,
            rows.map((r) => r.id),
          ),
        )
        .all();
      const ids = new Set(captured.map((r) => r.id));
      for (const r of rows) r.hasBodies = ids.has(r.id);
    }
    return toPage(rows, opts.limit);
  }

  deleteOlderThan(cutoff: number, limit: number): number {
    return this.deleteBatch.run(cutoff, limit).changes;
  }
}
