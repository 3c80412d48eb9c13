// Usage against each limited window as a bar (used, limit, live reset countdown); unlimited windows in one line.
import { Button, Caption1, makeStyles, ProgressBar, Text, tokens } from '@fluentui/react-components';
import { ArrowResetRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import type { QuotaItem, QuotaWindow, ResettableWindow } from '../../../shared/api-schemas';
import { useFormat } from '../format/useFormat';
import type { MessageKey } from '../i18n/catalogue';
import { useT } from '../i18n/I18nProvider';
import { useNow } from '../lib/useNow';
import { ConfirmDialog } from './ConfirmDialog';

const WINDOW_LABELS: Record<QuotaWindow, MessageKey> = {
  rpm: 'quota.rpm',
  fiveHour: 'quota.fiveHour',
  daily: 'quota.daily',
  weekly: 'quota.weekly',
  monthly: 'quota.monthly',
  total: 'quota.total',
  concurrentSessions: 'quota.concurrentSessions',
};

const SPEND_WINDOWS = new Set<QuotaWindow>(['fiveHour', 'daily', 'weekly', 'monthly', 'total']);

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  list: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(220px, 1fr))',
    gap: tokens.spacingHorizontalL,
  },
  item: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, minWidth: 0 },
  head: { display: 'flex', justifyContent: 'space-between', gap: tokens.spacingHorizontalS },
  muted: { color: tokens.colorNeutralForeground3 },
});

/** How full a window is, 0..1 (0 without a limit; a zero limit with any use is full). */
export function quotaRatio(item: Pick<QuotaItem, 'used' | 'limit'>): number {
  if (item.limit === null) return 0;
  if (item.limit <= 0) return item.used > 0 ? 1 : 0;
  return Math.min(1, item.used / item.limit);
}

const RESETTABLE = new Set<QuotaWindow>(['rpm', 'fiveHour', 'daily', 'weekly', 'monthly', 'total']);

export function QuotaBars({
  items,
  testId,
  onReset,
}: {
  items: readonly QuotaItem[];
  testId?: string;
  /** Offered to admins: resets one window (a confirmation first). */
  onReset?(window: ResettableWindow): Promise<unknown>;
}) {
  const t = useT();
  const [resetting, setResetting] = useState<ResettableWindow | null>(null);
  const f = useFormat();
  const styles = useStyles();
  const now = useNow(1000);
  const amount = (item: QuotaItem, value: number) =>
    SPEND_WINDOWS.has(item.window) ? f.money(value) : f.number(value);
  const limited = items.filter((i) => i.limit !== null);
  const unlimited = items.filter((i) => i.limit === null);
  return (
    <div className={styles.root} data-testid={testId}>
      {limited.length > 0 ? (
        <div className={styles.list}>
          {limited.map((item) => {
            const ratio = quotaRatio(item);
            const resetsIn = item.resetsAt ? Date.parse(item.resetsAt) - now : null;
            return (
              <div
                key={`${item.scope ?? ''}:${item.window}`}
                className={styles.item}
                data-testid="quota-item"
                data-window={item.window}
                data-full={ratio >= 1 ? 'true' : 'false'}
              >
                <div className={styles.head}>
                  <Text weight="semibold">{t(WINDOW_LABELS[item.window])}</Text>
                  <Text data-testid="quota-usage">
                    {amount(item, item.used)} / {amount(item, item.limit ?? 0)}
                  </Text>
                </div>
                <ProgressBar
                  value={ratio}
                  max={1}
                  thickness="large"
                  color={ratio >= 1 ? 'error' : ratio >= 0.8 ? 'warning' : 'brand'}
                  aria-label={t(WINDOW_LABELS[item.window])}
                />
                <div className={styles.head}>
                  <Caption1 className={styles.muted}>
                    {resetsIn !== null && resetsIn > 0 ? t('quota.resetsIn', { time: f.countdown(resetsIn) }) : ' '}
                  </Caption1>
                  {onReset && RESETTABLE.has(item.window) ? (
                    <Button
                      size="small"
                      appearance="subtle"
                      icon={<ArrowResetRegular />}
                      onClick={() => setResetting(item.window as ResettableWindow)}
                      data-testid="quota-reset"
                    >
                      {t('quota.reset')}
                    </Button>
                  ) : null}
                </div>
              </div>
            );
          })}
        </div>
      ) : null}
      {unlimited.length > 0 ? (
        <Caption1 className={styles.muted} data-testid="quota-unlimited">
          {t('quota.unlimitedUsage', {
            list: unlimited.map((i) => `${t(WINDOW_LABELS[i.window])} ${amount(i, i.used)}`).join(' · '),
          })}
        </Caption1>
      ) : null}
      {onReset && resetting ? (
        <ConfirmDialog
          title={t('quota.resetTitle', { window: t(WINDOW_LABELS[resetting]) })}
          confirmLabel={t('quota.reset')}
          onConfirm={() => onReset(resetting)}
          onClose={() => setResetting(null)}
        >
          {t('quota.resetBody')}
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
