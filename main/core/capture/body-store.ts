// Captured bodies: queued by the relay, redacted and written next to their folded request row, off the hot path.
import type Database from 'better-sqlite3';
import type { SecretRedactor } from '../secrets/redactor';
import { renderRequestBody, renderResponseBody } from './redact-body';

/** SPEC §7: each captured body is capped at 64 KiB. */
export const BODY_CAPTURE_BYTES = 64 * 1024;

interface PendingBodies {
  requestId: string;
  /** The request body as the client sent it (parsed here, off the hot path). */
  requestBody: Buffer;
  response: Buffer;
  responseTruncated: boolean;
  keepMessageText: boolean;
  /** The hub key the request came with, masked too wherever it appears. */
  hubKey?: string;
  queuedAt: number;
}

/** A queued entry whose request row never appears (a crash between the answer and the fold) is dropped after this. */
const MAX_WAIT_MS = 60_000;

export class BodyStore {
  private pending: PendingBodies[] = [];
  private readonly insert: Database.Statement;

  constructor(
    sqlite: Database.Database,
    private readonly redactor: SecretRedactor,
  ) {
    this.insert = sqlite.prepare(
      `INSERT OR REPLACE INTO request_bodies (request_id, request, response, truncated)
       SELECT ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM requests WHERE id = ?)`,
    );
  }

  add(entry: Omit<PendingBodies, 'queuedAt'>, now: number): void {
    this.pending.push({ ...entry, queuedAt: now });
  }

  /** Writes every queued entry whose request row has been folded; keeps the rest for the next call. */
  flush(now: number): void {
    if (this.pending.length === 0) return;
    const waiting: PendingBodies[] = [];
    for (const p of this.pending) {
      const opts = {
        keepMessageText: p.keepMessageText,
        maxBytes: BODY_CAPTURE_BYTES,
        redactSecrets: (text: string) => this.redactor.redact(text, p.hubKey),
      };
      const request = renderRequestBody(parseRequestBody(p.requestBody), opts);
      const response = renderResponseBody(p.response.toString('utf8'), opts);
      const truncated = request.truncated || response.truncated || p.responseTruncated;
      const written = this.insert.run(p.requestId, request.text, response.text, truncated ? 1 : 0, p.requestId);
      if (written.changes === 0 && now - p.queuedAt < MAX_WAIT_MS) waiting.push(p);
    }
    this.pending = waiting;
  }
}

/** The relay checks a body's grammar but not raw control characters in its strings, which JSON.parse refuses. */
function parseRequestBody(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return { note: 'the request body is not strict JSON (the provider judged it); not captured' };
  }
}

export interface CapturedBodies {
  request: string | null;
  response: string | null;
  truncated: boolean;
}

/** The captured bodies of one request, if any were captured. */
export function readCapturedBodies(sqlite: Database.Database, requestId: string): CapturedBodies | undefined {
  const row = sqlite
    .prepare('SELECT request, response, truncated FROM request_bodies WHERE request_id = ?')
    .get(requestId) as { request: string | null; response: string | null; truncated: number } | undefined;
  return row && { request: row.request, response: row.response, truncated: row.truncated === 1 };
}
