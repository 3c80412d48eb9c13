// Keys: every key with its owner for admins (manage from here too); a member's own keys, which they create, rename,
// disable, rotate and delete themselves (up to the admin-set number).
import { Button, Caption1, makeStyles, tokens } from '@fluentui/react-components';
import { AddRegular } from '@fluentui/react-icons';
import { endpoints } from '../../api/endpoints';
import { useApi } from '../../api/useApi';
import { useNames } from '../../api/useNames';
import { usePagedList } from '../../api/usePagedList';
import { useSession } from '../../auth/AuthProvider';
import { ErrorMessage } from '../../components/ErrorMessage';
import { LoadMore } from '../../components/LoadMore';
import { PageHeader } from '../../components/PageHeader';
import { RouterLink } from '../../components/RouterLink';
import { Empty } from '../../components/States';
import { useT } from '../../i18n/I18nProvider';
import { useKeyActions } from './KeyActions';
import { type KeyAction, KeyCard } from './KeyCard';

const useStyles = makeStyles({
  list: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  muted: { color: tokens.colorNeutralForeground3 },
});

/** What a member may do with their own keys; the key they are signed in with cannot be disabled or deleted. */
const OWN_ACTIONS: readonly KeyAction[] = ['rotate', 'edit', 'toggle', 'delete'];
const CURRENT_KEY_ACTIONS: readonly KeyAction[] = ['rotate', 'edit'];

export default function KeysPage() {
  const t = useT();
  const styles = useStyles();
  const { access } = useSession();
  const admin = access === 'admin';
  const names = useNames(admin);
  const keys = usePagedList('keys', (cursor, signal) => endpoints.keys({ limit: 50, cursor }, signal));
  const me = useApi('me', (s) => endpoints.me(s));
  const actions = useKeyActions(keys.reload, { self: !admin });
  const currentKeyId = me.data?.key?.id;
  const live = keys.items.filter((k) => !k.retiresAt || Date.parse(k.retiresAt) > Date.now()).length;
  return (
    <>
      <PageHeader
        title={t('nav.keys')}
        description={admin ? t('keys.descriptionAdmin') : t('keys.descriptionMember')}
        actions={
          admin ? (
            <Button appearance="primary" icon={<AddRegular />} onClick={() => actions.create()} data-testid="key-new">
              {t('keys.add')}
            </Button>
          ) : (
            <>
              <Caption1 className={styles.muted} data-testid="my-key-count">
                {t('myKeys.count', { count: live, max: me.data?.maxKeysPerUser ?? '…' })}
              </Caption1>
              <Button appearance="primary" icon={<AddRegular />} onClick={actions.createMine} data-testid="my-key-add">
                {t('myKeys.add')}
              </Button>
            </>
          )
        }
      />
      <ErrorMessage error={keys.error} onRetry={keys.reload} />
      {!keys.loading && !keys.error && keys.items.length === 0 ? <Empty>{t('keys.empty')}</Empty> : null}
      <div className={styles.list}>
        {keys.items.map((k) => (
          <KeyCard
            key={k.id}
            keyRecord={k}
            owner={
              admin ? (
                <RouterLink href={`/users/${encodeURIComponent(k.userId)}`}>
                  {names.user(k.userId) ?? k.userId}
                </RouterLink>
              ) : k.id === currentKeyId ? (
                t('myKeys.current')
              ) : undefined
            }
            onAction={(action) => actions.act(k, action)}
            canResetQuota={admin}
            {...(admin ? {} : { allowed: k.id === currentKeyId ? CURRENT_KEY_ACTIONS : OWN_ACTIONS })}
          />
        ))}
      </div>
      <LoadMore hasMore={keys.hasMore} loading={keys.loading} onLoad={keys.loadMore} />
      {actions.dialogs}
    </>
  );
}
