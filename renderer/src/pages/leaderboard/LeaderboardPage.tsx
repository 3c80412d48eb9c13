// Leaderboards of users, keys, providers (success rate, latency, cost per request, cache hits) and models.
import {
  Button,
  Card,
  Field,
  Input,
  makeStyles,
  Tab,
  TabList,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  tokens,
} from '@fluentui/react-components';
import { ArrowDownloadRegular } from '@fluentui/react-icons';
import { useSearchParams } from 'react-router';
import type { LeaderboardPeriod, StatsGroupBy } from '../../../../shared/api-schemas';
import { API_BASE, queryString } from '../../api/client';
import { endpoints } from '../../api/endpoints';
import { useApi } from '../../api/useApi';
import { useSession } from '../../auth/AuthProvider';
import { ErrorMessage } from '../../components/ErrorMessage';
import { PageHeader } from '../../components/PageHeader';
import { RouterLink } from '../../components/RouterLink';
import { Empty, Loading } from '../../components/States';
import { EMPTY_VALUE } from '../../format/format';
import { useFormat } from '../../format/useFormat';
import type { MessageKey } from '../../i18n/catalogue';
import { useT } from '../../i18n/I18nProvider';
import { cacheHitRate } from './cacheHitRate';

const PERIODS: LeaderboardPeriod[] = ['daily', 'weekly', 'monthly', 'all', 'custom'];
const SCOPES: StatsGroupBy[] = ['user', 'key', 'provider', 'model'];
const PERIOD_LABELS: Record<LeaderboardPeriod, MessageKey> = {
  daily: 'period.daily',
  weekly: 'period.weekly',
  monthly: 'period.monthly',
  all: 'period.all',
  custom: 'period.custom',
};
const SCOPE_LABELS: Record<StatsGroupBy, MessageKey> = {
  user: 'scope.users',
  key: 'scope.keys',
  provider: 'scope.providers',
  model: 'scope.models',
};

const useStyles = makeStyles({
  controls: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalL,
    alignItems: 'end',
    marginBottom: tokens.spacingVerticalM,
  },
  range: { display: 'flex', gap: tokens.spacingHorizontalS },
  scroll: { overflowX: 'auto', padding: 0 },
  table: { tableLayout: 'auto', minWidth: '860px' },
  num: { textAlign: 'end', fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' },
  numHead: { '& .fui-TableHeaderCell__button': { justifyContent: 'flex-end' } },
  rank: { width: '48px', color: tokens.colorNeutralForeground3 },
});

const isPeriod = (v: string | null): v is LeaderboardPeriod => PERIODS.includes(v as LeaderboardPeriod);
const isScope = (v: string | null): v is StatsGroupBy => SCOPES.includes(v as StatsGroupBy);

export default function LeaderboardPage() {
  const t = useT();
  const f = useFormat();
  const styles = useStyles();
  const [params, setParams] = useSearchParams();
  const { access } = useSession();
  const scopes = access === 'admin' ? SCOPES : SCOPES.filter((s) => s !== 'provider');
  const rawPeriod = params.get('period');
  const rawScope = params.get('scope');
  const period: LeaderboardPeriod = isPeriod(rawPeriod) ? rawPeriod : 'daily';
  const scope: StatsGroupBy = isScope(rawScope) && scopes.includes(rawScope) ? rawScope : 'user';
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const ready = period !== 'custom' || (from !== '' && to !== '');
  const board = useApi(`leaderboard:${period}:${scope}:${from}:${to}:${ready}`, (s) =>
    ready
      ? endpoints.leaderboard({ period, scope, ...(period === 'custom' ? { from, to } : {}) }, s)
      : Promise.resolve(null),
  );
  const set = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };
  const items = board.data?.items ?? [];
  const provider = scope === 'provider';

  return (
    <>
      <PageHeader
        title={t('nav.leaderboard')}
        description={t('leaderboard.description')}
        actions={
          ready ? (
            <Button
              as="a"
              href={`${API_BASE}/leaderboard/export.csv${queryString({ period, scope, ...(period === 'custom' ? { from, to } : {}) })}`}
              download="leaderboard.csv"
              icon={<ArrowDownloadRegular />}
            >
              {t('common.exportCsv')}
            </Button>
          ) : null
        }
      />
      <div className={styles.controls}>
        <TabList
          aria-label={t('leaderboard.rankBy')}
          selectedValue={scope}
          onTabSelect={(_e, d) => set('scope', String(d.value))}
          data-testid="leaderboard-scope"
        >
          {scopes.map((s) => (
            <Tab key={s} value={s}>
              {t(SCOPE_LABELS[s])}
            </Tab>
          ))}
        </TabList>
        <TabList
          size="small"
          appearance="filled-circular"
          aria-label={t('leaderboard.period')}
          selectedValue={period}
          onTabSelect={(_e, d) => set('period', String(d.value))}
          data-testid="leaderboard-period"
        >
          {PERIODS.map((p) => (
            <Tab key={p} value={p}>
              {t(PERIOD_LABELS[p])}
            </Tab>
          ))}
        </TabList>
        {period === 'custom' ? (
          <div className={styles.range}>
            <Field label={t('logs.from')}>
              <Input type="date" value={from} onChange={(_e, d) => set('from', d.value)} />
            </Field>
            <Field label={t('logs.to')}>
              <Input type="date" value={to} onChange={(_e, d) => set('to', d.value)} />
            </Field>
          </div>
        ) : null}
      </div>
      <ErrorMessage error={board.error} onRetry={board.reload} />
      {!ready ? <Empty>{t('leaderboard.pickRange')}</Empty> : null}
      {ready && !board.data && board.loading ? <Loading /> : null}
      {board.data && items.length === 0 ? <Empty>{t('leaderboard.empty')}</Empty> : null}
      {items.length > 0 ? (
        <Card className={styles.scroll}>
          <Table
            size="small"
            className={styles.table}
            aria-label={t('nav.leaderboard')}
            data-testid="leaderboard-table"
          >
            <TableHeader>
              <TableRow>
                <TableHeaderCell className={styles.rank}>#</TableHeaderCell>
                <TableHeaderCell>{t('common.name')}</TableHeaderCell>
                <TableHeaderCell className={styles.numHead}>{t('metric.requests')}</TableHeaderCell>
                <TableHeaderCell className={styles.numHead}>{t('metric.cost')}</TableHeaderCell>
                <TableHeaderCell className={styles.numHead}>{t('tokens.input')}</TableHeaderCell>
                <TableHeaderCell className={styles.numHead}>{t('tokens.output')}</TableHeaderCell>
                <TableHeaderCell className={styles.numHead}>{t('tokens.cacheRead')}</TableHeaderCell>
                <TableHeaderCell className={styles.numHead}>{t('leaderboard.cacheHitRate')}</TableHeaderCell>
                {provider ? (
                  <>
                    <TableHeaderCell className={styles.numHead}>{t('leaderboard.successRate')}</TableHeaderCell>
                    <TableHeaderCell className={styles.numHead}>{t('leaderboard.avgLatency')}</TableHeaderCell>
                    <TableHeaderCell className={styles.numHead}>{t('leaderboard.costPerRequest')}</TableHeaderCell>
                  </>
                ) : (
                  <TableHeaderCell className={styles.numHead}>{t('dashboard.errorRate')}</TableHeaderCell>
                )}
              </TableRow>
            </TableHeader>
            <TableBody>
              {items.map((item, i) => (
                <TableRow key={item.id} data-testid="leaderboard-row" data-name={item.name}>
                  <TableCell className={styles.rank}>{i + 1}</TableCell>
                  <TableCell>
                    <RouterLink href={leaderboardHref(scope, item.id, access === 'admin')}>{item.name}</RouterLink>
                  </TableCell>
                  <TableCell className={styles.num} data-testid="leaderboard-requests">
                    {f.number(item.requests)}
                  </TableCell>
                  <TableCell className={styles.num}>{f.money(item.costUsd)}</TableCell>
                  <TableCell className={styles.num}>{f.compact(item.inputTokens)}</TableCell>
                  <TableCell className={styles.num}>{f.compact(item.outputTokens)}</TableCell>
                  <TableCell className={styles.num}>{f.compact(item.cacheReadTokens)}</TableCell>
                  <TableCell className={styles.num}>{f.percent(cacheHitRate(item))}</TableCell>
                  {provider ? (
                    <>
                      <TableCell className={styles.num}>{f.percent(item.successRate ?? null)}</TableCell>
                      <TableCell className={styles.num}>{f.duration(item.avgLatencyMs ?? null)}</TableCell>
                      <TableCell className={styles.num}>
                        {item.costPerRequest === undefined ? EMPTY_VALUE : f.money(item.costPerRequest)}
                      </TableCell>
                    </>
                  ) : (
                    <TableCell className={styles.num}>
                      {f.percent(item.requests > 0 ? item.errors / item.requests : null)}
                    </TableCell>
                  )}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Card>
      ) : null}
    </>
  );
}

/**
 * Where a ranked name leads: a user to their page (admins; a member to their requests), a key, provider or model to
 * its requests in the log.
 */
export function leaderboardHref(scope: StatsGroupBy, id: string, admin: boolean): string {
  const q = encodeURIComponent(id);
  if (scope === 'user') return admin ? `/users/${q}` : `/logs?userId=${q}`;
  if (scope === 'key') return `/logs?keyId=${q}`;
  if (scope === 'provider') return `/logs?providerId=${q}`;
  return `/logs?model=${q}`;
}
