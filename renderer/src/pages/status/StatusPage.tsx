// The public status page (no login): the providers the operator chose, under their public names, as timelines.
import { Card, makeStyles, Subtitle1, Text, Title2, tokens } from '@fluentui/react-components';
import type { AvailabilityStatus } from '../../../../shared/operations-schemas';
import { endpoints } from '../../api/endpoints';
import { ApiRequestError } from '../../api/errors';
import { useApi } from '../../api/useApi';
import { AvailabilityStrip } from '../../components/AvailabilityStrip';
import { Empty, Loading } from '../../components/States';
import { useFormat } from '../../format/useFormat';
import { PublicFrame } from '../../frame/PublicFrame';
import { useT } from '../../i18n/I18nProvider';

const POLL_MS = 60_000;

const useStyles = makeStyles({
  main: {
    maxWidth: '880px',
    margin: '0 auto',
    padding: tokens.spacingHorizontalXL,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
  },
  card: { gap: tokens.spacingVerticalS },
  head: { display: 'flex', justifyContent: 'space-between', alignItems: 'baseline', gap: tokens.spacingHorizontalM },
  ok: { color: tokens.colorPaletteGreenForeground1 },
  degraded: { color: tokens.colorPaletteMarigoldForeground1 },
  down: { color: tokens.colorPaletteRedForeground1 },
  no_data: { color: tokens.colorNeutralForeground3 },
  meta: { color: tokens.colorNeutralForeground3 },
});

export default function StatusPage() {
  const t = useT();
  const fmt = useFormat();
  const styles = useStyles();
  const status = useApi('public-status', (signal) => endpoints.publicStatus(signal), POLL_MS);
  const off = status.error instanceof ApiRequestError && status.error.status === 404;
  const label = (s: AvailabilityStatus) => t(`availability.status.${s}`);
  const hourly = (status.data?.bucketMinutes ?? 60) <= 60;
  return (
    <PublicFrame>
      <main className={styles.main} data-testid="status-page">
        {off ? <Empty>{t('status.notEnabled')}</Empty> : null}
        {!status.data && status.loading ? <Loading /> : null}
        {status.data ? (
          <>
            <Title2 as="h1">{status.data.title}</Title2>
            <Text className={styles.meta}>{t('status.updated', { time: fmt.dateTime(status.data.generatedAt) })}</Text>
            {status.data.providers.map((p) => (
              <Card key={p.name} className={styles.card} data-testid="status-provider">
                <div className={styles.head}>
                  <Subtitle1 as="h2">{p.name}</Subtitle1>
                  <Text
                    weight="semibold"
                    className={styles[p.status]}
                    data-testid="status-state"
                    data-status={p.status}
                  >
                    {label(p.status)}
                  </Text>
                </div>
                <AvailabilityStrip
                  cells={p.buckets.map((b) => ({
                    key: b.start,
                    status: b.status,
                    title: `${fmt.bucket(b.start, hourly)}: ${label(b.status)}`,
                  }))}
                />
                <Text className={styles.meta}>
                  {t('status.availability', { percent: fmt.percent(p.availability, 2) })}
                  {p.ttfbP50Ms !== undefined && p.ttfbP50Ms !== null
                    ? ` · ${t('status.ttfb', { ms: fmt.duration(p.ttfbP50Ms) })}`
                    : ''}
                </Text>
              </Card>
            ))}
          </>
        ) : null}
      </main>
    </PublicFrame>
  );
}
