// Providers: the list with breaker state, live sessions, inline priority/weight, enable switch, test, edit, delete.
import {
  Badge,
  Button,
  Caption1,
  Card,
  Menu,
  MenuItem,
  MenuList,
  MenuPopover,
  MenuTrigger,
  makeStyles,
  mergeClasses,
  Switch,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
} from '@fluentui/react-components';
import { AddRegular, DeleteRegular, EditRegular, MoreHorizontalRegular, PlayRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import type { Provider } from '../../../../shared/api-schemas';
import { endpoints } from '../../api/endpoints';
import { useApi } from '../../api/useApi';
import { BreakerBadge } from '../../components/BreakerBadge';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorMessage } from '../../components/ErrorMessage';
import { InlineNumber } from '../../components/form/InlineNumber';
import { HealthBadge } from '../../components/HealthBadge';
import { PageHeader } from '../../components/PageHeader';
import { Empty, Loading } from '../../components/States';
import { PHONE, useStackedTable } from '../../components/stackedTable';
import { useFormat } from '../../format/useFormat';
import { useNotify, useNotifyUndo } from '../../frame/toast';
import { useT } from '../../i18n/I18nProvider';
import { BreakerDialog } from './BreakerDialog';
import { ProviderForm } from './ProviderForm';
import { ProviderTestDialog } from './ProviderTestDialog';

const useStyles = makeStyles({
  name: { display: 'flex', flexDirection: 'column', minWidth: 0 },
  url: {
    color: tokens.colorNeutralForeground3,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
    maxWidth: '360px',
    [PHONE]: { maxWidth: '280px' },
  },
  tags: { display: 'flex', gap: tokens.spacingHorizontalXXS, flexWrap: 'wrap' },
  breaker: { display: 'flex', gap: tokens.spacingHorizontalXS, alignItems: 'center' },
  actions: { display: 'flex', gap: tokens.spacingHorizontalXXS },
  table: { minWidth: '1080px', tableLayout: 'auto' },
  nameCol: { width: '30%' },
});

type Dialog =
  | { kind: 'edit'; provider?: Provider }
  | { kind: 'test'; provider: Provider }
  | { kind: 'breaker'; provider: Provider }
  | { kind: 'delete'; provider: Provider };

export default function ProvidersPage() {
  const t = useT();
  const f = useFormat();
  const styles = useStyles();
  const notify = useNotify();
  const notifyUndo = useNotifyUndo();
  const stacked = useStackedTable();
  const providers = useApi('providers', (s) => endpoints.providers(s), 5000);
  const sessions = useApi('sessions:ttl', (s) => endpoints.sessions(false, s), 5000);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [error, setError] = useState<unknown>(undefined);
  const items = [...(providers.data?.items ?? [])].sort(
    (a, b) => a.priority - b.priority || a.name.localeCompare(b.name),
  );
  const liveSessions = (id: string) => sessions.data?.items.filter((s) => s.providerId === id).length ?? 0;

  const patch = (p: Provider, body: Parameters<typeof endpoints.updateProvider>[1]) =>
    endpoints.updateProvider(p.id, body).then(() => providers.reload());
  /** An inline priority or weight edit: saved, confirmed with a toast that can put the old value back. */
  const patchUndoable = (p: Provider, field: 'priority' | 'weight', value: number) =>
    patch(p, { [field]: value }).then(() => {
      const label = field === 'priority' ? t('providers.priority') : t('providers.weight');
      notifyUndo(t('providers.fieldSaved', { name: p.name, field: label, value }), () =>
        patch(p, { [field]: p[field] }).then(
          () => notify(t('providers.fieldRestored', { field: label, value: p[field] })),
          setError,
        ),
      );
    });
  const reset = (p: Provider) => {
    setError(undefined);
    endpoints.resetBreaker(p.id).then(() => {
      notify(t('providers.breakerReset'));
      providers.reload();
    }, setError);
  };

  return (
    <>
      <PageHeader
        title={t('nav.providers')}
        description={t('providers.description')}
        actions={
          <Button
            appearance="primary"
            icon={<AddRegular />}
            onClick={() => setDialog({ kind: 'edit' })}
            data-testid="provider-add"
          >
            {t('providers.add')}
          </Button>
        }
      />
      <ErrorMessage error={providers.error ?? error} onRetry={providers.error ? providers.reload : undefined} />
      {!providers.data && providers.loading ? <Loading /> : null}
      {providers.data && items.length === 0 ? <Empty>{t('providers.empty')}</Empty> : null}
      {items.length > 0 ? (
        <Card className={stacked.frame}>
          <Table className={mergeClasses(styles.table, stacked.table)} aria-label={t('nav.providers')}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell className={styles.nameCol}>{t('common.name')}</TableHeaderCell>
                <TableHeaderCell>{t('common.enabled')}</TableHeaderCell>
                <TableHeaderCell>{t('providers.priority')}</TableHeaderCell>
                <TableHeaderCell>{t('providers.weight')}</TableHeaderCell>
                <TableHeaderCell>{t('health.label')}</TableHeaderCell>
                <TableHeaderCell>{t('providers.breaker')}</TableHeaderCell>
                <TableHeaderCell>{t('providers.sessions')}</TableHeaderCell>
                <TableHeaderCell>{t('common.groups')}</TableHeaderCell>
                <TableHeaderCell />
              </TableRow>
            </TableHeader>
            <TableBody>
              {items.map((p) => (
                <TableRow key={p.id} data-testid="provider-row" data-name={p.name}>
                  <TableCell data-wide>
                    <div className={styles.name}>
                      <Text weight="semibold">{p.name}</Text>
                      <Caption1 className={styles.url}>
                        {t(`providerType.${p.type}`)} · {p.baseUrl}
                      </Caption1>
                    </div>
                  </TableCell>
                  <TableCell data-label={t('common.enabled')}>
                    <Switch
                      checked={p.enabled}
                      aria-label={t('common.enabled')}
                      onChange={(_e, d) => {
                        setError(undefined);
                        patch(p, { enabled: d.checked }).catch(setError);
                      }}
                    />
                  </TableCell>
                  <TableCell data-label={t('providers.priority')}>
                    <InlineNumber
                      value={p.priority}
                      label={t('providers.priority')}
                      testId="provider-priority"
                      onSave={(priority) => patchUndoable(p, 'priority', priority)}
                    />
                  </TableCell>
                  <TableCell data-label={t('providers.weight')}>
                    <InlineNumber
                      value={p.weight}
                      min={1}
                      label={t('providers.weight')}
                      testId="provider-weight"
                      onSave={(weight) => patchUndoable(p, 'weight', weight)}
                    />
                  </TableCell>
                  <TableCell data-wide>
                    <HealthBadge health={p.health} showError />
                  </TableCell>
                  <TableCell data-label={t('providers.breaker')}>
                    <div className={styles.breaker}>
                      <Button
                        size="small"
                        appearance="transparent"
                        aria-label={t('breaker.details')}
                        onClick={() => setDialog({ kind: 'breaker', provider: p })}
                        data-testid="breaker-open"
                      >
                        <BreakerBadge
                          state={p.breaker.state}
                          retryAt={p.breaker.retryAt}
                          failures={p.breaker.failures}
                        />
                      </Button>
                      {p.breaker.state === 'closed' ? null : (
                        <Button size="small" appearance="subtle" onClick={() => reset(p)}>
                          {t('providers.resetBreaker')}
                        </Button>
                      )}
                    </div>
                  </TableCell>
                  <TableCell data-label={t('providers.sessions')}>{f.number(liveSessions(p.id))}</TableCell>
                  <TableCell data-phone-hidden>
                    <div className={styles.tags}>
                      {p.groups.length === 0 ? (
                        <Badge appearance="outline" color="informative">
                          default
                        </Badge>
                      ) : (
                        p.groups.map((g) => (
                          <Badge key={g} appearance="tint" color="informative">
                            {g}
                          </Badge>
                        ))
                      )}
                    </div>
                  </TableCell>
                  <TableCell>
                    <div className={styles.actions}>
                      <Button
                        size="small"
                        icon={<PlayRegular />}
                        onClick={() => setDialog({ kind: 'test', provider: p })}
                        data-testid="provider-test"
                      >
                        {t('providers.test')}
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
                            <MenuItem icon={<EditRegular />} onClick={() => setDialog({ kind: 'edit', provider: p })}>
                              {t('common.edit')}
                            </MenuItem>
                            <MenuItem
                              icon={<DeleteRegular />}
                              onClick={() => setDialog({ kind: 'delete', provider: p })}
                            >
                              {t('common.delete')}
                            </MenuItem>
                          </MenuList>
                        </MenuPopover>
                      </Menu>
                    </div>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Card>
      ) : null}

      {dialog?.kind === 'edit' ? (
        <ProviderForm
          provider={dialog.provider}
          onClose={() => setDialog(null)}
          onSaved={(saved) => {
            setDialog(null);
            notify(t('providers.saved', { name: saved.name }));
            providers.reload();
          }}
        />
      ) : null}
      {dialog?.kind === 'test' ? (
        <ProviderTestDialog
          provider={dialog.provider}
          onClose={() => {
            setDialog(null);
            providers.reload();
          }}
        />
      ) : null}
      {dialog?.kind === 'breaker' ? (
        <BreakerDialog provider={dialog.provider} onClose={() => setDialog(null)} onReset={providers.reload} />
      ) : null}
      {dialog?.kind === 'delete' ? (
        <ConfirmDialog
          title={t('providers.deleteTitle', { name: dialog.provider.name })}
          confirmLabel={t('common.delete')}
          onConfirm={() => endpoints.deleteProvider(dialog.provider.id).then(() => providers.reload())}
          onClose={() => setDialog(null)}
        >
          {t('providers.deleteBody')}
        </ConfirmDialog>
      ) : null}
    </>
  );
}
