// Today against yesterday: requests, cost, tokens, error rate, median latency, and requests in the last minute.
import { makeStyles, tokens } from '@fluentui/react-components';
import type { Overview, UsageTotals } from '../../../../shared/api-schemas';
import { StatCard } from '../../components/StatCard';
import { changeRatio } from '../../format/format';
import { type Formatters, useFormat } from '../../format/useFormat';
import { useT } from '../../i18n/I18nProvider';

const useStyles = makeStyles({
  grid: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(160px, 1fr))',
    gap: tokens.spacingHorizontalM,
  },
});

export const totalTokens = (
  u: Pick<UsageTotals, 'inputTokens' | 'outputTokens' | 'cacheReadTokens' | 'cacheWriteTokens'>,
) => u.inputTokens + u.outputTokens + u.cacheReadTokens + u.cacheWriteTokens;

function change(f: Formatters, today: number, yesterday: number, upIsGood: boolean) {
  const ratio = changeRatio(today, yesterday);
  return { ratio, text: f.percent(ratio === null ? null : Math.abs(ratio), 0), upIsGood };
}

export function OverviewCards({ overview }: { overview: Overview }) {
  const t = useT();
  const f = useFormat();
  const styles = useStyles();
  const { today, yesterday } = overview;
  const vs = (text: string) => t('dashboard.yesterdayValue', { value: text });
  return (
    <div className={styles.grid}>
      <StatCard
        testId="card-requests"
        label={t('dashboard.requestsToday')}
        value={f.number(today.requests)}
        comparison={vs(f.number(yesterday.requests))}
        change={change(f, today.requests, yesterday.requests, true)}
      />
      <StatCard
        testId="card-cost"
        label={t('dashboard.costToday')}
        value={f.money(today.costUsd)}
        comparison={vs(f.money(yesterday.costUsd))}
        change={change(f, today.costUsd, yesterday.costUsd, true)}
      />
      <StatCard
        testId="card-tokens"
        label={t('dashboard.tokensToday')}
        value={f.compact(totalTokens(today))}
        comparison={vs(f.compact(totalTokens(yesterday)))}
        change={change(f, totalTokens(today), totalTokens(yesterday), true)}
      />
      <StatCard
        testId="card-errors"
        label={t('dashboard.errorRate')}
        value={f.percent(today.errorRate)}
        comparison={vs(f.percent(yesterday.errorRate))}
        change={change(f, today.errorRate, yesterday.errorRate, false)}
      />
      <StatCard
        testId="card-latency"
        label={t('dashboard.latency')}
        value={f.duration(today.p50LatencyMs)}
        comparison={vs(f.duration(yesterday.p50LatencyMs))}
        change={change(f, today.p50LatencyMs ?? 0, yesterday.p50LatencyMs ?? 0, false)}
      />
      <StatCard
        testId="card-rpm"
        label={t('dashboard.rpmNow')}
        value={f.number(overview.rpmNow)}
        comparison={t('dashboard.inFlight', { count: f.number(overview.inFlight) })}
      />
    </div>
  );
}
