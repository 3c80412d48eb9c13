// One user: who they are, their quotas against each window, and their keys (issue, rotate, disable, expire).
import { Badge, Button, Caption1, Card, CardHeader, makeStyles, Text, tokens } from '@fluentui/react-components';
import {
  AddRegular,
  ArrowLeftRegular,
  DeleteRegular,
  EditRegular,
  TextBulletListLtrRegular,
} from '@fluentui/react-icons';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { endpoints } from '../../api/endpoints';
import { useApi } from '../../api/useApi';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorMessage } from '../../components/ErrorMessage';
import { PageHeader } from '../../components/PageHeader';
import { QuotaBars } from '../../components/QuotaBars';
import { isPlainClick, RouterLink } from '../../components/RouterLink';
import { SectionHeader } from '../../components/SectionHeader';
import { Empty, Loading } from '../../components/States';
import { lifeState, StatusBadge } from '../../components/StatusBadge';
import { useFormat } from '../../format/useFormat';
import { useNotify } from '../../frame/toast';
import { useT } from '../../i18n/I18nProvider';
import { useNow } from '../../lib/useNow';
import { useKeyActions } from '../keys/KeyActions';
import { KeyCard } from '../keys/KeyCard';
import { UserForm } from './UserForm';

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  facts: { display: 'flex', gap: tokens.spacingHorizontalL, flexWrap: 'wrap', alignItems: 'center' },
  muted: { color: tokens.colorNeutralForeground3 },
  keys: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
});

export default function UserDetailPage() {
  const { id = '' } = useParams();
  const t = useT();
  const f = useFormat();
  const styles = useStyles();
  const notify = useNotify();
  const navigate = useNavigate();
  const now = useNow(60_000);
  const user = useApi(`user:${id}`, (s) => endpoints.user(id, s));
  const quota = useApi(`user-quota:${id}:${user.data?.updatedAt ?? ''}`, (s) => endpoints.userQuota(id, s), 10_000);
  const keys = useApi(`user-keys:${id}`, (s) => endpoints.keys({ userId: id, limit: 500 }, s));
  const keyActions = useKeyActions(keys.reload);
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);

  if (user.error) return <ErrorMessage error={user.error} onRetry={user.reload} />;
  if (!user.data) return <Loading />;
  const u = user.data;

  return (
    <div className={styles.stack}>
      <div>
        <RouterLink href="/users">
          <ArrowLeftRegular /> {t('nav.users')}
        </RouterLink>
      </div>
      <PageHeader
        title={u.name}
        description={
          <span className={styles.facts}>
            <StatusBadge state={lifeState(u, now)} />
            <Badge appearance="outline" color={u.role === 'admin' ? 'brand' : 'informative'}>
              {u.role === 'admin' ? t('role.admin') : t('role.user')}
            </Badge>
            <span>
              {t('common.groups')}: {u.groups.length > 0 ? u.groups.join(', ') : 'default'}
            </span>
            <span>{t('keys.expires', { time: u.expiresAt ? f.dateTime(u.expiresAt) : t('common.never') })}</span>
            {u.note ? <span className={styles.muted}>{u.note}</span> : null}
          </span>
        }
        actions={
          <>
            <Button
              onClick={() => {
                endpoints
                  .updateUser(u.id, { enabled: !u.enabled })
                  .then(user.reload, (err: unknown) => notify(String(err), 'error'));
              }}
            >
              {u.enabled ? t('common.disable') : t('common.enable')}
            </Button>
            <Button
              as="a"
              href={`/logs?userId=${encodeURIComponent(u.id)}`}
              icon={<TextBulletListLtrRegular />}
              data-testid="user-requests"
              onClick={(e) => {
                if (!isPlainClick(e)) return;
                e.preventDefault();
                navigate(`/logs?userId=${encodeURIComponent(u.id)}`);
              }}
            >
              {t('users.requests')}
            </Button>
            <Button icon={<EditRegular />} onClick={() => setEditing(true)} data-testid="user-edit">
              {t('common.edit')}
            </Button>
            <Button icon={<DeleteRegular />} onClick={() => setDeleting(true)}>
              {t('common.delete')}
            </Button>
          </>
        }
      />
      <Card>
        <CardHeader
          header={<Text weight="semibold">{t('users.quota')}</Text>}
          description={<Caption1 className={styles.muted}>{t('users.quotaHint')}</Caption1>}
        />
        {quota.error ? <ErrorMessage error={quota.error} /> : null}
        {quota.data ? (
          <QuotaBars
            items={quota.data.items}
            testId="user-quota"
            onReset={(window) => endpoints.resetQuota('user', id, window).then(quota.reload)}
          />
        ) : (
          <Loading />
        )}
        {u.allowedModels.length > 0 ? (
          <Caption1>
            {t('users.allowedModels')}: {u.allowedModels.join(', ')}
          </Caption1>
        ) : null}
      </Card>
      <SectionHeader
        title={t('nav.keys')}
        actions={
          <Button
            appearance="primary"
            icon={<AddRegular />}
            onClick={() => keyActions.create(u.id)}
            data-testid="key-add"
          >
            {t('keys.add')}
          </Button>
        }
      />
      <ErrorMessage error={keys.error} onRetry={keys.reload} />
      {keys.data && keys.data.items.length === 0 ? <Empty>{t('keys.empty')}</Empty> : null}
      <div className={styles.keys}>
        {keys.data?.items.map((k) => (
          <KeyCard key={k.id} keyRecord={k} onAction={(action) => keyActions.act(k, action)} canResetQuota />
        ))}
      </div>
      {keyActions.dialogs}
      {editing ? (
        <UserForm
          user={u}
          onClose={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            notify(t('users.saved', { name: u.name }));
            user.reload();
          }}
        />
      ) : null}
      {deleting ? (
        <ConfirmDialog
          title={t('users.deleteTitle', { name: u.name })}
          confirmLabel={t('common.delete')}
          onConfirm={() => endpoints.deleteUser(u.id).then(() => navigate('/users'))}
          onClose={() => setDeleting(false)}
        >
          {t('users.deleteBody')}
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
