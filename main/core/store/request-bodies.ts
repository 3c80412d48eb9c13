// The captured-bodies table: one redacted request/response pair per folded request.
import type Database from 'better-sqlite3';
import type { CapturedBodies } from './records';

export type { CapturedBodies } from './records';

/** request_bodies on SQLite; both statements are prepared once. */
export class SqliteRequestBodies {
  private readonly insert: Database.Statement;
  private readonly select: Database.Statement;

  constructor(sqlite: Database.Database) {
    this.insert = sqlite.prepare(
      `INSERT OR REPLACE INTO request_bodies (request_id, request, response, truncated)
       SELECT ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM requests WHERE id = ?)`,
    );
    this.select = sqlite.prepare('SELECT request, response, truncated FROM request_bodies WHERE request_id = ?');
  }

  /** Writes a request's bodies once its row has been folded; false when the row is not there (yet). */
  write(requestId: string, bodies: CapturedBodies): boolean {
    const { request, response, truncated } = bodies;
    return this.insert.run(requestId, request, response, truncated ? 1 : 0, requestId).changes > 0;
  }

  /** The captured bodies of one request, if any were captured. */
  read(requestId: string): CapturedBodies | undefined {
    const row = this.select.get(requestId) as
      | { request: string | null; response: string | null; truncated: number }
      | undefined;
    return row && { request: row.request, response: row.response, truncated: row.truncated === 1 };
  }
}
