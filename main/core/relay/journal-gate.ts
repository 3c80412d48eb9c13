// Refuses new relay requests while the request journal cannot be written: no answer may leave before its row is durable.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { WireFormat } from '../formats';
import { JOURNAL_UNWRITABLE, type JournalHealth } from '../store/journal-health';
import { sendHubError } from './hub-error';

/** Seconds a refused client is asked to wait: the journal is retried every second, a disk is freed in minutes. */
const RETRY_AFTER_S = '10';

/** True when the request may go on; otherwise it has been answered 503 in the client's format and counted. */
export function journalAdmits(
  health: JournalHealth,
  req: IncomingMessage,
  res: ServerResponse,
  format: WireFormat,
  requestId: string,
): boolean {
  if (health.writable) return true;
  health.refusedRequests++;
  req.resume();
  sendHubError(
    res,
    format,
    503,
    JOURNAL_UNWRITABLE,
    'the hub cannot write its request log (its disk is full or failing) and accepts no requests until it can',
    requestId,
    { 'retry-after': RETRY_AFTER_S },
  );
  return false;
}
