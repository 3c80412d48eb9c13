// What one table group contributes to the configuration export and import: its items, their identity, how they apply.
import { isDeepStrictEqual } from 'node:util';
import type { z } from 'zod';
import type { HubContext } from '../../context';

/** What the hub rebuilds in memory after an import changed a section (HubContext.notifyChanged). */
export type Reload = Parameters<HubContext['notifyChanged']>[0];

export interface SectionContext {
  ctx: HubContext;
  now: number;
  /** Seals a secret with the export's passphrase; absent when the export has none (secrets are left out then). */
  seal?: (plain: string) => string;
  /** Opens a sealed secret of the import; absent when no passphrase was given (sealed secrets are ignored then). */
  open?: (sealed: string) => string;
}

/** A reason the whole import is refused, naming the field (`keys[3].userId`). */
export interface Problem {
  field: string;
  message: string;
}

/**
 * One section of the document. A new table group adds a module exporting one of these and one line in `registry.ts`.
 * Items are matched by `id` across hubs; an item present in the import replaces the hub's item with that id (or is
 * created); items the import does not name are left alone.
 */
export interface ConfigSection<Item extends object = object> {
  /** Where it sits in the document: `providers`, or `rules.content` for a part of an object. */
  path: string;
  /** The value is one object (settings) instead of a list. */
  single?: boolean;
  /** One item as the import accepts it. */
  item: z.ZodType<Item>;
  id(item: Item): string;
  /** What the dry run shows for it. */
  label(item: Item): string;
  /** This hub's items, secrets sealed with `x.seal` or left out. */
  export(x: SectionContext): Item[];
  /** An incoming item with every default filled in, as `export` would write it (so an unchanged item compares equal). */
  normalize?(x: SectionContext, item: Item): Item;
  /** The fields an incoming item changes; default: the top-level fields whose values differ. */
  diff?(x: SectionContext, current: Item, incoming: Item): string[];
  /** Problems with the incoming items (references to objects neither the hub nor the import has, clashes). */
  check?(x: SectionContext, items: readonly Item[], incoming: IncomingDocument): Problem[];
  /** Writes one created or changed item, inside the import's transaction. */
  apply?(x: SectionContext, item: Item, current: Item | undefined): void;
  /** A note the dry run shows with a created or changed item (e.g. a provider imported without its API key). */
  note?(x: SectionContext, item: Item, current: Item | undefined): string | undefined;
  /** Items are shown but never applied, for this reason (a section this hub does not keep yet, a derived one). */
  skip?: string;
  reloads: readonly Reload[];
}

/** The validated incoming document: each section's items by path. */
export interface IncomingDocument {
  items(path: string): readonly object[];
}

/** The top-level fields of `incoming` whose values differ from `current`'s (absent and undefined are equal). */
export function changedFields(current: object, incoming: object, ignore: readonly string[] = []): string[] {
  const a = current as Record<string, unknown>;
  const b = incoming as Record<string, unknown>;
  const names = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...names].filter((n) => !ignore.includes(n) && !isDeepStrictEqual(plain(a[n]), plain(b[n]))).sort();
}

/** The value as JSON carries it: undefined members dropped, absent reads as null. */
function plain(value: unknown): unknown {
  return value === undefined ? null : (JSON.parse(JSON.stringify(value)) as unknown);
}

/** Declares a section with its item type checked against its members. */
export function defineSection<Item extends object>(section: ConfigSection<Item>): ConfigSection<Item> {
  return section;
}
