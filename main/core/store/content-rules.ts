// The content rules repository (sensitive phrases): every rule for the relay's rule set, pages, create/patch/delete.
import { desc, eq } from 'drizzle-orm';
import type { ContentRuleCreate, ContentRuleUpdate } from '../../../shared/api-schemas';
import type { Db } from '../db/connection';
import { contentRules } from '../db/schema';
import { newId } from '../ids';
import { beforeCursor, toPage } from './paging';
import type { ContentRulesRepository, PageOptions } from './repositories';

export type ContentRuleRow = typeof contentRules.$inferSelect;

/** The content rules repository on SQLite. */
export class SqliteContentRules implements ContentRulesRepository<'sync'> {
  constructor(private readonly db: Db) {}

  /** Every rule, oldest first: the order the relay checks them in (the first that matches names the refusal). */
  list = (): ContentRuleRow[] =>
    this.db.select().from(contentRules).orderBy(contentRules.createdAt, contentRules.id).all();

  page = (opts: PageOptions) =>
    toPage(
      this.db
        .select()
        .from(contentRules)
        .where(opts.after ? beforeCursor(contentRules.createdAt, contentRules.id, opts.after) : undefined)
        .orderBy(desc(contentRules.createdAt), desc(contentRules.id))
        .limit(opts.limit + 1)
        .all(),
      opts.limit,
    );

  get = (id: string): ContentRuleRow | undefined =>
    this.db.select().from(contentRules).where(eq(contentRules.id, id)).get();

  create = (input: ContentRuleCreate, now: number): ContentRuleRow => {
    const row: ContentRuleRow = {
      id: newId('cr'),
      match: input.match,
      pattern: input.pattern,
      enabled: input.enabled ?? true,
      note: input.note ?? '',
      createdAt: now,
      updatedAt: now,
    };
    this.db.insert(contentRules).values(row).run();
    return row;
  };

  update = (id: string, patch: ContentRuleUpdate, now: number): ContentRuleRow | undefined =>
    this.db.transaction((tx) => {
      const current = tx.select().from(contentRules).where(eq(contentRules.id, id)).get();
      if (!current) return undefined;
      const next: ContentRuleRow = {
        ...current,
        match: patch.match ?? current.match,
        pattern: patch.pattern ?? current.pattern,
        enabled: patch.enabled ?? current.enabled,
        note: patch.note ?? current.note,
        updatedAt: now,
      };
      const { id: _id, createdAt: _createdAt, ...changes } = next;
      tx.update(contentRules).set(changes).where(eq(contentRules.id, id)).run();
      return next;
    });

  delete = (id: string): boolean => this.db.delete(contentRules).where(eq(contentRules.id, id)).run().changes > 0;
}
