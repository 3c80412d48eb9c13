// A provider's observed health (from real traffic and tests, not the breaker): untested, ok or failing, with the
// last hour's error rate and median first byte beside it and the last error on hover.
import { Badge, Caption1, makeStyles, Tooltip, tokens } from '@fluentui/react-components';
import type { ProviderHealth } from '../../../shared/api-schemas';
import { useFormat } from '../format/useFormat';
import { useT } from '../i18n/I18nProvider';

const useStyles = makeStyles({
  root: { display: 'inline-flex', flexDirection: 'column', alignItems: 'flex-start', gap: '2px', minWidth: 0 },
  facts: { color: tokens.colorNeutralForeground3 },
  error: { color: tokens.colorPaletteRedForeground1, overflowWrap: 'anywhere' },
});

export function HealthBadge({ health, showError = false }: { health: ProviderHealth; showError?: boolean }) {
  const t = useT();
  const f = useFormat();
  const styles = useStyles();
  const color = health.state === 'ok' ? 'success' : health.state === 'failing' ? 'danger' : 'informative';
  const label =
    health.state === 'ok' ? t('health.ok') : health.state === 'failing' ? t('health.failing') : t('health.untested');
  const facts =
    health.errorRate1h === null
      ? null
      : t('health.facts', {
          rate: f.percent(health.errorRate1h, 0),
          ttfb: health.firstByteP50Ms1h === null ? '—' : f.duration(health.firstByteP50Ms1h),
        });
  const tip = [
    health.lastCheckedAt ? t('health.lastChecked', { time: f.dateTime(health.lastCheckedAt) }) : t('health.never'),
    health.lastError ? t('health.lastError', { error: health.lastError }) : null,
  ]
    .filter(Boolean)
    .join(' · ');
  return (
    <span className={styles.root} data-testid="provider-health-state" data-state={health.state}>
      <Tooltip content={tip} relationship="description">
        <Badge appearance="filled" color={color} shape="rounded">
          {label}
        </Badge>
      </Tooltip>
      {facts ? <Caption1 className={styles.facts}>{facts}</Caption1> : null}
      {showError && health.state === 'failing' && health.lastError ? (
        <Caption1 className={styles.error} data-testid="provider-health-error">
          {health.lastError.length > 140 ? `${health.lastError.slice(0, 139)}…` : health.lastError}
        </Caption1>
      ) : null}
    </span>
  );
}
