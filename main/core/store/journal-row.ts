// A journal row: a finished request as one line: its SQL values as a JSON array, a tab, its decision chain's JSON.
import type { RequestRecord } from './request-record';

/** The `requests` columns, in the order a journal row holds them (the fold binds them by position). */
export const REQUEST_COLUMNS = [
  'id',
  'created_at',
  'user_id',
  'key_id',
  'provider_id',
  'format',
  'endpoint',
  'model',
  'upstream_model',
  'stream',
  'status',
  'error_class',
  'error_message',
  'blocked_by',
  'ttfb_ms',
  'duration_ms',
  'input_tokens',
  'output_tokens',
  'cache_write_5m_tokens',
  'cache_write_1h_tokens',
  'cache_read_tokens',
  'cost_usd',
  'session_id',
  'user_agent',
  'client_ip',
  'cache_savings_usd',
  'billed',
  'transport',
  'translated_from',
  // Last: a line carries it after the tab, as the JSON text the column stores.
  'decision_chain',
] as const;

/** How many values precede the decision chain. */
const SCALARS = REQUEST_COLUMNS.length - 1;

/** One finished request as SQL values in `requests` column order: booleans as 0/1, the decision chain as JSON text. */
export type JournalRow = (string | number | null)[];

/** The row's values before the decision chain: one array, no keys (the hot path writes it per request). */
function scalars(r: RequestRecord): JournalRow {
  return [
    r.id,
    r.createdAt,
    r.userId,
    r.keyId,
    r.providerId,
    r.format,
    r.endpoint,
    r.model,
    r.upstreamModel,
    r.stream ? 1 : 0,
    r.status,
    r.errorClass,
    r.errorMessage,
    r.blockedBy,
    r.ttfbMs,
    r.durationMs,
    r.inputTokens,
    r.outputTokens,
    r.cacheWrite5mTokens,
    r.cacheWrite1hTokens,
    r.cacheReadTokens,
    r.costUsd,
    r.sessionId,
    r.userAgent,
    r.clientIp,
    r.cacheSavingsUsd,
    r.billed ? 1 : 0,
    r.transport,
    r.translatedFrom,
  ];
}

/** A record as a row, as the fold binds it. */
export function journalRow(r: RequestRecord): JournalRow {
  const row = scalars(r);
  row.push(JSON.stringify(r.decisionChain));
  return row;
}

/**
 * A record as its journal line. The decision chain follows a tab as its own JSON text (JSON never holds a raw tab or
 * newline): encoded once and never escaped into a string, and the fold binds that text as it stands.
 */
export function journalLine(r: RequestRecord): string {
  return `${JSON.stringify(scalars(r))}\t${JSON.stringify(r.decisionChain)}\n`;
}

/**
 * Lines as `RequestLog` writes them, read back for the fold: each line's values parsed, its chain text sliced off.
 * Throws on a line that is not one (no tab, or values that are not JSON); `parseJournalRow` then sorts them one by one.
 */
export function parseJournalLines(text: string): JournalRow[] {
  const rows: JournalRow[] = [];
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const tab = text.indexOf('\t', start);
    if (tab < 0 || tab > end) throw new Error('not a journal line');
    const row = JSON.parse(text.slice(start, tab)) as JournalRow;
    row.push(text.slice(tab + 1, end));
    rows.push(row);
    start = end + 1;
  }
  return rows;
}

/**
 * A line read back from disk (start-up replay, or a fold that met damage), or null when it is not a row: a torn last
 * line after a power loss, or anything that is not SQL values of the right count and a JSON decision chain.
 */
export function parseJournalRow(line: string): JournalRow | null {
  const tab = line.indexOf('\t');
  if (tab < 0) return null;
  const values = parseJson(line.slice(0, tab));
  const chain = line.slice(tab + 1);
  if (!Array.isArray(parseJson(chain)) || !Array.isArray(values)) return null;
  // A line written before the transport and translated_from columns: an HTTP request, not translated.
  if (values.length === SCALARS - 2) values.push('http', null);
  if (values.length !== SCALARS) return null;
  values.push(chain);
  return sqlValues(values);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function sqlValues(values: unknown[]): JournalRow | null {
  for (const v of values) if (v !== null && typeof v !== 'string' && typeof v !== 'number') return null;
  return values as JournalRow;
}

const ERROR_CLASS_INDEX = REQUEST_COLUMNS.indexOf('error_class');
const ERROR_MESSAGE_INDEX = REQUEST_COLUMNS.indexOf('error_message');

/** Marks a row whose client was not told of success (its journal write failed) with that error, unless it has one. */
export function markUnrecorded(row: JournalRow, errorClass: string, message: string): JournalRow {
  if (row[ERROR_CLASS_INDEX] === null) {
    row[ERROR_CLASS_INDEX] = errorClass;
    row[ERROR_MESSAGE_INDEX] = message;
  }
  return row;
}
