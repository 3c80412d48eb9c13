// One headline figure with its comparison to yesterday (up/down, coloured by whether up is good).
import { Caption1, Card, makeStyles, mergeClasses, Text, tokens } from '@fluentui/react-components';
import { ArrowDownRegular, ArrowUpRegular } from '@fluentui/react-icons';
import type { ReactNode } from 'react';

const useStyles = makeStyles({
  card: { minWidth: 0, gap: tokens.spacingVerticalXS },
  label: { color: tokens.colorNeutralForeground3 },
  value: {
    fontSize: tokens.fontSizeHero700,
    lineHeight: tokens.lineHeightHero700,
    fontWeight: tokens.fontWeightSemibold,
  },
  foot: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXS,
    color: tokens.colorNeutralForeground3,
    flexWrap: 'wrap',
  },
  good: { color: tokens.colorPaletteGreenForeground1 },
  bad: { color: tokens.colorPaletteRedForeground1 },
  change: { display: 'inline-flex', alignItems: 'center', gap: '2px', fontWeight: tokens.fontWeightSemibold },
});

export interface StatCardProps {
  label: string;
  value: string;
  /** e.g. "yesterday 1,234" */
  comparison?: ReactNode;
  /** today vs yesterday as a ratio (0.1 = +10%), null when not comparable */
  change?: { ratio: number | null; text: string; upIsGood: boolean };
  testId?: string;
}

export function StatCard({ label, value, comparison, change, testId }: StatCardProps) {
  const styles = useStyles();
  const ratio = change?.ratio ?? null;
  const up = ratio !== null && ratio > 0;
  const good = ratio === null || ratio === 0 ? null : up === change?.upIsGood;
  return (
    <Card className={styles.card} data-testid={testId}>
      <Caption1 className={styles.label}>{label}</Caption1>
      <Text className={styles.value} data-testid={testId ? `${testId}-value` : undefined}>
        {value}
      </Text>
      <div className={styles.foot}>
        {change && ratio !== null && ratio !== 0 ? (
          <span className={mergeClasses(styles.change, good ? styles.good : styles.bad)}>
            {up ? <ArrowUpRegular /> : <ArrowDownRegular />}
            {change.text}
          </span>
        ) : null}
        {comparison ? <Caption1>{comparison}</Caption1> : null}
      </div>
    </Card>
  );
}
