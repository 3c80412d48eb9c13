// Users: the list (status, role, groups, limits), create, and a link to each user's keys and quotas.
import {
  Badge,
  Button,
  Card,
  makeStyles,
  ProgressBar,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  tokens,
} from '@fluentui/react-components';
import { AddRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { endpoints } from '../../api/endpoints';
import { useApi } from '../../api/useApi';
import { usePagedList } from '../../api/usePagedList';
import { ErrorMessage } from '../../components/ErrorMessage';
import { LoadMore } from '../../components/LoadMore';
import { PageHeader } from '../../components/PageHeader';
import { RouterLink } from '../../components/RouterLink';
import { Empty } from '../../components/States';
import { lifeState, StatusBadge } from '../../components/StatusBadge';
import { useStackedTable } from '../../components/stackedTable';
import { EMPTY_VALUE } from '../../format/format';
import { useFormat } from '../../format/useFormat';
import { useNotify } from '../../frame/toast';
import { useT } from '../../i18n/I18nProvider';
import { useNow } from '../../lib/useNow';
import { UserForm } from './UserForm';

const useStyles = makeStyles({
  tags: { display: 'flex', gap: tokens.spacingHorizontalXXS, flexWrap: 'wrap' },
  spend: { display: 'flex', flexDirection: 'column', gap: '2px', minWidth: '120px' },
  over: { color: tokens.colorPaletteRedForeground1 },
});

export default function UsersPage() {
  const t = useT();
  const f = useFormat();
  const styles = useStyles();
  const stacked = useStackedTable();
  const notify = useNotify();
  const navigate = useNavigate();
  const now = useNow(60_000);
  const users = usePagedList('users', (cursor, signal) => endpoints.users({ limit: 100, cursor }, signal));
  // Today's spend of every user in one call (the daily leaderboard, hub timezone), not one quota call per row.
  const today = useApi(
    'users:today',
    (sig) => endpoints.leaderboard({ period: 'daily', scope: 'user', limit: 500 }, sig),
    30_000,
  );
  const spentToday = new Map(today.data?.items.map((i) => [i.id, i.costUsd]));
  const [creating, setCreating] = useState(false);
  return (
    <>
      <PageHeader
        title={t('nav.users')}
        description={t('users.description')}
        actions={
          <Button appearance="primary" icon={<AddRegular />} onClick={() => setCreating(true)} data-testid="user-add">
            {t('users.add')}
          </Button>
        }
      />
      <ErrorMessage error={users.error} onRetry={users.reload} />
      {!users.loading && users.items.length === 0 && !users.error ? <Empty>{t('users.empty')}</Empty> : null}
      {users.items.length > 0 ? (
        <Card className={stacked.frame}>
          <Table aria-label={t('nav.users')} className={stacked.table}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell>{t('common.name')}</TableHeaderCell>
                <TableHeaderCell>{t('common.status')}</TableHeaderCell>
                <TableHeaderCell>{t('users.role')}</TableHeaderCell>
                <TableHeaderCell>{t('common.groups')}</TableHeaderCell>
                <TableHeaderCell>{t('limits.rpm')}</TableHeaderCell>
                <TableHeaderCell>{t('users.todayVsLimit')}</TableHeaderCell>
                <TableHeaderCell>{t('common.expiresAt')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {users.items.map((u) => (
                <TableRow key={u.id} data-testid="user-row" data-name={u.name}>
                  <TableCell data-wide>
                    <RouterLink href={`/users/${encodeURIComponent(u.id)}`}>{u.name}</RouterLink>
                  </TableCell>
                  <TableCell>
                    <StatusBadge state={lifeState(u, now)} />
                  </TableCell>
                  <TableCell>
                    <Badge appearance="outline" color={u.role === 'admin' ? 'brand' : 'informative'}>
                      {u.role === 'admin' ? t('role.admin') : t('role.user')}
                    </Badge>
                  </TableCell>
                  <TableCell data-phone-hidden>
                    <div className={styles.tags}>
                      {u.groups.length === 0
                        ? 'default'
                        : u.groups.map((g) => (
                            <Badge key={g} appearance="tint" color="informative">
                              {g}
                            </Badge>
                          ))}
                    </div>
                  </TableCell>
                  <TableCell data-label={t('limits.rpm')}>{u.rpm === null ? EMPTY_VALUE : f.number(u.rpm)}</TableCell>
                  <TableCell data-label={t('users.today')}>
                    <TodaySpend spent={spentToday.get(u.id) ?? 0} limit={u.limits.dailyUsd ?? null} />
                  </TableCell>
                  <TableCell data-label={t('common.expiresAt')}>
                    {u.expiresAt ? f.date(u.expiresAt) : t('common.never')}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Card>
      ) : null}
      <LoadMore hasMore={users.hasMore} loading={users.loading} onLoad={users.loadMore} />
      {creating ? (
        <UserForm
          user={undefined}
          onClose={() => setCreating(false)}
          onSaved={(user) => {
            setCreating(false);
            notify(t('users.saved', { name: user.name }));
            navigate(`/users/${encodeURIComponent(user.id)}`);
          }}
        />
      ) : null}
    </>
  );
}

/** Today's spend against the daily limit: "$1.20 / $5.00" with a bar, or the spend alone when unlimited. */
function TodaySpend({ spent, limit }: { spent: number; limit: number | null }) {
  const f = useFormat();
  const t = useT();
  const styles = useStyles();
  if (limit === null) {
    return (
      <span data-testid="user-today">
        {f.money(spent)} <span>· {t('users.noLimit')}</span>
      </span>
    );
  }
  const ratio = limit > 0 ? Math.min(1, spent / limit) : 1;
  return (
    <div className={styles.spend} data-testid="user-today">
      <span className={spent >= limit ? styles.over : undefined}>
        {f.money(spent)} / {f.money(limit)}
      </span>
      <ProgressBar value={ratio} thickness="medium" color={ratio >= 1 ? 'error' : ratio >= 0.8 ? 'warning' : 'brand'} />
    </div>
  );
}
