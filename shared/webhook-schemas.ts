// The notifications API contract: webhook targets, the events they take, and their delivery log.
import { z } from 'zod';
import { Id, IsoDateTime, listOf, PageQuery } from './api-schemas';
import { NOTIFY_EVENTS, WEBHOOK_KINDS } from './notify-events';

export { NOTIFY_EVENTS, WEBHOOK_KINDS } from './notify-events';

export const WebhookKind = z.enum(WEBHOOK_KINDS);
export type WebhookKind = z.infer<typeof WebhookKind>;
export const NotifyEvent = z.enum(NOTIFY_EVENTS);
export type NotifyEvent = z.infer<typeof NotifyEvent>;

const httpUrl = z
  .string()
  .max(2000)
  .refine((v) => {
    try {
      const u = new URL(v);
      return u.protocol === 'http:' || u.protocol === 'https:';
    } catch {
      return false;
    }
  }, 'expected an http(s) URL');

/** A JSON template: must parse as JSON once every `{{placeholder}}` is replaced by a string. */
const template = z
  .string()
  .max(20_000)
  .refine((v) => {
    try {
      JSON.parse(v.replace(/\{\{\s*[\w.]+\s*\}\}/g, '0'));
      return true;
    } catch {
      return false;
    }
  }, 'not JSON once its {{placeholders}} are filled')
  .meta({
    description:
      'kind "json" only: the body to send, with {{event}}, {{at}}, {{title}}, {{text}}, {{data}} (the data as ' +
      'JSON) and {{data.<field>}} filled in; placeholders inside quotes are JSON-escaped. Default: { event, at, data }',
  });

const webhookFields = {
  name: z.string().trim().min(1).max(200).optional().meta({ description: 'default: the kind and host' }),
  kind: WebhookKind,
  url: httpUrl.meta({
    description:
      'where to POST: the incoming-webhook URL (Slack, Feishu, DingTalk, WeCom), your endpoint (json), or the Bot ' +
      'API method URL https://api.telegram.org/bot<token>/sendMessage (telegram). Stored encrypted, never shown back',
  }),
  secret: z
    .string()
    .min(1)
    .max(500)
    .nullable()
    .optional()
    .meta({ description: 'json: HMAC key of x-cchub-signature; feishu, dingtalk: the signing secret. Write-only' }),
  chatId: z.string().min(1).max(100).nullable().optional().meta({ description: 'telegram: the chat id' }),
  template: template.nullable().optional(),
  events: z.array(NotifyEvent).min(1).max(NOTIFY_EVENTS.length),
  enabled: z.boolean().optional(),
  ratePerMinute: z
    .number()
    .int()
    .min(1)
    .max(600)
    .optional()
    .meta({ description: 'at most this many deliveries a minute to this target (default 20); more wait their turn' }),
};

export const WebhookCreate = z
  .strictObject(webhookFields)
  .superRefine((v, ctx) => {
    if (v.kind === 'telegram' && !v.chatId) ctx.addIssue({ code: 'custom', path: ['chatId'], message: 'required' });
    if (v.template && v.kind !== 'json')
      ctx.addIssue({ code: 'custom', path: ['template'], message: 'only kind "json" takes a template' });
  })
  .meta({ id: 'WebhookCreate' });
export type WebhookCreate = z.infer<typeof WebhookCreate>;

/** PATCH: an omitted field is kept; `secret`, `chatId` and `template` null clear it. */
export const WebhookUpdate = z
  .strictObject({ ...webhookFields, kind: WebhookKind.optional(), url: webhookFields.url.optional() })
  .partial()
  .meta({ id: 'WebhookUpdate' });
export type WebhookUpdate = z.infer<typeof WebhookUpdate>;

export const Webhook = z
  .object({
    id: Id,
    name: z.string(),
    kind: WebhookKind,
    urlHint: z.string().meta({ description: 'scheme and host; the rest of the URL is never shown' }),
    hasSecret: z.boolean(),
    chatId: z.string().nullable(),
    template: z.string().nullable(),
    events: z.array(NotifyEvent),
    enabled: z.boolean(),
    ratePerMinute: z.number().int(),
    lastDelivery: z
      .object({ status: z.enum(['pending', 'delivered', 'failed']), at: IsoDateTime, lastError: z.string().nullable() })
      .nullable(),
    createdAt: IsoDateTime,
    updatedAt: IsoDateTime,
  })
  .meta({ id: 'Webhook' });
export type Webhook = z.infer<typeof Webhook>;

export const WebhookList = listOf(Webhook, 'WebhookList');
export type WebhookList = z.infer<typeof WebhookList>;

export const WebhookDelivery = z
  .object({
    id: Id,
    webhookId: Id,
    event: z.string().meta({ description: 'one of the events, or "test"' }),
    status: z.enum(['pending', 'delivered', 'failed']),
    attempts: z.number().int(),
    responseStatus: z.number().int().nullable(),
    lastError: z.string().nullable(),
    createdAt: IsoDateTime,
    updatedAt: IsoDateTime,
  })
  .meta({ id: 'WebhookDelivery' });
export type WebhookDelivery = z.infer<typeof WebhookDelivery>;

export const WebhookDeliveryList = listOf(WebhookDelivery, 'WebhookDeliveryList');
export type WebhookDeliveryList = z.infer<typeof WebhookDeliveryList>;

export const WebhookDeliveryQuery = PageQuery;

/** POST /webhooks/{id}/test: the delivery queued (its outcome shows in the delivery log). */
export const WebhookTestResult = z.object({ delivery: WebhookDelivery }).meta({ id: 'WebhookTestResult' });
export type WebhookTestResult = z.infer<typeof WebhookTestResult>;
