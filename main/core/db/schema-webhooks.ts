// The notification tables (drizzle): webhook targets and their delivery log (migration 0008).
import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { createdAt, updatedAt } from './schema-columns';

/** A notification target. URL and secret are AES-256-GCM ciphertexts (a webhook URL often carries its token). */
export const webhooks = sqliteTable('webhooks', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  kind: text('kind', { enum: ['json', 'slack', 'feishu', 'dingtalk', 'wecom', 'telegram'] }).notNull(),
  urlCiphertext: text('url_ciphertext').notNull(),
  /** Scheme and host with the rest masked, e.g. `https://hooks.slack.com/…`. */
  urlHint: text('url_hint').notNull(),
  secretCiphertext: text('secret_ciphertext'),
  /** Telegram: the chat the bot posts to. */
  chatId: text('chat_id'),
  /** kind "json": a JSON template with {{placeholders}}; null = `{ event, at, data }`. */
  template: text('template'),
  events: text('events', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
  enabled: integer('enabled', { mode: 'boolean' }).notNull().default(true),
  ratePerMinute: integer('rate_per_minute').notNull().default(20),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/** One notification to one target: its state, attempts and last error; pruned after its own retention. */
export const webhookDeliveries = sqliteTable(
  'webhook_deliveries',
  {
    id: text('id').primaryKey(),
    webhookId: text('webhook_id')
      .notNull()
      .references(() => webhooks.id, { onDelete: 'cascade' }),
    event: text('event').notNull(),
    status: text('status', { enum: ['pending', 'delivered', 'failed'] }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    responseStatus: integer('response_status'),
    lastError: text('last_error'),
    /** The notification `{ event, at, data }` as JSON (no secrets): pending ones resume after a restart. */
    payload: text('payload').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('webhook_deliveries_webhook_idx').on(t.webhookId, t.createdAt, t.id),
    index('webhook_deliveries_created_idx').on(t.createdAt),
  ],
);
