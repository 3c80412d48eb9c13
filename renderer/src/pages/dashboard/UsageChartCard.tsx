// Usage over time, stacked per user, key, provider or model: today hourly, 7 or 30 days daily.
import { Card, CardHeader, makeStyles, Select, Text, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { StatsGroupBy } from '../../../../shared/api-schemas';
import { endpoints, type StatsRange } from '../../api/endpoints';
import { useApi } from '../../api/useApi';
import { StackedChart } from '../../components/charts/StackedChart';
import { type ChartMetric, seriesOf } from '../../components/charts/seriesOf';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Empty, Loading } from '../../components/States';
import { useFormat } from '../../format/useFormat';
import { useT } from '../../i18n/I18nProvider';

const useStyles = makeStyles({
  controls: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
});

export function UsageChartCard({ allowProvider }: { allowProvider: boolean }) {
  const t = useT();
  const f = useFormat();
  const styles = useStyles();
  const [range, setRange] = useState<StatsRange>('today');
  const [groupBy, setGroupBy] = useState<StatsGroupBy>('user');
  const [metric, setMetric] = useState<ChartMetric>('requests');
  const ts = useApi(`ts:${range}:${groupBy}`, (signal) => endpoints.timeseries(range, groupBy, signal), 30_000);
  const data = ts.data;
  const hasData = data ? data.total.requests.some((n) => n > 0) : false;
  const format = (v: number) => (metric === 'costUsd' ? f.money(v) : f.number(v));
  const formatAxis = (v: number) => (metric === 'costUsd' ? f.money(v) : f.compact(v));

  return (
    <Card data-testid="usage-chart">
      <CardHeader
        header={<Text weight="semibold">{t('dashboard.usageOverTime')}</Text>}
        action={
          <div className={styles.controls}>
            <Select
              aria-label={t('dashboard.range')}
              value={range}
              onChange={(_e, d) => setRange(d.value as StatsRange)}
            >
              <option value="today">{t('range.today')}</option>
              <option value="7d">{t('range.7d')}</option>
              <option value="30d">{t('range.30d')}</option>
            </Select>
            <Select
              aria-label={t('dashboard.groupBy')}
              value={groupBy}
              onChange={(_e, d) => setGroupBy(d.value as StatsGroupBy)}
              data-testid="chart-group-by"
            >
              <option value="user">{t('scope.user')}</option>
              <option value="key">{t('scope.key')}</option>
              {allowProvider ? <option value="provider">{t('scope.provider')}</option> : null}
              <option value="model">{t('scope.model')}</option>
            </Select>
            <Select
              aria-label={t('dashboard.metric')}
              value={metric}
              onChange={(_e, d) => setMetric(d.value as ChartMetric)}
            >
              <option value="requests">{t('metric.requests')}</option>
              <option value="costUsd">{t('metric.cost')}</option>
              <option value="tokens">{t('metric.tokens')}</option>
            </Select>
          </div>
        }
      />
      {ts.error ? <ErrorMessage error={ts.error} onRetry={ts.reload} /> : null}
      {!data && ts.loading ? <Loading /> : null}
      {data && !hasData ? <Empty>{t('dashboard.noUsage')}</Empty> : null}
      {data && hasData ? (
        <StackedChart
          labels={data.buckets.map((b) => f.bucket(b.start, data.granularity === 'hour'))}
          series={seriesOf(data, metric, t('common.total'))}
          format={format}
          formatAxis={formatAxis}
        />
      ) : null}
    </Card>
  );
}
