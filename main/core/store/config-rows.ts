// Whole-row writes for a configuration import: providers, users, keys, content rules and webhooks put by id, all in
// one transaction.
import type Database from 'better-sqlite3';
import type { Db } from '../db/connection';
import { contentRules, keys, providers, users, webhooks } from '../db/schema';
import type { ContentRuleRecord } from './records';
import type { ConfigRowsRepository, KeyRecord, ProviderRecord, UserRecord } from './repositories';
import type { WebhookRecord } from './webhooks';

/** Every column but the id and creation time: what a put replaces on an existing row. */
function replaced<T extends { id: string; createdAt: number }>(row: T): Omit<T, 'id' | 'createdAt'> {
  const { id: _id, createdAt: _createdAt, ...rest } = row;
  return rest;
}

/**
 * A put inserts the row, or replaces every configured column of the row with its id (its creation time stays): an
 * imported object is the exporting hub's object, not a patch. The caller runs the puts inside `atomically`, so an
 * import applies whole or not at all.
 */
export class SqliteConfigRows implements ConfigRowsRepository<'sync'> {
  constructor(
    private readonly db: Db,
    private readonly sqlite: Database.Database,
  ) {}

  /** Runs `fn` in one transaction (a savepoint inside one already open); a throw rolls every write back. */
  atomically<T>(fn: () => T): T {
    return this.sqlite.transaction(fn)();
  }

  /** `keepSecret`: an existing row keeps its stored secret (the import carried none). */
  putProvider(row: ProviderRecord, keepSecret: boolean): void {
    const { secretCiphertext, secretHint, ...rest } = replaced(row);
    const set = keepSecret ? rest : { ...rest, secretCiphertext, secretHint };
    this.db.insert(providers).values(row).onConflictDoUpdate({ target: providers.id, set }).run();
  }

  putUser(row: UserRecord): void {
    this.db
      .insert(users)
      .values(row)
      .onConflictDoUpdate({ target: users.id, set: replaced(row) })
      .run();
  }

  /** The key's last use is the hub's own record, kept as it is. */
  putKey(row: KeyRecord): void {
    const { lastUsedAt: _lastUsedAt, ...set } = replaced(row);
    this.db.insert(keys).values(row).onConflictDoUpdate({ target: keys.id, set }).run();
  }

  putContentRule(row: ContentRuleRecord): void {
    this.db
      .insert(contentRules)
      .values(row)
      .onConflictDoUpdate({ target: contentRules.id, set: replaced(row) })
      .run();
  }

  /** URL and secret arrive as this hub's ciphertexts (the section opened and re-encrypted them). */
  putWebhook(row: WebhookRecord): void {
    this.db
      .insert(webhooks)
      .values(row)
      .onConflictDoUpdate({ target: webhooks.id, set: replaced(row) })
      .run();
  }
}
