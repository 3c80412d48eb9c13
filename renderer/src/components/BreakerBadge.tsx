// A provider's circuit-breaker state as a coloured badge (closed = healthy, half-open = probing, open = skipped).
import { Badge, Tooltip } from '@fluentui/react-components';
import type { BreakerStateName } from '../../../shared/api-schemas';
import { useFormat } from '../format/useFormat';
import { useT } from '../i18n/I18nProvider';

export function BreakerBadge({
  state,
  retryAt,
  failures,
}: {
  state: BreakerStateName;
  retryAt?: string | null | undefined;
  failures?: number | undefined;
}) {
  const t = useT();
  const f = useFormat();
  const color = state === 'closed' ? 'success' : state === 'open' ? 'danger' : 'warning';
  const label = state === 'closed' ? t('breaker.closed') : state === 'open' ? t('breaker.open') : t('breaker.halfOpen');
  const details = [
    failures !== undefined ? t('breaker.failures', { count: failures }) : null,
    retryAt ? t('breaker.retryAt', { time: f.dateTime(retryAt) }) : null,
  ].filter(Boolean);
  const badge = (
    <Badge appearance="tint" color={color} data-testid="breaker-state" data-state={state}>
      {label}
    </Badge>
  );
  if (details.length === 0) return badge;
  return (
    <Tooltip content={details.join(' · ')} relationship="description">
      {badge}
    </Tooltip>
  );
}
