// The captured-bodies table: one redacted, compressed request/response pair per folded request, oldest dropped first.
import type Database from 'better-sqlite3';
import type { StoredBodies } from './records';
import type { RequestBodiesRepository } from './repositories';

export type { CapturedBodies, StoredBodies } from './records';

/** Rows deleted per statement when the budget or retention drops old bodies. */
const DROP_BATCH = 200;

/** request_bodies on SQLite; every statement is prepared once. */
export class SqliteRequestBodies implements RequestBodiesRepository<'sync'> {
  private readonly insert: Database.Statement;
  private readonly select: Database.Statement;
  private readonly total: Database.Statement;
  private readonly oldest: Database.Statement;
  private readonly olderThan: Database.Statement;
  private readonly dropIds: (ids: readonly string[]) => void;

  constructor(sqlite: Database.Database) {
    this.insert = sqlite.prepare(
      `INSERT OR REPLACE INTO request_bodies (request_id, request, response, truncated, codec, request_z, response_z,
         stored_bytes, original_bytes, captured_at)
       SELECT $id, NULL, NULL, $truncated, $codec, $request, $response, $storedBytes, $originalBytes, $capturedAt
       WHERE EXISTS (SELECT 1 FROM requests WHERE id = $id)`,
    );
    this.select = sqlite.prepare(
      `SELECT codec, coalesce(request_z, request) AS request, coalesce(response_z, response) AS response, truncated,
         stored_bytes AS storedBytes, original_bytes AS originalBytes, captured_at AS capturedAt
       FROM request_bodies WHERE request_id = ?`,
    );
    // Both walk request_bodies_captured_idx (captured_at, stored_bytes), which covers the sum.
    this.total = sqlite.prepare('SELECT total(stored_bytes) FROM request_bodies').pluck();
    this.oldest = sqlite.prepare(
      'SELECT request_id AS id, stored_bytes AS bytes FROM request_bodies ORDER BY captured_at LIMIT ?',
    );
    this.olderThan = sqlite.prepare(
      `SELECT request_id AS id, stored_bytes AS bytes FROM request_bodies WHERE captured_at < ?
       ORDER BY captured_at LIMIT ?`,
    );
    const del = sqlite.prepare('DELETE FROM request_bodies WHERE request_id = ?');
    this.dropIds = sqlite.transaction((ids: readonly string[]) => {
      for (const id of ids) del.run(id);
    });
  }

  /** Writes a request's bodies once its row has been folded; false when the row is not there (yet). */
  write(requestId: string, b: StoredBodies): boolean {
    return (
      this.insert.run({
        id: requestId,
        truncated: b.truncated ? 1 : 0,
        codec: b.codec,
        request: b.request,
        response: b.response,
        storedBytes: b.storedBytes,
        originalBytes: b.originalBytes,
        capturedAt: b.capturedAt,
      }).changes > 0
    );
  }

  read(requestId: string): StoredBodies | undefined {
    const row = this.select.get(requestId) as (Omit<StoredBodies, 'truncated'> & { truncated: number }) | undefined;
    return row && { ...row, truncated: row.truncated === 1 };
  }

  totalBytes(): number {
    return this.total.get() as number;
  }

  dropOldest(bytes: number): number {
    let freed = 0;
    while (freed < bytes) {
      const rows = this.oldest.all(DROP_BATCH) as { id: string; bytes: number }[];
      if (rows.length === 0) break;
      const ids: string[] = [];
      for (const r of rows) {
        if (freed >= bytes) break;
        ids.push(r.id);
        freed += r.bytes;
      }
      this.dropIds(ids);
    }
    return freed;
  }

  dropOlderThan(cutoff: number): number {
    let freed = 0;
    for (;;) {
      const rows = this.olderThan.all(cutoff, DROP_BATCH) as { id: string; bytes: number }[];
      if (rows.length === 0) return freed;
      this.dropIds(rows.map((r) => r.id));
      for (const r of rows) freed += r.bytes;
    }
  }
}
