// Refuses new relay requests while the request journal cannot be written: no answer may leave before its row is durable.
import { JOURNAL_UNWRITABLE, type JournalHealth } from '../store/journal-health';
import type { Refusal } from './refusal';

/** Seconds a refused client is asked to wait: the journal is retried every second, a disk is freed in minutes. */
const RETRY_AFTER_S = '10';

const JOURNAL_REFUSAL: Refusal = {
  status: 503,
  code: JOURNAL_UNWRITABLE,
  message: 'the hub cannot write its request log (its disk is full or failing) and accepts no requests until it can',
  headers: { 'retry-after': RETRY_AFTER_S },
};

/** Undefined when the request may go on; otherwise the refusal (503), counted. */
export function journalRefusal(health: JournalHealth): Refusal | undefined {
  if (health.writable) return undefined;
  health.refusedRequests++;
  return JOURNAL_REFUSAL;
}
