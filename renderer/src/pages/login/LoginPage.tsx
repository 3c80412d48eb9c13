// Sign-in with the admin token or a hub key; returns to the page that asked for it.
import {
  Button,
  Card,
  Field,
  Input,
  Link,
  MessageBar,
  MessageBarBody,
  makeStyles,
  Text,
  Title2,
  tokens,
} from '@fluentui/react-components';
import { KeyRegular } from '@fluentui/react-icons';
import { type FormEvent, useEffect, useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { useAuth } from '../../auth/AuthProvider';
import { homePath, safeReturnPath } from '../../auth/access';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loading } from '../../components/States';
import { PublicFrame } from '../../frame/PublicFrame';
import { useT } from '../../i18n/I18nProvider';

const useStyles = makeStyles({
  wrap: {
    display: 'flex',
    justifyContent: 'center',
    padding: `${tokens.spacingVerticalXXXL} ${tokens.spacingHorizontalM}`,
  },
  card: { width: '100%', maxWidth: '420px', padding: tokens.spacingHorizontalXXL },
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  hint: { color: tokens.colorNeutralForeground3 },
});

export default function LoginPage() {
  const t = useT();
  const styles = useStyles();
  const { state, login } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const from = safeReturnPath(params.get('from'));

  useEffect(() => {
    document.title = `${t('auth.title')} · cchub`;
  }, [t]);

  if (state.status === 'loading') return <Loading />;
  if (state.status === 'signed-in') return <Navigate to={from ?? homePath(state.access)} replace />;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!token.trim() || busy) return;
    setBusy(true);
    setError(undefined);
    login(token.trim()).then(
      (access) => navigate(from ?? homePath(access), { replace: true }),
      (err: unknown) => {
        setError(err);
        setBusy(false);
      },
    );
  };

  return (
    <PublicFrame>
      <div className={styles.wrap}>
        <Card className={styles.card}>
          <form className={styles.form} onSubmit={submit} data-testid="login-form">
            <Title2 as="h1">{t('auth.title')}</Title2>
            <Text className={styles.hint}>{t('auth.hint')}</Text>
            {state.expired || params.get('expired') ? (
              <MessageBar intent="warning">
                <MessageBarBody>{t('auth.expired')}</MessageBarBody>
              </MessageBar>
            ) : null}
            <Field label={t('auth.token')} required>
              <Input
                type="password"
                name="token"
                autoComplete="current-password"
                autoFocus
                contentBefore={<KeyRegular />}
                value={token}
                onChange={(_e, data) => setToken(data.value)}
                placeholder="sk-cchub-…"
              />
            </Field>
            <ErrorMessage error={error} />
            <Button
              appearance="primary"
              type="submit"
              disabledFocusable={busy || !token.trim()}
              data-testid="login-submit"
            >
              {busy ? t('auth.signingIn') : t('auth.signIn')}
            </Button>
            <Text size={200} className={styles.hint}>
              {t('auth.usageHint')} <Link href="/usage">{t('auth.usageLink')}</Link>
            </Text>
          </form>
        </Card>
      </div>
    </PublicFrame>
  );
}
