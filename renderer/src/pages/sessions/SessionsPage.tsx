// Sessions grouped from the request log: who, with which client and provider, turns, tokens, cost; keyset pages.
import {
  Badge,
  Card,
  Field,
  makeStyles,
  Select,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  tokens,
} from '@fluentui/react-components';
import { useSearchParams } from 'react-router';
import { endpoints } from '../../api/endpoints';
import { useApi } from '../../api/useApi';
import { usePagedList } from '../../api/usePagedList';
import { ErrorMessage } from '../../components/ErrorMessage';
import { LoadMore } from '../../components/LoadMore';
import { PageHeader } from '../../components/PageHeader';
import { RouterLink } from '../../components/RouterLink';
import { Empty, Loading } from '../../components/States';
import { EMPTY_VALUE } from '../../format/format';
import { useFormat } from '../../format/useFormat';
import { useT } from '../../i18n/I18nProvider';

const PAGE_SIZE = 50;

const useStyles = makeStyles({
  filters: { display: 'flex', gap: tokens.spacingHorizontalL, flexWrap: 'wrap', marginBottom: tokens.spacingVerticalL },
  scroll: { overflowX: 'auto', padding: 0 },
  table: { minWidth: '980px' },
  id: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
  num: { textAlign: 'end', whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' },
});

export default function SessionsPage() {
  const t = useT();
  const fmt = useFormat();
  const styles = useStyles();
  const [params, setParams] = useSearchParams();
  const userId = params.get('userId') ?? '';
  const providerId = params.get('providerId') ?? '';
  const options = useApi('session-options', async (signal) => {
    const [users, providers] = await Promise.all([
      endpoints.users({ limit: 500 }, signal),
      endpoints.providers(signal),
    ]);
    return { users: users.items, providers: providers.items };
  });
  const list = usePagedList(`${userId}|${providerId}`, (cursor, signal) =>
    endpoints.sessionLog({ userId, providerId, limit: PAGE_SIZE, cursor }, signal),
  );
  const set = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };

  return (
    <>
      <PageHeader title={t('nav.sessions')} description={t('sessions.description')} />
      <div className={styles.filters}>
        <Field label={t('sessions.user')}>
          <Select value={userId} onChange={(_e, d) => set('userId', d.value)} data-testid="sessions-user">
            <option value="">{t('common.all')}</option>
            {options.data?.users.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t('availability.provider')}>
          <Select value={providerId} onChange={(_e, d) => set('providerId', d.value)} data-testid="sessions-provider">
            <option value="">{t('common.all')}</option>
            {options.data?.providers.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <ErrorMessage error={list.error} onRetry={list.reload} />
      {list.items.length === 0 && list.loading ? <Loading /> : null}
      {list.items.length === 0 && !list.loading && !list.error ? <Empty>{t('sessions.empty')}</Empty> : null}
      {list.items.length > 0 ? (
        <Card className={styles.scroll}>
          <Table className={styles.table} size="small" data-testid="sessions-table">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>{t('sessions.session')}</TableHeaderCell>
                <TableHeaderCell>{t('sessions.user')}</TableHeaderCell>
                <TableHeaderCell>{t('sessions.client')}</TableHeaderCell>
                <TableHeaderCell>{t('availability.provider')}</TableHeaderCell>
                <TableHeaderCell className={styles.num}>{t('sessions.turns')}</TableHeaderCell>
                <TableHeaderCell className={styles.num}>{t('sessions.tokens')}</TableHeaderCell>
                <TableHeaderCell className={styles.num}>{t('logs.cost')}</TableHeaderCell>
                <TableHeaderCell>{t('sessions.firstSeen')}</TableHeaderCell>
                <TableHeaderCell>{t('sessions.lastSeen')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {list.items.map((s) => (
                <TableRow key={s.sessionId} data-testid="session-row" data-id={s.sessionId}>
                  <TableCell>
                    <RouterLink href={`/sessions/${encodeURIComponent(s.sessionId)}`} className={styles.id}>
                      {s.sessionId.length > 24 ? `${s.sessionId.slice(0, 24)}…` : s.sessionId}
                    </RouterLink>{' '}
                    {s.live ? (
                      <Badge appearance="tint" color="success" size="small">
                        {t('sessions.live')}
                      </Badge>
                    ) : null}
                  </TableCell>
                  <TableCell>
                    {s.userName ?? EMPTY_VALUE}
                    {s.keyName ? ` · ${s.keyName}` : ''}
                  </TableCell>
                  <TableCell>{s.client ?? EMPTY_VALUE}</TableCell>
                  <TableCell>{s.providerName ?? EMPTY_VALUE}</TableCell>
                  <TableCell className={styles.num}>{fmt.number(s.turns)}</TableCell>
                  <TableCell className={styles.num}>
                    {fmt.compact(s.inputTokens)} / {fmt.compact(s.outputTokens)}
                  </TableCell>
                  <TableCell className={styles.num}>{fmt.money(s.costUsd)}</TableCell>
                  <TableCell>{fmt.shortDateTime(s.firstSeenAt)}</TableCell>
                  <TableCell>{fmt.shortDateTime(s.lastSeenAt)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Card>
      ) : null}
      <LoadMore hasMore={list.hasMore} loading={list.loading && list.items.length > 0} onLoad={list.loadMore} />
    </>
  );
}
