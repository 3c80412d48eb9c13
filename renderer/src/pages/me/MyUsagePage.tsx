// "My usage" for a key's own holder: who I am, my quotas with reset times, usage over a range, my requests.
import { Card, CardHeader, makeStyles, Select, Text, tokens } from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import { endpoints } from '../../api/endpoints';
import { useApi } from '../../api/useApi';
import { StackedChart } from '../../components/charts/StackedChart';
import { ErrorMessage } from '../../components/ErrorMessage';
import { PageHeader } from '../../components/PageHeader';
import { QuotaBars } from '../../components/QuotaBars';
import { SectionHeader } from '../../components/SectionHeader';
import { StatCard } from '../../components/StatCard';
import { Empty, Loading } from '../../components/States';
import { useFormat } from '../../format/useFormat';
import { useT } from '../../i18n/I18nProvider';
import { totalTokens } from '../dashboard/OverviewCards';
import { MyRequests } from './MyRequests';
import { UsageTable } from './UsageTable';

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  cards: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(190px, 1fr))',
    gap: tokens.spacingHorizontalM,
  },
  columns: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(360px, 1fr))',
    gap: tokens.spacingHorizontalL,
    alignItems: 'start',
  },
  muted: { color: tokens.colorNeutralForeground3 },
});

const RANGE_DAYS = [7, 30, 90] as const;

function daysAgoIso(days: number): string {
  const d = new Date();
  d.setHours(0, 0, 0, 0);
  d.setDate(d.getDate() - (days - 1));
  return d.toISOString();
}

export default function MyUsagePage() {
  const t = useT();
  const f = useFormat();
  const styles = useStyles();
  const [days, setDays] = useState<number>(30);
  const me = useApi('me', (s) => endpoints.me(s));
  const quota = useApi('me-quota', (s) => endpoints.myQuota(s), 10_000);
  const from = useMemo(() => daysAgoIso(days), [days]);
  const usage = useApi(`me-usage:${days}`, (s) => endpoints.myUsage({ from }, s), 30_000);
  const u = usage.data;
  const keyItems = quota.data?.items.filter((i) => i.scope !== 'user') ?? [];
  const userItems = quota.data?.items.filter((i) => i.scope === 'user') ?? [];
  const who = me.data?.user?.name ?? t('role.admin');
  const keyName = me.data?.key?.name;

  return (
    <div className={styles.stack}>
      <PageHeader
        title={t('nav.me')}
        description={
          keyName
            ? t('me.whoWithKey', {
                user: who,
                key: keyName,
                expires: me.data?.key?.expiresAt ? f.dateTime(me.data.key.expiresAt) : t('common.never'),
              })
            : who
        }
      />
      <ErrorMessage error={me.error} onRetry={me.reload} />
      <Card>
        <CardHeader header={<Text weight="semibold">{t('me.quotas')}</Text>} />
        {quota.error ? <ErrorMessage error={quota.error} /> : null}
        {!quota.data ? <Loading /> : null}
        {quota.data && quota.data.items.length === 0 ? <Empty>{t('me.noLimits')}</Empty> : null}
        {keyItems.length > 0 ? (
          <>
            <Text className={styles.muted}>{t('me.keyLimits')}</Text>
            <QuotaBars items={keyItems} testId="my-key-quota" />
          </>
        ) : null}
        {userItems.length > 0 ? (
          <>
            <Text className={styles.muted}>{t('me.userLimits')}</Text>
            <QuotaBars items={userItems} testId="my-user-quota" />
          </>
        ) : null}
      </Card>
      <SectionHeader
        title={t('me.usage')}
        actions={
          <Select aria-label={t('dashboard.range')} value={String(days)} onChange={(_e, d) => setDays(Number(d.value))}>
            {RANGE_DAYS.map((n) => (
              <option key={n} value={n}>
                {t('me.lastDays', { count: n })}
              </option>
            ))}
          </Select>
        }
      />
      <ErrorMessage error={usage.error} onRetry={usage.reload} />
      {!u && usage.loading ? <Loading /> : null}
      {u ? (
        <>
          <div className={styles.cards}>
            <StatCard
              testId="me-requests"
              label={t('metric.requests')}
              value={f.number(u.totals.requests)}
              comparison={t('me.today', { value: f.number(u.today.requests) })}
            />
            <StatCard
              testId="me-cost"
              label={t('metric.cost')}
              value={f.money(u.totals.costUsd)}
              comparison={t('me.today', { value: f.money(u.today.costUsd) })}
            />
            <StatCard
              label={t('metric.tokens')}
              value={f.compact(totalTokens(u.totals))}
              comparison={t('me.today', { value: f.compact(totalTokens(u.today)) })}
            />
            <StatCard
              label={t('dashboard.errorRate')}
              value={f.percent(u.totals.errorRate)}
              comparison={t('me.today', { value: f.percent(u.today.errorRate) })}
            />
          </div>
          <Card>
            <CardHeader header={<Text weight="semibold">{t('me.daily')}</Text>} />
            {u.days.some((d) => d.requests > 0) ? (
              <StackedChart
                labels={u.days.map((d) => d.date.slice(5))}
                series={[{ id: 'cost', name: t('metric.cost'), values: u.days.map((d) => d.costUsd) }]}
                format={(v) => f.money(v)}
                formatAxis={(v) => f.money(v)}
                height={220}
              />
            ) : (
              <Empty>{t('dashboard.noUsage')}</Empty>
            )}
          </Card>
          <div className={styles.columns}>
            <Card>
              <CardHeader header={<Text weight="semibold">{t('me.byModel')}</Text>} />
              {u.byModel.length > 0 ? (
                <UsageTable items={u.byModel} nameLabel={t('logs.model')} testId="me-by-model" />
              ) : (
                <Empty>{t('dashboard.noUsage')}</Empty>
              )}
            </Card>
            <Card>
              <CardHeader header={<Text weight="semibold">{t('me.byKey')}</Text>} />
              {u.byKey.length > 0 ? (
                <UsageTable items={u.byKey} nameLabel={t('scope.key')} />
              ) : (
                <Empty>{t('dashboard.noUsage')}</Empty>
              )}
            </Card>
          </div>
        </>
      ) : null}
      <SectionHeader title={t('me.requests')} />
      <MyRequests />
    </div>
  );
}
