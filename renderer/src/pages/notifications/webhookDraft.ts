// A webhook target as form state and back into the API's create/update bodies (URL and secret are write-only).
import type {
  NotifyEvent,
  Webhook,
  WebhookCreate,
  WebhookKind,
  WebhookUpdate,
} from '../../../../shared/webhook-schemas';
import { DraftError, requiredNumber } from '../../components/form/fieldErrors';

export interface WebhookDraft {
  name: string;
  kind: WebhookKind;
  url: string;
  secret: string;
  removeSecret: boolean;
  chatId: string;
  template: string;
  events: NotifyEvent[];
  enabled: boolean;
  ratePerMinute: string;
}

export function webhookToDraft(w?: Webhook): WebhookDraft {
  return {
    name: w?.name ?? '',
    kind: w?.kind ?? 'json',
    url: '',
    secret: '',
    removeSecret: false,
    chatId: w?.chatId ?? '',
    template: w?.template ?? '',
    events: [...(w?.events ?? ['breaker.opened', 'breaker.closed', 'provider.none'])],
    enabled: w?.enabled ?? true,
    ratePerMinute: String(w?.ratePerMinute ?? 20),
  };
}

/** The kinds that sign with a secret. */
export const SIGNED_KINDS: readonly WebhookKind[] = ['json', 'feishu', 'dingtalk'];

export function draftToWebhook(d: WebhookDraft, existing: Webhook | undefined): WebhookCreate | WebhookUpdate {
  if (!existing && d.url.trim() === '') throw new DraftError('url', 'form.required');
  if (d.events.length === 0) throw new DraftError('events', 'form.required');
  const body: WebhookUpdate = {
    kind: d.kind,
    events: d.events,
    enabled: d.enabled,
    ratePerMinute: requiredNumber(d.ratePerMinute, 'ratePerMinute', { integer: true }),
    chatId: d.kind === 'telegram' ? d.chatId.trim() || null : null,
    template: d.kind === 'json' && d.template.trim() !== '' ? d.template : null,
  };
  if (d.name.trim() !== '') body.name = d.name.trim();
  if (d.url.trim() !== '') body.url = d.url.trim();
  if (d.removeSecret) body.secret = null;
  else if (d.secret !== '' && SIGNED_KINDS.includes(d.kind)) body.secret = d.secret;
  if (!existing) {
    const { chatId, template, ...rest } = body;
    return {
      ...(rest as WebhookCreate),
      ...(chatId ? { chatId } : {}),
      ...(template ? { template } : {}),
    };
  }
  return body;
}
