// The layered in-memory price table (bundled < import < manual) with O(1) model lookup and paginated search.
import { readFileSync } from 'node:fs';
import { type PriceData, parseLiteLlmTable } from './price-data';

export type PriceSource = 'bundled' | 'import' | 'manual';

/** A model's effective price: the entry from the highest layer that has the model. */
export interface PriceEntry {
  model: string;
  source: PriceSource;
  data: PriceData;
}

export interface PriceSearchPage {
  items: PriceEntry[];
  /** Pass as `after` to get the next page; null on the last page. */
  nextAfter: string | null;
}

/** Lowest precedence first. */
const LAYERS: readonly PriceSource[] = ['bundled', 'import', 'manual'];

/**
 * Three layers of LiteLLM entries keyed by model name; manual wins over import wins over bundled.
 *
 * Model matching in `lookup`, first hit wins:
 * 1. the exact name;
 * 2. the name case-insensitively (if two table names differ only by case, the one sorting first wins);
 * 3. the name with leading `vendor/` segments stripped one at a time, each tried case-insensitively
 *    (`openrouter/anthropic/claude-x` → `anthropic/claude-x` → `claude-x`).
 * Nothing else is guessed: a dated name (`claude-sonnet-4-5-20250929`) never falls back to the undated
 * one or the reverse, and a bare request never matches a vendor-prefixed table name. Each dated or
 * undated name is priced only if the table has it.
 *
 * Indexes are rebuilt lazily after a change (O(n), admin edits only); lookups are O(1) per candidate name.
 * Entries are treated as immutable: replace an entry with `set` rather than mutating it.
 */
export class PriceTable {
  private readonly layers: Record<PriceSource, Map<string, PriceData>> = {
    bundled: new Map(),
    import: new Map(),
    manual: new Map(),
  };
  private dirty = true;
  private exact = new Map<string, PriceEntry>();
  private folded = new Map<string, PriceEntry>();
  private sorted: PriceEntry[] = [];

  /** Replaces a whole layer (bundled snapshot at start-up, an admin import). The map is copied. */
  setLayer(source: PriceSource, models: ReadonlyMap<string, PriceData>): void {
    this.layers[source] = new Map(models);
    this.dirty = true;
  }

  set(source: PriceSource, model: string, data: PriceData): void {
    this.layers[source].set(model, data);
    this.dirty = true;
  }

  /** Removes a model from one layer, revealing a lower layer's entry if there is one. */
  delete(source: PriceSource, model: string): boolean {
    const removed = this.layers[source].delete(model);
    if (removed) this.dirty = true;
    return removed;
  }

  /** One layer's own entries (for diffing an import against the current import layer). */
  layer(source: PriceSource): ReadonlyMap<string, PriceData> {
    return this.layers[source];
  }

  /** The effective entry for an exact table name, no fuzzy matching. */
  get(model: string): PriceEntry | undefined {
    this.refresh();
    return this.exact.get(model);
  }

  lookup(model: string): PriceEntry | undefined {
    this.refresh();
    const hit = this.exact.get(model);
    if (hit) return hit;
    let name = model.toLowerCase();
    for (;;) {
      const folded = this.folded.get(name);
      if (folded) return folded;
      const slash = name.indexOf('/');
      if (slash < 0) return undefined;
      name = name.slice(slash + 1);
    }
  }

  /**
   * Effective entries sorted by model name (UTF-16 code-unit order), filtered by a case-insensitive
   * substring of the model name or `litellm_provider` (empty query: everything), starting after
   * the model name `after`.
   */
  search(query: string, limit: number, after?: string): PriceSearchPage {
    this.refresh();
    const size = Math.max(1, Math.floor(limit));
    const needle = query.trim().toLowerCase();
    const items: PriceEntry[] = [];
    // The model named exactly leads the first page (then is skipped where the name order would put it).
    const exact = needle ? this.sorted.find((e) => e.model.toLowerCase() === needle) : undefined;
    if (exact && after === undefined) items.push(exact);
    let i = after === undefined ? 0 : firstAfter(this.sorted, after);
    for (; i < this.sorted.length; i++) {
      const entry = this.sorted[i]!;
      if (entry === exact || (needle && !matches(entry, needle))) continue;
      if (items.length === size) return { items, nextAfter: lastInOrder(items, exact) };
      items.push(entry);
    }
    return { items, nextAfter: null };
  }

  /** Number of distinct models across all layers. */
  get size(): number {
    this.refresh();
    return this.exact.size;
  }

  private refresh(): void {
    if (!this.dirty) return;
    const exact = new Map<string, PriceEntry>();
    for (const source of LAYERS) {
      for (const [model, data] of this.layers[source]) exact.set(model, { model, source, data });
    }
    const sorted = [...exact.values()].sort((a, b) => compare(a.model, b.model));
    const folded = new Map<string, PriceEntry>();
    for (const entry of sorted) {
      const key = entry.model.toLowerCase();
      if (!folded.has(key)) folded.set(key, entry);
    }
    this.exact = exact;
    this.folded = folded;
    this.sorted = sorted;
    this.dirty = false;
  }
}

/** Reads the bundled snapshot (`resources/prices.json`, written by scripts/build-prices.mjs). */
export function loadBundledPrices(filePath: string): Map<string, PriceData> {
  const json = JSON.parse(readFileSync(filePath, 'utf8')) as { models?: Record<string, PriceData> };
  // Our own build output, validated by its tests: skip the per-entry schema pass (it costs start-up time and
  // leaves tens of MB of garbage behind in a long-lived heap). Anything else goes through the full parser.
  if (json.models && typeof json.models === 'object') return new Map(Object.entries(json.models));
  return parseLiteLlmTable(json).models;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Index of the first entry whose model sorts strictly after `after`. */
function firstAfter(sorted: readonly PriceEntry[], after: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]!.model <= after) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function matches(entry: PriceEntry, needle: string): boolean {
  if (entry.model.toLowerCase().includes(needle)) return true;
  const provider = entry.data.litellm_provider;
  return typeof provider === 'string' && provider.toLowerCase().includes(needle);
}

/** The cursor after a page: its last entry in name order (the exact match leading page one is out of that order). */
function lastInOrder(items: readonly PriceEntry[], exact: PriceEntry | undefined): string {
  const last = items[items.length - 1]!;
  return last === exact && items.length > 1 ? items[items.length - 2]!.model : last.model;
}
