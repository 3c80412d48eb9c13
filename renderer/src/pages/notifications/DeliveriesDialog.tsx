// A target's delivery log: each notification's event, status, attempts, last HTTP status and error.
import {
  Badge,
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@fluentui/react-components';
import type { Webhook } from '../../../../shared/webhook-schemas';
import { endpoints } from '../../api/endpoints';
import { usePagedList } from '../../api/usePagedList';
import { ErrorMessage } from '../../components/ErrorMessage';
import { LoadMore } from '../../components/LoadMore';
import { Empty } from '../../components/States';
import { useFormat } from '../../format/useFormat';
import type { MessageKey } from '../../i18n/catalogue';
import { useT } from '../../i18n/I18nProvider';
import { eventLabel } from './WebhookForm';

const useStyles = makeStyles({ surface: { maxWidth: '900px' } });

export const statusColor = (status: string) =>
  status === 'delivered' ? 'success' : status === 'failed' ? 'danger' : 'warning';

export function DeliveriesDialog({ webhook, onClose }: { webhook: Webhook; onClose(): void }) {
  const t = useT();
  const f = useFormat();
  const styles = useStyles();
  const list = usePagedList(`deliveries:${webhook.id}`, (cursor, signal) =>
    endpoints.webhookDeliveries(webhook.id, { limit: 50, cursor }, signal),
  );
  return (
    <Dialog open onOpenChange={(_e, d) => (d.open ? null : onClose())}>
      <DialogSurface className={styles.surface}>
        <DialogBody>
          <DialogTitle>{t('notify.deliveriesTitle', { name: webhook.name })}</DialogTitle>
          <DialogContent>
            <ErrorMessage error={list.error} onRetry={list.reload} />
            {!list.loading && list.items.length === 0 ? <Empty>{t('notify.noDeliveries')}</Empty> : null}
            {list.items.length > 0 ? (
              <Table size="small" data-testid="delivery-table">
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell>{t('notify.time')}</TableHeaderCell>
                    <TableHeaderCell>{t('notify.events')}</TableHeaderCell>
                    <TableHeaderCell>{t('common.status')}</TableHeaderCell>
                    <TableHeaderCell>HTTP</TableHeaderCell>
                    <TableHeaderCell>{t('notify.error')}</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {list.items.map((d) => (
                    <TableRow key={d.id} data-testid="delivery-row" data-status={d.status}>
                      <TableCell>{f.dateTime(d.createdAt)}</TableCell>
                      <TableCell>{t(eventLabel(d.event))}</TableCell>
                      <TableCell>
                        <Badge appearance="tint" color={statusColor(d.status)}>
                          {t(`notify.status.${d.status}` as MessageKey)}
                        </Badge>{' '}
                        {t('notify.attempts', { count: d.attempts })}
                      </TableCell>
                      <TableCell>{d.responseStatus ?? '—'}</TableCell>
                      <TableCell>{d.lastError ?? ''}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            ) : null}
            <LoadMore hasMore={list.hasMore} loading={list.loading} onLoad={list.loadMore} />
          </DialogContent>
          <DialogActions>
            <Button onClick={onClose}>{t('common.close')}</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
