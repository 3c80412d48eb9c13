// The stored prices (imported and manual layers; the bundled table is a file): reads the admin API needs.
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/connection';
import { prices } from '../db/schema';

/** When an imported or manual entry was last written (ms); undefined when that layer has no such row. */
export function priceUpdatedAt(db: Db, model: string, source: 'import' | 'manual'): number | undefined {
  const row = db
    .select({ updatedAt: prices.updatedAt })
    .from(prices)
    .where(and(eq(prices.model, model), eq(prices.source, source)))
    .get();
  return row?.updatedAt;
}
