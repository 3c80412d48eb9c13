// The webhooks repository: notification targets (URL and secret stored only as ciphertexts) and their delivery log.
import { and, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { WebhookCreate, WebhookUpdate } from '../../../shared/webhook-schemas';
import type { Db } from '../db/connection';
import { webhookDeliveries, webhooks } from '../db/schema';
import { newId } from '../ids';
import { beforeCursor, type Cursor, type Page, toPage } from './paging';
import type { PageOptions } from './records';

export type WebhookRecord = typeof webhooks.$inferSelect;
export type DeliveryRecord = typeof webhookDeliveries.$inferSelect;
export type DeliveryStatus = DeliveryRecord['status'];

/** Scheme and host only: the path and query of a webhook URL usually hold its token. */
export function urlHint(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}/…`;
  } catch {
    return '…';
  }
}

function defaultName(kind: string, url: string): string {
  try {
    return `${kind} · ${new URL(url).hostname}`;
  } catch {
    return kind;
  }
}

type Encrypt = (plain: string) => string;

export class SqliteWebhooks {
  constructor(
    private readonly db: Db,
    private readonly encrypt: Encrypt,
  ) {}

  list(): WebhookRecord[] {
    return this.db.select().from(webhooks).orderBy(desc(webhooks.createdAt), desc(webhooks.id)).all();
  }

  page(opts: PageOptions): Page<WebhookRecord> {
    const rows = this.db
      .select()
      .from(webhooks)
      .where(opts.after ? beforeCursor(webhooks.createdAt, webhooks.id, opts.after) : undefined)
      .orderBy(desc(webhooks.createdAt), desc(webhooks.id))
      .limit(opts.limit + 1)
      .all();
    return toPage(rows, opts.limit);
  }

  get(id: string): WebhookRecord | undefined {
    return this.db.select().from(webhooks).where(eq(webhooks.id, id)).get();
  }

  create(input: WebhookCreate, now: number): WebhookRecord {
    const row: WebhookRecord = {
      id: newId('whk'),
      name: input.name ?? defaultName(input.kind, input.url),
      kind: input.kind,
      urlCiphertext: this.encrypt(input.url),
      urlHint: urlHint(input.url),
      secretCiphertext: input.secret ? this.encrypt(input.secret) : null,
      chatId: input.chatId ?? null,
      template: input.template ?? null,
      events: [...new Set(input.events)],
      enabled: input.enabled ?? true,
      ratePerMinute: input.ratePerMinute ?? 20,
      createdAt: now,
      updatedAt: now,
    };
    this.db.insert(webhooks).values(row).run();
    return row;
  }

  update(id: string, patch: WebhookUpdate, now: number): WebhookRecord | undefined {
    return this.db.transaction((tx) => {
      const current = tx.select().from(webhooks).where(eq(webhooks.id, id)).get();
      if (!current) return undefined;
      const next: WebhookRecord = {
        ...current,
        name: patch.name ?? current.name,
        kind: patch.kind ?? current.kind,
        urlCiphertext: patch.url === undefined ? current.urlCiphertext : this.encrypt(patch.url),
        urlHint: patch.url === undefined ? current.urlHint : urlHint(patch.url),
        secretCiphertext:
          patch.secret === undefined
            ? current.secretCiphertext
            : patch.secret === null
              ? null
              : this.encrypt(patch.secret),
        chatId: patch.chatId === undefined ? current.chatId : patch.chatId,
        template: patch.template === undefined ? current.template : patch.template,
        events: patch.events === undefined ? current.events : [...new Set(patch.events)],
        enabled: patch.enabled ?? current.enabled,
        ratePerMinute: patch.ratePerMinute ?? current.ratePerMinute,
        updatedAt: now,
      };
      const { id: _id, createdAt: _createdAt, ...changes } = next;
      tx.update(webhooks).set(changes).where(eq(webhooks.id, id)).run();
      return next;
    });
  }

  delete(id: string): boolean {
    return this.db.delete(webhooks).where(eq(webhooks.id, id)).run().changes > 0;
  }

  // --- the delivery log ---

  insertDelivery(row: DeliveryRecord): void {
    this.db.insert(webhookDeliveries).values(row).run();
  }

  newDeliveryId(): string {
    return newId('dlv');
  }

  updateDelivery(
    id: string,
    change: Pick<DeliveryRecord, 'status' | 'attempts' | 'responseStatus' | 'lastError' | 'updatedAt'>,
  ): void {
    this.db.update(webhookDeliveries).set(change).where(eq(webhookDeliveries.id, id)).run();
  }

  getDelivery(id: string): DeliveryRecord | undefined {
    return this.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, id)).get();
  }

  /** One target's deliveries, newest first by (createdAt, id). */
  deliveries(webhookId: string, opts: { limit: number; after?: Cursor }): Page<DeliveryRecord> {
    const rows = this.db
      .select()
      .from(webhookDeliveries)
      .where(
        and(
          eq(webhookDeliveries.webhookId, webhookId),
          opts.after ? beforeCursor(webhookDeliveries.createdAt, webhookDeliveries.id, opts.after) : undefined,
        ),
      )
      .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
      .limit(opts.limit + 1)
      .all();
    return toPage(rows, opts.limit);
  }

  /** The newest delivery of each of these targets. */
  latestDeliveries(webhookIds: readonly string[]): Map<string, DeliveryRecord> {
    const out = new Map<string, DeliveryRecord>();
    if (webhookIds.length === 0) return out;
    const rows = this.db
      .select()
      .from(webhookDeliveries)
      .where(
        and(
          inArray(webhookDeliveries.webhookId, [...webhookIds]),
          sql`${webhookDeliveries.id} = (SELECT d.id FROM webhook_deliveries d WHERE d.webhook_id = ${webhookDeliveries.webhookId} ORDER BY d.created_at DESC, d.id DESC LIMIT 1)`,
        ),
      )
      .all();
    for (const r of rows) out.set(r.webhookId, r);
    return out;
  }

  /** Deliveries still waiting (a restart resumes them), oldest first. */
  pendingDeliveries(): DeliveryRecord[] {
    return this.db
      .select()
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.status, 'pending'))
      .orderBy(webhookDeliveries.createdAt, webhookDeliveries.id)
      .all();
  }

  /** Deletes finished deliveries created before `cutoff`; the number deleted. */
  deleteDeliveriesBefore(cutoff: number): number {
    return this.db
      .delete(webhookDeliveries)
      .where(and(lt(webhookDeliveries.createdAt, cutoff), sql`${webhookDeliveries.status} <> 'pending'`))
      .run().changes;
  }
}
