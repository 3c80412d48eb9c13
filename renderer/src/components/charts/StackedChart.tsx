// A stacked bar chart of several series over time buckets (recharts), themed from Fluent tokens.
import { makeStyles, tokens } from '@fluentui/react-components';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useTheme } from '../../frame/theme';
import { colorAt, seriesPalette } from './palette';

export interface ChartSeries {
  id: string;
  name: string;
  values: readonly number[];
}

export interface StackedChartProps {
  labels: readonly string[];
  series: readonly ChartSeries[];
  format(value: number): string;
  formatAxis(value: number): string;
  height?: number;
}

const useStyles = makeStyles({ root: { width: '100%', minWidth: 0, fontSize: tokens.fontSizeBase200 } });

/** Rows for recharts: one per bucket, one numeric field per series (keyed by index, names may repeat). */
export function chartRows(
  labels: readonly string[],
  series: readonly ChartSeries[],
): Record<string, string | number>[] {
  return labels.map((label, i) => {
    const row: Record<string, string | number> = { label };
    series.forEach((s, j) => {
      row[`s${j}`] = s.values[i] ?? 0;
    });
    return row;
  });
}

export function StackedChart({ labels, series, format, formatAxis, height = 280 }: StackedChartProps) {
  const styles = useStyles();
  const { theme } = useTheme();
  const palette = seriesPalette(theme);
  const rows = chartRows(labels, series);
  const axisColor = theme.colorNeutralForeground3;
  return (
    <div className={styles.root} style={{ height }} data-testid="stacked-chart">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid stroke={theme.colorNeutralStroke2} vertical={false} />
          <XAxis dataKey="label" stroke={axisColor} tick={{ fill: axisColor }} tickLine={false} minTickGap={12} />
          <YAxis
            stroke={axisColor}
            tick={{ fill: axisColor }}
            tickLine={false}
            axisLine={false}
            width={64}
            tickFormatter={(v: number) => formatAxis(v)}
          />
          <Tooltip
            cursor={{ fill: theme.colorNeutralBackground1Hover }}
            contentStyle={{
              background: theme.colorNeutralBackground1,
              border: `1px solid ${theme.colorNeutralStroke1}`,
              borderRadius: theme.borderRadiusMedium,
              color: theme.colorNeutralForeground1,
            }}
            labelStyle={{ color: theme.colorNeutralForeground1, fontWeight: 600 }}
            formatter={(value) => format(Number(value))}
          />
          <Legend
            wrapperStyle={{ color: theme.colorNeutralForeground2 }}
            formatter={(value) => <span style={{ color: theme.colorNeutralForeground2 }}>{value}</span>}
          />
          {series.map((s, j) => (
            <Bar
              key={s.id}
              dataKey={`s${j}`}
              name={s.name}
              stackId="all"
              fill={colorAt(palette, j)}
              isAnimationActive={false}
              maxBarSize={48}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
