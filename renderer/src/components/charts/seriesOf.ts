// Picks one metric out of the API's time series (tokens = input + output + cache reads).
import type { Timeseries } from '../../../../shared/api-schemas';
import type { ChartSeries } from './StackedChart';

export type ChartMetric = 'requests' | 'costUsd' | 'tokens';

type Metrics = Timeseries['total'];

export function metricValues(m: Metrics, metric: ChartMetric): number[] {
  if (metric === 'tokens')
    return m.inputTokens.map((v, i) => v + (m.outputTokens[i] ?? 0) + (m.cacheReadTokens[i] ?? 0));
  return [...m[metric]];
}

/** The chart's series: one per group, or the hub total when the series are not grouped. */
export function seriesOf(ts: Timeseries, metric: ChartMetric, totalName: string): ChartSeries[] {
  if (ts.groupBy === null || ts.series.length === 0) {
    return [{ id: 'total', name: totalName, values: metricValues(ts.total, metric) }];
  }
  return ts.series.map((s) => ({ id: s.id, name: s.name, values: metricValues(s, metric) }));
}
