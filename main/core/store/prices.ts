// The stored prices (imported and manual layers; the bundled table is a file): reads and writes of the admin API.
import { and, eq } from 'drizzle-orm';
import type { PriceData } from '../billing/price-data';
import type { PriceTable } from '../billing/price-table';
import type { Db } from '../db/connection';
import { prices } from '../db/schema';
import type { PricesRepository } from './repositories';

/** When an imported or manual entry was last written (ms); undefined when that layer has no such row. */
export function priceUpdatedAt(db: Db, model: string, source: 'import' | 'manual'): number | undefined {
  const row = db
    .select({ updatedAt: prices.updatedAt })
    .from(prices)
    .where(and(eq(prices.model, model), eq(prices.source, source)))
    .get();
  return row?.updatedAt;
}

/** Every stored row of one layer, by model (for the import diff's "unchanged since"). */
function storedUpdatedAt(db: Db, source: 'import' | 'manual'): Map<string, number> {
  const rows = db
    .select({ model: prices.model, updatedAt: prices.updatedAt })
    .from(prices)
    .where(eq(prices.source, source))
    .all();
  return new Map(rows.map((r) => [r.model, r.updatedAt]));
}

/**
 * Replaces the whole import layer in one transaction. Entries equal to what was there keep their `updatedAt`;
 * `unchanged` names them.
 */
export function replaceImportedPrices(
  db: Db,
  models: ReadonlyMap<string, PriceData>,
  unchanged: ReadonlySet<string>,
  now: number,
): void {
  const previous = storedUpdatedAt(db, 'import');
  db.transaction((tx) => {
    tx.delete(prices).where(eq(prices.source, 'import')).run();
    for (const [model, data] of models) {
      const kept = unchanged.has(model) ? previous.get(model) : undefined;
      tx.insert(prices)
        .values({ model, source: 'import', priceData: data, updatedAt: kept ?? now })
        .run();
    }
  });
}

/** Writes one manual entry (manual wins over import and bundled). */
export function upsertManualPrice(db: Db, model: string, data: PriceData, now: number): void {
  db.insert(prices)
    .values({ model, source: 'manual', priceData: data, updatedAt: now })
    .onConflictDoUpdate({ target: [prices.model, prices.source], set: { priceData: data, updatedAt: now } })
    .run();
}

/** Replaces the price table's import and manual layers with the stored rows (start-up and after every price write). */
export function loadStoredPrices(db: Db, table: PriceTable): void {
  const layers = { import: new Map<string, PriceData>(), manual: new Map<string, PriceData>() };
  for (const r of db.select().from(prices).all()) layers[r.source].set(r.model, r.priceData as PriceData);
  table.setLayer('import', layers.import);
  table.setLayer('manual', layers.manual);
}

/** Every stored entry of the import and manual layers. */
export function storedPrices(db: Db): { model: string; source: 'import' | 'manual'; data: PriceData }[] {
  return db
    .select()
    .from(prices)
    .all()
    .map((r) => ({ model: r.model, source: r.source, data: r.priceData as PriceData }));
}

/** The prices table on SQLite. */
export class SqlitePrices implements PricesRepository<'sync'> {
  constructor(private readonly db: Db) {}
  stored = () => storedPrices(this.db);
  updatedAt = (model: string, source: 'import' | 'manual') => priceUpdatedAt(this.db, model, source);
  replaceImported = (models: ReadonlyMap<string, PriceData>, unchanged: ReadonlySet<string>, now: number) =>
    replaceImportedPrices(this.db, models, unchanged, now);
  upsertManual = (model: string, data: PriceData, now: number) => upsertManualPrice(this.db, model, data, now);
}
