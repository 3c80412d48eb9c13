// Admin routes for notification targets: create, list, read, patch, delete, send a test, read the delivery log.
import { IdParams, PageQuery } from '../../../../shared/api-schemas';
import {
  Webhook,
  WebhookCreate,
  WebhookDeliveryList,
  WebhookDeliveryQuery,
  WebhookList,
  WebhookTestResult,
  WebhookUpdate,
} from '../../../../shared/webhook-schemas';
import type { Notifier } from '../../notify/notifier';
import { toIso } from '../../store/iso';
import type { DeliveryRecord, SqliteWebhooks, WebhookRecord } from '../../store/webhooks';
import { recordAudit } from '../audit';
import { notFound } from '../errors';
import { type AdminApi, defineRoute } from '../openapi';
import { pageOptions } from '../paging';

export function deliveryToApi(d: DeliveryRecord) {
  return {
    id: d.id,
    webhookId: d.webhookId,
    event: d.event,
    status: d.status,
    attempts: d.attempts,
    responseStatus: d.responseStatus,
    lastError: d.lastError,
    createdAt: toIso(d.createdAt),
    updatedAt: toIso(d.updatedAt),
  };
}

/** The API shape: the URL only as its hint, the secret only as whether there is one. */
export function webhookToApi(row: WebhookRecord, last: DeliveryRecord | undefined): Webhook {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    urlHint: row.urlHint,
    hasSecret: row.secretCiphertext !== null,
    chatId: row.chatId,
    template: row.template,
    events: row.events as Webhook['events'],
    enabled: row.enabled,
    ratePerMinute: row.ratePerMinute,
    lastDelivery: last ? { status: last.status, at: toIso(last.updatedAt), lastError: last.lastError } : null,
    createdAt: toIso(row.createdAt),
    updatedAt: toIso(row.updatedAt),
  };
}

const one = (store: SqliteWebhooks, row: WebhookRecord) =>
  webhookToApi(row, store.latestDeliveries([row.id]).get(row.id));

export function registerWebhookRoutes(api: AdminApi, notifier: Notifier): void {
  defineRoute(api, {
    method: 'post',
    path: '/webhooks',
    auth: 'admin',
    summary: 'Add a notification target',
    description:
      'URL and secret are stored encrypted like provider keys and never shown back (the answer has `urlHint` and ' +
      '`hasSecret`). Kind "json" POSTs { event, at, data } (or its template) signed with x-cchub-signature: ' +
      'sha256=<hex HMAC-SHA256(secret, raw body)>; Feishu and DingTalk are signed with their own schemes.',
    body: WebhookCreate,
    responses: { 201: Webhook },
    handler: (input) => {
      const { ctx, body } = input;
      const row = ctx.store.webhooks.create(body, ctx.clock.now());
      const created = webhookToApi(row, undefined);
      recordAudit(input, 'webhook.create', row.id, null, created);
      return created;
    },
  });

  defineRoute(api, {
    method: 'get',
    path: '/webhooks',
    auth: 'admin',
    summary: 'List notification targets',
    query: PageQuery,
    responses: { 200: WebhookList },
    handler: ({ ctx, query }) => {
      const page = ctx.store.webhooks.page(pageOptions(query));
      const last = ctx.store.webhooks.latestDeliveries(page.rows.map((r) => r.id));
      return { items: page.rows.map((r) => webhookToApi(r, last.get(r.id))), nextCursor: page.nextCursor };
    },
  });

  defineRoute(api, {
    method: 'get',
    path: '/webhooks/{id}',
    auth: 'admin',
    summary: 'Get a notification target',
    params: IdParams,
    responses: { 200: Webhook },
    handler: ({ ctx, params }) => {
      const row = ctx.store.webhooks.get(params.id);
      if (!row) throw notFound('webhook');
      return one(ctx.store.webhooks, row);
    },
  });

  defineRoute(api, {
    method: 'patch',
    path: '/webhooks/{id}',
    auth: 'admin',
    summary: 'Update a notification target',
    description: 'Fields given replace; `secret`, `chatId` and `template` null clear them. The URL is write-only.',
    params: IdParams,
    body: WebhookUpdate,
    responses: { 200: Webhook },
    handler: (input) => {
      const { ctx, params, body } = input;
      const before = ctx.store.webhooks.get(params.id);
      const row = ctx.store.webhooks.update(params.id, body, ctx.clock.now());
      if (!row || !before) throw notFound('webhook');
      const updated = one(ctx.store.webhooks, row);
      recordAudit(input, 'webhook.update', row.id, webhookToApi(before, undefined), {
        ...updated,
        ...(body.url === undefined ? {} : { urlChanged: true }),
        ...(body.secret === undefined ? {} : { secretChanged: true }),
      });
      return updated;
    },
  });

  defineRoute(api, {
    method: 'delete',
    path: '/webhooks/{id}',
    auth: 'admin',
    summary: 'Delete a notification target and its delivery log',
    params: IdParams,
    responses: { 204: null },
    handler: (input) => {
      const { ctx, params } = input;
      const before = ctx.store.webhooks.get(params.id);
      if (!before || !ctx.store.webhooks.delete(params.id)) throw notFound('webhook');
      recordAudit(input, 'webhook.delete', params.id, webhookToApi(before, undefined), null);
    },
  });

  defineRoute(api, {
    method: 'post',
    path: '/webhooks/{id}/test',
    auth: 'admin',
    summary: 'Send a test notification now',
    description:
      'One attempt, outside the queue and its rate limit, even when the target is disabled; the answer is the ' +
      'delivery it left in the log (status delivered or failed, the HTTP status, the error).',
    params: IdParams,
    responses: { 200: WebhookTestResult },
    handler: async (input) => {
      const { ctx, params } = input;
      const row = ctx.store.webhooks.get(params.id);
      if (!row) throw notFound('webhook');
      const delivery = deliveryToApi(await notifier.test(row));
      recordAudit(input, 'webhook.test', row.id, null, { status: delivery.status, lastError: delivery.lastError });
      return { delivery };
    },
  });

  defineRoute(api, {
    method: 'get',
    path: '/webhooks/{id}/deliveries',
    auth: 'admin',
    summary: "A target's delivery log, newest first",
    description: 'Each notification sent or being sent: status, attempts, the last HTTP status and error.',
    params: IdParams,
    query: WebhookDeliveryQuery,
    responses: { 200: WebhookDeliveryList },
    handler: ({ ctx, params, query }) => {
      if (!ctx.store.webhooks.get(params.id)) throw notFound('webhook');
      const page = ctx.store.webhooks.deliveries(params.id, pageOptions(query));
      return { items: page.rows.map(deliveryToApi), nextCursor: page.nextCursor };
    },
  });
}
