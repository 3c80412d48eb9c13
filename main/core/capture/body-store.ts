// Captured bodies: queued by the relay, redacted and written next to their folded request row, off the hot path.
import type { SecretRedactor } from '../secrets/redactor';
import type { RequestBodiesRepository } from '../store/repositories';
import { renderRequestBody, renderResponseBody } from './redact-body';

/** Each captured body is capped at 64 KiB; a longer one is cut and its row marked truncated. */
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

  constructor(
    private readonly table: Pick<RequestBodiesRepository<'sync'>, 'write'>,
    private readonly redactor: SecretRedactor,
  ) {}

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
      const written = this.table.write(p.requestId, { request: request.text, response: response.text, truncated });
      if (!written && now - p.queuedAt < MAX_WAIT_MS) waiting.push(p);
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
