// The admin dashboard: today's figures, usage over time, provider health and live sessions.
import { makeStyles, tokens } from '@fluentui/react-components';
import { endpoints } from '../../api/endpoints';
import { useApi } from '../../api/useApi';
import { useNames } from '../../api/useNames';
import { useSession } from '../../auth/AuthProvider';
import { ErrorMessage } from '../../components/ErrorMessage';
import { PageHeader } from '../../components/PageHeader';
import { Loading } from '../../components/States';
import { useT } from '../../i18n/I18nProvider';
import { LiveSessions } from './LiveSessions';
import { OverviewCards } from './OverviewCards';
import { ProviderHealth } from './ProviderHealth';
import { UsageChartCard } from './UsageChartCard';

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  columns: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(360px, 1fr))',
    gap: tokens.spacingHorizontalL,
    alignItems: 'start',
  },
});

export default function DashboardPage() {
  const t = useT();
  const styles = useStyles();
  const { access } = useSession();
  const admin = access === 'admin';
  const overview = useApi('overview', (s) => endpoints.overview(s), 5000);
  return (
    <div className={styles.stack}>
      <PageHeader
        title={t('nav.dashboard')}
        description={admin ? t('dashboard.description') : t('dashboard.descriptionOwn')}
      />
      {overview.error ? <ErrorMessage error={overview.error} onRetry={overview.reload} /> : null}
      {overview.data ? <OverviewCards overview={overview.data} /> : overview.loading ? <Loading /> : null}
      <UsageChartCard allowProvider={admin} />
      {admin ? <HubHealth /> : null}
    </div>
  );
}

/** Admins only: provider health with breaker states, and the sessions in flight now. */
function HubHealth() {
  const styles = useStyles();
  const providers = useApi('providers', (s) => endpoints.providers(s), 5000);
  const names = useNames();
  return (
    <div className={styles.columns}>
      {providers.error ? <ErrorMessage error={providers.error} onRetry={providers.reload} /> : null}
      {providers.data ? <ProviderHealth providers={providers.data.items} onChanged={providers.reload} /> : null}
      <LiveSessions names={names} />
    </div>
  );
}
