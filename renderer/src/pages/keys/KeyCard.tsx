// One hub key: prefix, state, login right, last use, expiry, its quota bars, and (for admins) its actions.
import {
  Badge,
  Button,
  Caption1,
  Card,
  CardHeader,
  Menu,
  MenuItem,
  MenuList,
  MenuPopover,
  MenuTrigger,
  makeStyles,
  Text,
  tokens,
} from '@fluentui/react-components';
import {
  ArrowSyncRegular,
  CalendarCancelRegular,
  DeleteRegular,
  EditRegular,
  MoreHorizontalRegular,
  PauseRegular,
  PlayRegular,
} from '@fluentui/react-icons';
import type { ReactNode } from 'react';
import type { Key } from '../../../../shared/api-schemas';
import { endpoints } from '../../api/endpoints';
import { useApi } from '../../api/useApi';
import { ErrorMessage } from '../../components/ErrorMessage';
import { QuotaBars } from '../../components/QuotaBars';
import { lifeState, StatusBadge } from '../../components/StatusBadge';
import { useFormat } from '../../format/useFormat';
import { useT } from '../../i18n/I18nProvider';
import { useNow } from '../../lib/useNow';

const useStyles = makeStyles({
  header: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  prefix: { fontFamily: tokens.fontFamilyMonospace, color: tokens.colorNeutralForeground3 },
  actions: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalXXS },
  facts: { display: 'flex', gap: tokens.spacingHorizontalL, flexWrap: 'wrap', color: tokens.colorNeutralForeground3 },
});

export type KeyAction = 'edit' | 'rotate' | 'toggle' | 'expire' | 'delete';

export function KeyCard({
  keyRecord,
  owner,
  onAction,
  allowed = ['edit', 'rotate', 'toggle', 'expire', 'delete'],
  canResetQuota = false,
}: {
  keyRecord: Key;
  owner?: ReactNode;
  onAction?(action: KeyAction): void;
  /** The actions offered (a member manages their own keys through /me/keys, without expiring them). */
  allowed?: readonly KeyAction[];
  /** Admins: a reset button on each quota window. */
  canResetQuota?: boolean;
}) {
  const may = (action: KeyAction) => allowed.includes(action);
  const t = useT();
  const f = useFormat();
  const styles = useStyles();
  const now = useNow(30_000);
  const quota = useApi(
    `key-quota:${keyRecord.id}:${keyRecord.updatedAt}`,
    (s) => endpoints.keyQuota(keyRecord.id, s),
    30_000,
  );
  const state = lifeState(keyRecord, now);
  return (
    <Card data-testid="key-card" data-name={keyRecord.name}>
      <CardHeader
        header={
          <div className={styles.header}>
            <Text weight="semibold">{keyRecord.name}</Text>
            <span className={styles.prefix}>{keyRecord.prefix}…</span>
            <StatusBadge state={state} />
            {keyRecord.canLogin ? (
              <Badge appearance="tint" color="brand">
                {t('keys.canLogin')}
              </Badge>
            ) : null}
            {keyRecord.groups
              ? keyRecord.groups.map((g) => (
                  <Badge key={g} appearance="outline" color="informative">
                    {g}
                  </Badge>
                ))
              : null}
          </div>
        }
        description={
          <Caption1 className={styles.facts}>
            {owner ? <span>{owner}</span> : null}
            <span>
              {t('keys.lastUsed', {
                time: keyRecord.lastUsedAt ? f.dateTime(keyRecord.lastUsedAt) : t('common.never'),
              })}
            </span>
            <span>
              {t('keys.expires', { time: keyRecord.expiresAt ? f.dateTime(keyRecord.expiresAt) : t('common.never') })}
            </span>
            {keyRecord.retiresAt ? <span>{t('keys.retires', { time: f.dateTime(keyRecord.retiresAt) })}</span> : null}
          </Caption1>
        }
        action={
          onAction ? (
            <div className={styles.actions}>
              {may('rotate') ? (
                <Button
                  size="small"
                  icon={<ArrowSyncRegular />}
                  onClick={() => onAction('rotate')}
                  data-testid="key-rotate"
                >
                  {t('keys.rotate')}
                </Button>
              ) : null}
              {allowed.some((a) => a !== 'rotate') ? (
                <Menu>
                  <MenuTrigger disableButtonEnhancement>
                    <Button
                      size="small"
                      appearance="subtle"
                      icon={<MoreHorizontalRegular />}
                      aria-label={t('common.more')}
                      data-testid="key-menu"
                    />
                  </MenuTrigger>
                  <MenuPopover>
                    <MenuList>
                      {may('edit') ? (
                        <MenuItem icon={<EditRegular />} onClick={() => onAction('edit')} data-testid="key-edit">
                          {t('common.edit')}
                        </MenuItem>
                      ) : null}
                      {may('toggle') ? (
                        <MenuItem
                          icon={keyRecord.enabled ? <PauseRegular /> : <PlayRegular />}
                          onClick={() => onAction('toggle')}
                          data-testid="key-toggle"
                        >
                          {keyRecord.enabled ? t('common.disable') : t('common.enable')}
                        </MenuItem>
                      ) : null}
                      {may('expire') ? (
                        <MenuItem
                          icon={<CalendarCancelRegular />}
                          onClick={() => onAction('expire')}
                          data-testid="key-expire"
                        >
                          {t('keys.expireNow')}
                        </MenuItem>
                      ) : null}
                      {may('delete') ? (
                        <MenuItem icon={<DeleteRegular />} onClick={() => onAction('delete')}>
                          {t('common.delete')}
                        </MenuItem>
                      ) : null}
                    </MenuList>
                  </MenuPopover>
                </Menu>
              ) : null}
            </div>
          ) : undefined
        }
      />
      {quota.error ? <ErrorMessage error={quota.error} /> : null}
      {quota.data ? (
        <QuotaBars
          items={quota.data.items}
          testId="key-quota"
          {...(canResetQuota
            ? { onReset: (window) => endpoints.resetQuota('key', keyRecord.id, window).then(quota.reload) }
            : {})}
        />
      ) : null}
    </Card>
  );
}
