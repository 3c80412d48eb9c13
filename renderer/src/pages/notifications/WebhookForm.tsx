// Add or edit a notification target: kind, URL (write-only), signing secret, chat id, template, events, rate.
import { Checkbox, Field, Input, Select, Switch, Textarea } from '@fluentui/react-components';
import { NOTIFY_EVENTS, type NotifyEvent, WEBHOOK_KINDS, type WebhookKind } from '../../../../shared/notify-events';
import type { Webhook, WebhookCreate } from '../../../../shared/webhook-schemas';
import { endpoints } from '../../api/endpoints';
import { FormDrawer } from '../../components/FormDrawer';
import { FormErrorBar } from '../../components/form/FormErrorBar';
import { FormSection, Wide } from '../../components/form/FormSection';
import { useDraftForm } from '../../components/form/useDraftForm';
import type { MessageKey } from '../../i18n/catalogue';
import { draftToWebhook, SIGNED_KINDS, type WebhookDraft, webhookToDraft } from './webhookDraft';

export const kindLabel = (kind: WebhookKind): MessageKey => `notify.kind.${kind}` as MessageKey;
export const eventLabel = (event: string): MessageKey => `notify.event.${event}` as MessageKey;

export function WebhookForm({
  webhook,
  onClose,
  onSaved,
}: {
  /** undefined: add a new target */
  webhook: Webhook | undefined;
  onClose(): void;
  onSaved(w: Webhook): void;
}) {
  const { t, draft, error, setError, busy, setBusy, set, fe } = useDraftForm<WebhookDraft>(() =>
    webhookToDraft(webhook),
  );

  const save = () => {
    setError(undefined);
    let body: ReturnType<typeof draftToWebhook>;
    try {
      body = draftToWebhook(draft, webhook);
    } catch (err) {
      setError(err);
      return;
    }
    setBusy(true);
    const fail = (err: unknown) => {
      setBusy(false);
      setError(err);
    };
    if (webhook) endpoints.updateWebhook(webhook.id, body).then(onSaved, fail);
    else endpoints.createWebhook(body as WebhookCreate).then(onSaved, fail);
  };

  const toggleEvent = (event: NotifyEvent, on: boolean) =>
    set('events', on ? [...draft.events, event] : draft.events.filter((e) => e !== event));

  return (
    <FormDrawer
      open
      title={webhook ? t('notify.editTitle', { name: webhook.name }) : t('notify.addTitle')}
      busy={busy}
      onClose={onClose}
      onSubmit={save}
      testId="webhook-form"
    >
      <FormErrorBar error={error} />
      <FormSection title={t('notify.kind')}>
        <Field label={t('notify.kind')} validationMessage={fe('kind')}>
          <Select name="kind" value={draft.kind} onChange={(_e, d) => set('kind', d.value as WebhookKind)}>
            {WEBHOOK_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(kindLabel(k))}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t('common.name')} validationMessage={fe('name')}>
          <Input name="name" value={draft.name} onChange={(_e, d) => set('name', d.value)} />
        </Field>
        <Wide>
          <Field
            label={t('notify.url')}
            required={!webhook}
            hint={webhook ? t('notify.urlKeep', { hint: webhook.urlHint }) : t('notify.urlHint')}
            validationMessage={fe('url')}
          >
            <Input
              name="url"
              type="url"
              value={draft.url}
              placeholder={draft.kind === 'telegram' ? t('notify.urlTelegram') : 'https://'}
              onChange={(_e, d) => set('url', d.value)}
            />
          </Field>
        </Wide>
        {SIGNED_KINDS.includes(draft.kind) ? (
          <Wide>
            <Field
              label={t('notify.secret')}
              hint={webhook?.hasSecret ? t('notify.secretKeep') : t('notify.secretHint')}
              validationMessage={fe('secret')}
            >
              <Input
                name="secret"
                type="password"
                autoComplete="new-password"
                value={draft.secret}
                disabled={draft.removeSecret}
                onChange={(_e, d) => set('secret', d.value)}
              />
            </Field>
            {webhook?.hasSecret ? (
              <Checkbox
                label={t('notify.removeSecret')}
                checked={draft.removeSecret}
                onChange={(_e, d) => set('removeSecret', d.checked === true)}
              />
            ) : null}
          </Wide>
        ) : null}
        {draft.kind === 'telegram' ? (
          <Field label={t('notify.chatId')} required validationMessage={fe('chatId')}>
            <Input name="chatId" value={draft.chatId} onChange={(_e, d) => set('chatId', d.value)} />
          </Field>
        ) : null}
        {draft.kind === 'json' ? (
          <Wide>
            <Field label={t('notify.template')} hint={t('notify.templateHint')} validationMessage={fe('template')}>
              <Textarea
                name="template"
                resize="vertical"
                value={draft.template}
                placeholder='{"text": "{{title}}: {{text}}"}'
                onChange={(_e, d) => set('template', d.value)}
              />
            </Field>
          </Wide>
        ) : null}
      </FormSection>
      <FormSection title={t('notify.events')}>
        <Wide>
          <Field validationMessage={fe('events')}>
            {NOTIFY_EVENTS.map((event) => (
              <Checkbox
                key={event}
                label={t(eventLabel(event))}
                checked={draft.events.includes(event)}
                onChange={(_e, d) => toggleEvent(event, d.checked === true)}
                data-testid={`event-${event}`}
              />
            ))}
          </Field>
        </Wide>
        <Field label={t('notify.rate')} validationMessage={fe('ratePerMinute')}>
          <Input
            type="number"
            min={1}
            name="ratePerMinute"
            value={draft.ratePerMinute}
            onChange={(_e, d) => set('ratePerMinute', d.value)}
          />
        </Field>
        <Field label={t('common.enabled')}>
          <Switch checked={draft.enabled} onChange={(_e, d) => set('enabled', d.checked)} />
        </Field>
      </FormSection>
    </FormDrawer>
  );
}
