// The audit log of admin changes and logins: who did what to which object, with the before/after (secrets redacted).
import {
  Badge,
  Button,
  Card,
  Field,
  Input,
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  tokens,
} from '@fluentui/react-components';
import { ChevronDownRegular, ChevronRightRegular } from '@fluentui/react-icons';
import { Fragment, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { AuditEntry } from '../../../../shared/api-schemas';
import { endpoints } from '../../api/endpoints';
import { useNames } from '../../api/useNames';
import { usePagedList } from '../../api/usePagedList';
import { ErrorMessage } from '../../components/ErrorMessage';
import { LoadMore } from '../../components/LoadMore';
import { PageHeader } from '../../components/PageHeader';
import { Empty, Loading } from '../../components/States';
import { EMPTY_VALUE } from '../../format/format';
import { useFormat } from '../../format/useFormat';
import { useT } from '../../i18n/I18nProvider';
import { describeActor, nameOfId } from './auditNames';

const useStyles = makeStyles({
  filters: {
    display: 'flex',
    gap: tokens.spacingHorizontalM,
    marginBottom: tokens.spacingVerticalM,
    flexWrap: 'wrap',
    alignItems: 'flex-start',
  },
  scroll: { overflowX: 'auto', padding: 0 },
  mono: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
  details: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(280px, 1fr))',
    gap: tokens.spacingHorizontalM,
    padding: tokens.spacingVerticalS,
  },
  pre: {
    margin: 0,
    padding: tokens.spacingHorizontalS,
    maxHeight: '260px',
    overflow: 'auto',
    backgroundColor: tokens.colorNeutralBackground3,
    borderRadius: tokens.borderRadiusMedium,
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    whiteSpace: 'pre-wrap',
    wordBreak: 'break-word',
  },
});

function actionColor(action: string): 'danger' | 'warning' | 'success' | 'informative' {
  if (action.includes('delete') || action.endsWith('failure') || action.endsWith('locked')) return 'danger';
  if (action.includes('rotate') || action.includes('reset')) return 'warning';
  if (action.includes('create') || action.endsWith('success')) return 'success';
  return 'informative';
}

function Details({ entry }: { entry: AuditEntry }) {
  const t = useT();
  const styles = useStyles();
  const show = (value: unknown) =>
    value === null || value === undefined ? EMPTY_VALUE : JSON.stringify(value, null, 2);
  return (
    <div className={styles.details}>
      <div>
        <strong>{t('audit.before')}</strong>
        <pre className={styles.pre}>{show(entry.before)}</pre>
      </div>
      <div>
        <strong>{t('audit.after')}</strong>
        <pre className={styles.pre}>{show(entry.after)}</pre>
      </div>
    </div>
  );
}

export default function AuditPage() {
  const t = useT();
  const f = useFormat();
  const styles = useStyles();
  const [params, setParams] = useSearchParams();
  const action = params.get('action') ?? '';
  const target = params.get('target') ?? '';
  const [actionText, setActionText] = useState(action);
  const [targetText, setTargetText] = useState(target);
  const [open, setOpen] = useState<string | null>(null);
  const names = useNames();
  const list = usePagedList(`audit:${action}:${target}`, (cursor, signal) =>
    endpoints.audit({ limit: 100, cursor, action: action || undefined, target: target || undefined }, signal),
  );
  const apply = () => {
    const next = new URLSearchParams();
    if (actionText.trim()) next.set('action', actionText.trim());
    if (targetText.trim()) next.set('target', targetText.trim());
    setParams(next);
  };
  return (
    <>
      <PageHeader title={t('nav.audit')} description={t('audit.description')} />
      <div className={styles.filters}>
        <Field label={t('audit.action')} hint={t('audit.actionHint')}>
          <Input
            value={actionText}
            onChange={(_e, d) => setActionText(d.value)}
            onBlur={apply}
            onKeyDown={(e) => e.key === 'Enter' && apply()}
          />
        </Field>
        <Field label={t('audit.target')}>
          <Input
            value={targetText}
            onChange={(_e, d) => setTargetText(d.value)}
            onBlur={apply}
            onKeyDown={(e) => e.key === 'Enter' && apply()}
          />
        </Field>
      </div>
      <ErrorMessage error={list.error} onRetry={list.reload} />
      {list.items.length === 0 && list.loading ? <Loading /> : null}
      {list.items.length === 0 && !list.loading && !list.error ? <Empty>{t('audit.empty')}</Empty> : null}
      {list.items.length > 0 ? (
        <Card className={styles.scroll}>
          <Table size="small" aria-label={t('nav.audit')} data-testid="audit-table">
            <TableHeader>
              <TableRow>
                <TableHeaderCell style={{ width: '36px' }} />
                <TableHeaderCell>{t('logs.time')}</TableHeaderCell>
                <TableHeaderCell>{t('audit.action')}</TableHeaderCell>
                <TableHeaderCell>{t('audit.actor')}</TableHeaderCell>
                <TableHeaderCell>{t('audit.target')}</TableHeaderCell>
                <TableHeaderCell>{t('logs.clientIp')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {list.items.map((entry) => (
                <Fragment key={entry.id}>
                  <TableRow data-testid="audit-row" data-action={entry.action}>
                    <TableCell>
                      <Button
                        size="small"
                        appearance="subtle"
                        aria-label={t('audit.details')}
                        icon={open === entry.id ? <ChevronDownRegular /> : <ChevronRightRegular />}
                        onClick={() => setOpen(open === entry.id ? null : entry.id)}
                      />
                    </TableCell>
                    <TableCell>{f.shortDateTime(entry.createdAt)}</TableCell>
                    <TableCell>
                      <Badge appearance="tint" color={actionColor(entry.action)}>
                        {entry.action}
                      </Badge>
                    </TableCell>
                    <TableCell title={entry.actor}>{describeActor(entry.actor, names)}</TableCell>
                    <TableCell title={entry.target ?? undefined}>
                      {entry.target ? nameOfId(entry.target, names) : EMPTY_VALUE}
                    </TableCell>
                    <TableCell>{entry.ip ?? EMPTY_VALUE}</TableCell>
                  </TableRow>
                  {open === entry.id ? (
                    <TableRow>
                      <TableCell colSpan={6}>
                        <Details entry={entry} />
                      </TableCell>
                    </TableRow>
                  ) : null}
                </Fragment>
              ))}
            </TableBody>
          </Table>
        </Card>
      ) : null}
      <LoadMore hasMore={list.hasMore} loading={list.loading && list.items.length > 0} onLoad={list.loadMore} />
    </>
  );
}
