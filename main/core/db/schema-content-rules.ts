// The content rules table (drizzle): sensitive phrases checked before any upstream call (migration 0007).
import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { createdAt, updatedAt } from './schema-columns';

/** Sensitive phrases: a request whose system prompt or user text matches an enabled rule is refused before any upstream. */
export const contentRules = sqliteTable('content_rules', {
  id: text('id').primaryKey(),
  match: text('match', { enum: ['contains', 'exact', 'regex'] }).notNull(),
  pattern: text('pattern').notNull(),
  enabled: integer('enabled', { mode: 'boolean' }).notNull().default(true),
  note: text('note').notNull().default(''),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});
