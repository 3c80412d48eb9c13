// Keys: every key with its owner for admins (manage from here too); a member's own keys, read-only.
import { Button, makeStyles, tokens } from '@fluentui/react-components';
import { AddRegular } from '@fluentui/react-icons';
import { endpoints } from '../../api/endpoints';
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
import { KeyCard } from './KeyCard';

const useStyles = makeStyles({ list: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM } });

export default function KeysPage() {
  const t = useT();
  const styles = useStyles();
  const { access } = useSession();
  const admin = access === 'admin';
  const names = useNames(admin);
  const keys = usePagedList('keys', (cursor, signal) => endpoints.keys({ limit: 50, cursor }, signal));
  const actions = useKeyActions(keys.reload);
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
          ) : undefined
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
              ) : undefined
            }
            onAction={(action) => actions.act(k, action)}
            {...(admin ? {} : { allowed: ['rotate'] as const })}
          />
        ))}
      </div>
      <LoadMore hasMore={keys.hasMore} loading={keys.loading} onLoad={keys.loadMore} />
      {actions.dialogs}
    </>
  );
}
