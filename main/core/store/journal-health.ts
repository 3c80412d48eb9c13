// Whether the request journal can be written now: the relay refuses new requests, /readyz and /metrics report it.

/** The journal's state; the request log updates it, everything else only reads it (the relay counts its refusals). */
export class JournalHealth {
  /** False from a failed journal write until a write succeeds again. */
  writable = true;
  /** When the journal became unwritable (ms since the epoch), or null. */
  since: number | null = null;
  /** The last failed write's error code (ENOSPC, EIO…), or null. */
  lastError: string | null = null;
  /** Journal writes that failed since start. */
  writeFailures = 0;
  /** Rows whose journal write failed, kept in memory until a write or a fold takes them (bounded). */
  rowsInMemory = 0;
  /** Rows dropped because the in-memory bound was reached while the journal stayed unwritable. */
  rowsLost = 0;
  /** Relay requests refused because the journal could not be written. */
  refusedRequests = 0;
}

/** The error code of a failed write (`ENOSPC`, `EIO`…), or `unknown`. */
export function errorCode(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : 'unknown';
}

/** The error class of a request whose answer could not be recorded, and of the relay's refusals while so. */
export const JOURNAL_UNWRITABLE = 'journal_unwritable';

/** What such a request's row and its client are told. */
export const UNRECORDED_MESSAGE =
  'the hub could not write its request log (its disk is full or failing), so the answer was not delivered as complete';
