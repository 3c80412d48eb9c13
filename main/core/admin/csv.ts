// CSV exports: cells escaped against formula injection, RFC 4180 quoting, rows streamed with back-pressure.
import type { Response } from 'express';

export type CsvValue = string | number | boolean | null | undefined;

/** Text starting with = + - @ (or a tab / carriage return) is prefixed with a single quote so no sheet runs it. */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: readonly CsvValue[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}

/** Waits until the socket wants more (or is gone). */
function drained(res: Response): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

/**
 * Writes a CSV download: the header, then each batch of rows as it comes, pausing while the client is slow and
 * yielding to the event loop between batches (the relay keeps running during a large export).
 */
export async function streamCsv(
  res: Response,
  filename: string,
  header: readonly string[],
  batches: AsyncIterable<readonly (readonly CsvValue[])[]> | Iterable<readonly (readonly CsvValue[])[]>,
): Promise<void> {
  res.status(200);
  res.setHeader('content-type', 'text/csv; charset=utf-8');
  res.setHeader('content-disposition', `attachment; filename="${filename}"`);
  res.write(csvLine(header));
  for await (const rows of batches) {
    if (res.destroyed) return;
    let chunk = '';
    for (const row of rows) chunk += csvLine(row);
    if (chunk && !res.write(chunk)) await drained(res);
    await new Promise((resolve) => setImmediate(resolve));
  }
  res.end();
}
