// Notifications: the webhook targets (add, edit, test, enable, delete, their delivery log) and when events fire.
import {
  Badge,
  Button,
  Caption1,
  Card,
  CardHeader,
  Menu,
  MenuItem,
  MenuList,
  MenuPopover,
  MenuTrigger,
  makeStyles,
  Text,
  tokens,
} from '@fluentui/react-components';
import {
  AddRegular,
  DeleteRegular,
  EditRegular,
  HistoryRegular,
  MoreHorizontalRegular,
  PauseRegular,
  PlayRegular,
  SendRegular,
} from '@fluentui/react-icons';
import { useState } from 'react';
import type { Webhook } from '../../../../shared/webhook-schemas';
import { endpoints } from '../../api/endpoints';
import { useApi } from '../../api/useApi';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorMessage, errorText } from '../../components/ErrorMessage';
import { PageHeader } from '../../components/PageHeader';
import { Empty, Loading } from '../../components/States';
import { useFormat } from '../../format/useFormat';
import { useNotify } from '../../frame/toast';
import type { MessageKey } from '../../i18n/catalogue';
import { useT } from '../../i18n/I18nProvider';
import { DeliveriesDialog, statusColor } from './DeliveriesDialog';
import { NotifySettingsCard } from './NotifySettingsCard';
import { eventLabel, kindLabel, WebhookForm } from './WebhookForm';

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  header: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  muted: { color: tokens.colorNeutralForeground3 },
  actions: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalXXS },
  events: { display: 'flex', gap: tokens.spacingHorizontalXS, flexWrap: 'wrap' },
});

type Open =
  | { kind: 'form'; webhook?: Webhook }
  | { kind: 'log'; webhook: Webhook }
  | { kind: 'delete'; webhook: Webhook };

export default function NotificationsPage() {
  const t = useT();
  const f = useFormat();
  const styles = useStyles();
  const notify = useNotify();
  const hooks = useApi('webhooks', (s) => endpoints.webhooks(s));
  const settings = useApi('settings', (s) => endpoints.settings(s));
  const [open, setOpen] = useState<Open | null>(null);
  const [testing, setTesting] = useState<string | null>(null);
  const close = () => setOpen(null);

  const test = (w: Webhook) => {
    setTesting(w.id);
    endpoints.testWebhook(w.id).then(
      ({ delivery }) => {
        setTesting(null);
        if (delivery.status === 'delivered') notify(t('notify.testDelivered', { name: w.name }));
        else notify(t('notify.testFailed', { name: w.name, error: delivery.lastError ?? '' }), 'error');
        hooks.reload();
      },
      (err: unknown) => {
        setTesting(null);
        notify(errorText(err), 'error');
      },
    );
  };
  const toggle = (w: Webhook) =>
    endpoints
      .updateWebhook(w.id, { enabled: !w.enabled })
      .then(hooks.reload, (err: unknown) => notify(errorText(err), 'error'));

  return (
    <div className={styles.stack}>
      <PageHeader
        title={t('nav.notifications')}
        description={t('notify.description')}
        actions={
          <Button
            appearance="primary"
            icon={<AddRegular />}
            onClick={() => setOpen({ kind: 'form' })}
            data-testid="webhook-add"
          >
            {t('notify.add')}
          </Button>
        }
      />
      <ErrorMessage error={hooks.error} onRetry={hooks.reload} />
      {hooks.data && hooks.data.items.length === 0 ? <Empty>{t('notify.empty')}</Empty> : null}
      {!hooks.data && hooks.loading ? <Loading /> : null}
      {hooks.data?.items.map((w) => (
        <Card key={w.id} data-testid="webhook-card" data-name={w.name}>
          <CardHeader
            header={
              <div className={styles.header}>
                <Text weight="semibold">{w.name}</Text>
                <Badge appearance="outline">{t(kindLabel(w.kind))}</Badge>
                <Caption1 className={styles.muted}>{w.urlHint}</Caption1>
                {w.enabled ? null : (
                  <Badge appearance="tint" color="subtle">
                    {t('common.disabled')}
                  </Badge>
                )}
              </div>
            }
            description={
              <div className={styles.stack}>
                <div className={styles.events}>
                  {w.events.map((e) => (
                    <Badge key={e} appearance="tint" color="informative">
                      {t(eventLabel(e))}
                    </Badge>
                  ))}
                </div>
                {w.lastDelivery ? (
                  <Caption1 data-testid="webhook-last" data-status={w.lastDelivery.status}>
                    <Badge appearance="tint" color={statusColor(w.lastDelivery.status)}>
                      {t(`notify.status.${w.lastDelivery.status}` as MessageKey)}
                    </Badge>{' '}
                    {f.dateTime(w.lastDelivery.at)} {w.lastDelivery.lastError ?? ''}
                  </Caption1>
                ) : null}
              </div>
            }
            action={
              <div className={styles.actions}>
                <Button
                  size="small"
                  icon={<SendRegular />}
                  disabled={testing === w.id}
                  onClick={() => test(w)}
                  data-testid="webhook-test"
                >
                  {t('notify.test')}
                </Button>
                <Button
                  size="small"
                  icon={<HistoryRegular />}
                  onClick={() => setOpen({ kind: 'log', webhook: w })}
                  data-testid="webhook-log"
                >
                  {t('notify.deliveries')}
                </Button>
                <Menu>
                  <MenuTrigger disableButtonEnhancement>
                    <Button
                      size="small"
                      appearance="subtle"
                      icon={<MoreHorizontalRegular />}
                      aria-label={t('common.more')}
                    />
                  </MenuTrigger>
                  <MenuPopover>
                    <MenuList>
                      <MenuItem icon={<EditRegular />} onClick={() => setOpen({ kind: 'form', webhook: w })}>
                        {t('common.edit')}
                      </MenuItem>
                      <MenuItem icon={w.enabled ? <PauseRegular /> : <PlayRegular />} onClick={() => toggle(w)}>
                        {w.enabled ? t('common.disable') : t('common.enable')}
                      </MenuItem>
                      <MenuItem icon={<DeleteRegular />} onClick={() => setOpen({ kind: 'delete', webhook: w })}>
                        {t('common.delete')}
                      </MenuItem>
                    </MenuList>
                  </MenuPopover>
                </Menu>
              </div>
            }
          />
        </Card>
      ))}
      {settings.data ? <NotifySettingsCard initial={settings.data} onSaved={settings.reload} /> : null}
      {open?.kind === 'form' ? (
        <WebhookForm
          webhook={open.webhook}
          onClose={close}
          onSaved={(saved) => {
            close();
            notify(t('notify.saved', { name: saved.name }));
            hooks.reload();
          }}
        />
      ) : null}
      {open?.kind === 'log' ? <DeliveriesDialog webhook={open.webhook} onClose={close} /> : null}
      {open?.kind === 'delete' ? (
        <ConfirmDialog
          title={t('notify.deleteTitle', { name: open.webhook.name })}
          confirmLabel={t('common.delete')}
          onConfirm={() => endpoints.deleteWebhook(open.webhook.id).then(hooks.reload)}
          onClose={close}
        >
          {t('notify.deleteBody')}
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
