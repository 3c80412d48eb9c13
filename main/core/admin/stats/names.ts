// Display names for statistics rows: users, keys and providers by id (deleted ones fall back to the id).
import type Database from 'better-sqlite3';
import type { Dimension } from '../../store/usage-stats';

const TABLE: Record<Exclude<Dimension, 'model'>, string> = { user: 'users', key: 'keys', provider: 'providers' };

/** A lookup from id to name for one dimension; models are their own names. */
export function namesFor(sqlite: Database.Database, dim: Dimension): (id: string) => string {
  if (dim === 'model') return (id) => id;
  const rows = sqlite.prepare(`SELECT id, name FROM ${TABLE[dim]}`).all() as { id: string; name: string }[];
  const names = new Map(rows.map((r) => [r.id, r.name]));
  return (id) => names.get(id) ?? id;
}
