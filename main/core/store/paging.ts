// Keyset pagination for every list: the opaque base64url cursor over (createdAt, id) and page assembly.
import { type SQL, sql } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';

/** The position after which the next page starts: the last row of the previous page. */
export interface Cursor {
  createdAt: number;
  id: string;
}

export interface Page<T> {
  rows: T[];
  nextCursor: string | null;
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.createdAt, cursor.id]), 'utf8').toString('base64url');
}

/** undefined when the text is not a cursor this hub issued. */
export function decodeCursor(text: string): Cursor | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(text)) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 2) return undefined;
    const [createdAt, id] = value as unknown[];
    if (typeof createdAt !== 'number' || !Number.isSafeInteger(createdAt) || typeof id !== 'string') return undefined;
    return { createdAt, id };
  } catch {
    return undefined;
  }
}

/** `(created_at, id) < (cursor)`: a row-value comparison SQLite answers from a (created_at, id) index range. */
export function beforeCursor(createdAt: SQLiteColumn, id: SQLiteColumn, cursor: Cursor): SQL {
  return sql`(${createdAt}, ${id}) < (${cursor.createdAt}, ${cursor.id})`;
}

/** Rows were fetched with `limit + 1`: trims the extra row and derives the next cursor from the last kept one. */
export function toPage<T extends { createdAt: number; id: string }>(rows: T[], limit: number): Page<T> {
  if (rows.length <= limit) return { rows, nextCursor: null };
  const kept = rows.slice(0, limit);
  const last = kept[kept.length - 1];
  return { rows: kept, nextCursor: last ? encodeCursor({ createdAt: last.createdAt, id: last.id }) : null };
}
