// Captured bodies: queued by the relay, redacted, compressed and written next to their folded request row, off the
// hot path; kept under a total size budget and a retention of their own (the oldest are dropped first).
import type { SecretRedactor } from '../secrets/redactor';
import type { RequestBodiesRepository } from '../store/repositories';
import { type Codec, compress } from './compression';
import { renderRequestBody, renderResponseBody } from './redact-body';

/** What capture is allowed: each body's size as rendered, the total stored bytes, their age, the codec. */
export interface CaptureLimits {
  maxBodyBytes: number;
  budgetBytes: number;
  /** 0: kept while the budget allows. */
  retentionDays: number;
  codec: Codec;
}

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

interface Prepared {
  requestId: string;
  queuedAt: number;
  codec: Codec;
  request: Buffer;
  response: Buffer;
  truncated: boolean;
  originalBytes: number;
}

/** A queued entry whose request row never appears (a crash between the answer and the fold) is dropped after this. */
const MAX_WAIT_MS = 60_000;
/** Past the budget, the oldest bodies go until this share of it is used (so a full budget does not delete per flush). */
const REFILL_SHARE = 0.9;
/** How often retention runs and the stored total is read again (log retention deletes bodies with their rows). */
const HOUSEKEEPING_MS = 60_000;
const DAY_MS = 86_400_000;

export class BodyStore {
  private pending: PendingBodies[] = [];
  private prepared: Prepared[] = [];
  private chain: Promise<void> = Promise.resolve();
  private running = false;
  private storedBytes: number | undefined;
  private housekeptAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly table: Pick<
      RequestBodiesRepository<'sync'>,
      'write' | 'totalBytes' | 'dropOldest' | 'dropOlderThan'
    >,
    private readonly redactor: SecretRedactor,
    private readonly limits: () => CaptureLimits,
  ) {}

  add(entry: Omit<PendingBodies, 'queuedAt'>, now: number): void {
    this.pending.push({ ...entry, queuedAt: now });
  }

  /**
   * Renders and compresses what was queued (compression runs on libuv's thread pool), writes every entry whose request
   * row has been folded, keeps the rest for the next call, then holds the budget. Calls run one after another.
   */
  flush(now: number): Promise<void> {
    const run = this.chain.catch(() => {}).then(() => this.flushOnce(now));
    this.chain = run;
    return run;
  }

  /** The fold timer's call: skipped (undefined) while a flush is still compressing. */
  tick(now: number): Promise<void> | undefined {
    return this.running ? undefined : this.flush(now);
  }

  /** Bytes the captured bodies take as stored. */
  usedBytes(): number {
    this.storedBytes ??= this.table.totalBytes();
    return this.storedBytes;
  }

  private async flushOnce(now: number): Promise<void> {
    this.running = true;
    try {
      const limits = this.limits();
      const queued = this.pending;
      this.pending = [];
      this.prepared.push(...(await Promise.all(queued.map((p) => this.render(p, limits)))));
      const waiting: Prepared[] = [];
      for (const p of this.prepared) {
        const stored = p.request.length + p.response.length;
        const written = this.table.write(p.requestId, {
          codec: p.codec,
          request: p.request,
          response: p.response,
          truncated: p.truncated,
          storedBytes: stored,
          originalBytes: p.originalBytes,
          capturedAt: now,
        });
        if (written) this.storedBytes = this.usedBytes() + stored;
        else if (now - p.queuedAt < MAX_WAIT_MS) waiting.push(p);
      }
      this.prepared = waiting;
      this.holdBudget(now, limits);
    } finally {
      this.running = false;
    }
  }

  private async render(p: PendingBodies, limits: CaptureLimits): Promise<Prepared> {
    const opts = {
      keepMessageText: p.keepMessageText,
      maxBytes: limits.maxBodyBytes,
      redactSecrets: (text: string) => this.redactor.redact(text, p.hubKey),
    };
    const request = renderRequestBody(parseRequestBody(p.requestBody), opts);
    const response = renderResponseBody(p.response.toString('utf8'), opts);
    const [req, res] = await Promise.all([compress(request.text, limits.codec), compress(response.text, limits.codec)]);
    return {
      requestId: p.requestId,
      queuedAt: p.queuedAt,
      codec: limits.codec,
      request: req,
      response: res,
      truncated: request.truncated || response.truncated || p.responseTruncated,
      originalBytes: Buffer.byteLength(request.text) + Buffer.byteLength(response.text),
    };
  }

  /** Drops bodies past their retention (once a minute) and the oldest while over the budget. */
  private holdBudget(now: number, limits: CaptureLimits): void {
    if (now - this.housekeptAt >= HOUSEKEEPING_MS) {
      this.housekeptAt = now;
      if (limits.retentionDays > 0) this.table.dropOlderThan(now - limits.retentionDays * DAY_MS);
      this.storedBytes = this.table.totalBytes();
    }
    const used = this.usedBytes();
    if (used > limits.budgetBytes) {
      this.storedBytes = used - this.table.dropOldest(used - Math.floor(limits.budgetBytes * REFILL_SHARE));
    }
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

/** The hub settings' capture fields as the body store reads them. */
export function captureLimits(s: {
  captureMaxBodyBytes: number;
  captureBudgetBytes: number;
  captureRetentionDays: number;
  captureCompression: 'brotli' | 'gzip';
}): CaptureLimits {
  return {
    maxBodyBytes: s.captureMaxBodyBytes,
    budgetBytes: s.captureBudgetBytes,
    retentionDays: s.captureRetentionDays,
    codec: s.captureCompression === 'gzip' ? 'gzip' : 'br',
  };
}
