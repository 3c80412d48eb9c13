// Enabled / disabled / expired / retiring as one badge, for users and keys.
import { Badge } from '@fluentui/react-components';
import { useT } from '../i18n/I18nProvider';

export type LifeState = 'active' | 'disabled' | 'expired' | 'retiring';

export function lifeState(
  item: { enabled: boolean; expiresAt: string | null; retiresAt?: string | null },
  now: number,
): LifeState {
  if (!item.enabled) return 'disabled';
  if (item.expiresAt && Date.parse(item.expiresAt) <= now) return 'expired';
  if (item.retiresAt) return Date.parse(item.retiresAt) <= now ? 'expired' : 'retiring';
  return 'active';
}

export function StatusBadge({ state }: { state: LifeState }) {
  const t = useT();
  const color =
    state === 'active' ? 'success' : state === 'retiring' ? 'warning' : state === 'expired' ? 'danger' : 'subtle';
  const label =
    state === 'active'
      ? t('status.active')
      : state === 'disabled'
        ? t('status.disabled')
        : state === 'expired'
          ? t('status.expired')
          : t('status.retiring');
  return (
    <Badge
      appearance="tint"
      color={color === 'subtle' ? 'subtle' : color}
      data-testid="status-badge"
      data-state={state}
    >
      {label}
    </Badge>
  );
}
