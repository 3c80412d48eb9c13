// The error-rules repository: the operator's rules and the built-in rules an admin edited, one row each.
import { eq } from 'drizzle-orm';
import type { Db } from '../db/connection';
import { errorRules } from '../db/schema';
import type { ErrorRuleFields, ErrorRuleRecord } from '../error-rules/rule';
import { newId } from '../ids';
import type { ErrorRulesRepository } from './repositories';

export class SqliteErrorRules implements ErrorRulesRepository<'sync'> {
  constructor(private readonly db: Db) {}

  list(): ErrorRuleRecord[] {
    return this.db.select().from(errorRules).all();
  }

  get(id: string): ErrorRuleRecord | undefined {
    return this.db.select().from(errorRules).where(eq(errorRules.id, id)).get();
  }

  create(fields: ErrorRuleFields, now: number): ErrorRuleRecord {
    const row: ErrorRuleRecord = { ...fields, id: newId('err'), builtIn: false, createdAt: now, updatedAt: now };
    this.db.insert(errorRules).values(row).run();
    return row;
  }

  /** Writes a rule's whole definition: an operator rule's update, or a built-in's first or later edit. */
  put(row: ErrorRuleRecord): ErrorRuleRecord {
    this.db
      .insert(errorRules)
      .values(row)
      .onConflictDoUpdate({ target: errorRules.id, set: { ...row, id: undefined, createdAt: undefined } })
      .run();
    return row;
  }

  delete(id: string): boolean {
    return this.db.delete(errorRules).where(eq(errorRules.id, id)).run().changes > 0;
  }

  /** Drops every edit of a built-in rule: the defaults apply again. The number of rules restored. */
  restoreBuiltIns(): number {
    return this.db.delete(errorRules).where(eq(errorRules.builtIn, true)).run().changes;
  }
}
