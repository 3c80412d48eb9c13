// The configuration document: its schema composed from the sections, writing an export, reading an import.
import { z } from 'zod';
import { CONFIG_VERSION, SealedSecrets } from '../../../shared/config-document';
import type { ConfigSection, IncomingDocument, SectionContext } from './sections/section';

/** `rules.content` → ['rules', 'content'] */
const partsOf = (path: string): string[] => path.split('.');

type Tree = { [name: string]: z.ZodType | Tree };

/** The document's schema: version, secrets header, and each section at its path (strict at every level). */
export function documentSchema(sections: readonly ConfigSection[]): z.ZodObject {
  const tree: Tree = {};
  for (const s of sections) {
    const parts = partsOf(s.path);
    let node = tree;
    for (const part of parts.slice(0, -1)) {
      node[part] ??= {};
      node = node[part] as Tree;
    }
    node[parts.at(-1) as string] = (s.single ? s.item : z.array(s.item)).optional();
  }
  const build = (node: Tree): z.ZodObject =>
    z.strictObject(
      Object.fromEntries(
        Object.entries(node).map(([k, v]) => [k, v instanceof z.ZodType ? v : build(v).optional()] as const),
      ),
    );
  return z.strictObject({
    version: z
      .number()
      .int()
      .min(1)
      .max(CONFIG_VERSION, `this hub reads configuration exports up to version ${CONFIG_VERSION}`),
    exportedAt: z.string().max(40).optional(),
    secrets: SealedSecrets.nullable().optional(),
    ...build(tree).shape,
  });
}

function readPath(doc: Record<string, unknown>, path: string): unknown {
  let value: unknown = doc;
  for (const part of partsOf(path)) value = (value as Record<string, unknown> | undefined)?.[part];
  return value;
}

/** The validated import, each section's items by path (a single object reads as one item; absent as none). */
export function incomingDocument(doc: Record<string, unknown>, sections: readonly ConfigSection[]): IncomingDocument {
  const bySection = new Map<string, readonly object[]>();
  for (const s of sections) {
    const value = readPath(doc, s.path);
    bySection.set(s.path, value === undefined ? [] : s.single ? [value as object] : (value as object[]));
  }
  return { items: (path) => bySection.get(path) ?? [] };
}

/** This hub's configuration as one document: every section at its path, empty ones included. */
export function writeDocument(
  x: SectionContext,
  sections: readonly ConfigSection[],
  secrets: SealedSecrets | null,
): Record<string, unknown> {
  const doc: Record<string, unknown> = {
    version: CONFIG_VERSION,
    exportedAt: new Date(x.now).toISOString(),
    secrets,
  };
  for (const s of sections) {
    const parts = partsOf(s.path);
    let node = doc;
    for (const part of parts.slice(0, -1)) {
      node[part] ??= {};
      node = node[part] as Record<string, unknown>;
    }
    const items = s.export(x);
    node[parts.at(-1) as string] = s.single ? (items[0] ?? {}) : items;
  }
  return doc;
}
