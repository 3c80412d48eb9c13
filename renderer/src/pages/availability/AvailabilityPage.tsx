// Provider availability: one provider's timeline (status per bucket), totals, failures by class, breaker transitions.
import {
  Badge,
  Card,
  Field,
  makeStyles,
  Select,
  Subtitle2,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useSearchParams } from 'react-router';
import type { Availability, AvailabilityBucketSize } from '../../../../shared/operations-schemas';
import { endpoints } from '../../api/endpoints';
import { useApi } from '../../api/useApi';
import { AvailabilityStrip } from '../../components/AvailabilityStrip';
import { BreakerBadge } from '../../components/BreakerBadge';
import { ErrorMessage } from '../../components/ErrorMessage';
import { PageHeader } from '../../components/PageHeader';
import { StatCard } from '../../components/StatCard';
import { Empty, Loading } from '../../components/States';
import { useFormat } from '../../format/useFormat';
import { useT } from '../../i18n/I18nProvider';

const RANGES = {
  '24h': { ms: 86_400_000, bucket: '1h' },
  '7d': { ms: 7 * 86_400_000, bucket: '6h' },
  '30d': { ms: 30 * 86_400_000, bucket: '1d' },
} as const satisfies Record<string, { ms: number; bucket: AvailabilityBucketSize }>;
type RangeId = keyof typeof RANGES;
const POLL_MS = 30_000;

const useStyles = makeStyles({
  controls: {
    display: 'flex',
    gap: tokens.spacingHorizontalL,
    flexWrap: 'wrap',
    marginBottom: tokens.spacingVerticalL,
  },
  cards: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(170px, 1fr))',
    gap: tokens.spacingHorizontalM,
    marginBottom: tokens.spacingVerticalL,
  },
  card: { marginBottom: tokens.spacingVerticalL, gap: tokens.spacingVerticalS },
  axis: { display: 'flex', justifyContent: 'space-between', color: tokens.colorNeutralForeground3 },
});

function Report({ report }: { report: Availability }) {
  const t = useT();
  const fmt = useFormat();
  const styles = useStyles();
  const hourly = report.bucket !== '1d';
  const ms = (a: number | null, b: number | null) => `${fmt.duration(a)} / ${fmt.duration(b)}`;
  const tt = report.totals;
  const classes = Object.entries(tt.errorsByClass).sort((a, b) => b[1] - a[1]);
  return (
    <>
      <div className={styles.cards}>
        <StatCard
          label={t('availability.availability')}
          value={fmt.percent(tt.availability, 2)}
          testId="availability-total"
        />
        <StatCard label={t('availability.requests')} value={fmt.number(tt.requests)} />
        <StatCard label={t('availability.failed')} value={fmt.number(tt.errors)} />
        <StatCard label={t('availability.retried')} value={fmt.number(tt.retried)} testId="availability-retried" />
        <StatCard label={t('availability.ttfb')} value={ms(tt.ttfbP50Ms, tt.ttfbP95Ms)} />
        <StatCard label={t('availability.latency')} value={ms(tt.latencyP50Ms, tt.latencyP95Ms)} />
      </div>
      <Card className={styles.card}>
        <Subtitle2 as="h2">{t('availability.timeline')}</Subtitle2>
        <AvailabilityStrip
          testId="availability-strip"
          cells={report.buckets.map((b) => ({
            key: b.start,
            status: b.status,
            title: t('availability.bucketTitle', {
              start: fmt.bucket(b.start, hourly),
              status: t(`availability.status.${b.status}`),
              requests: fmt.number(b.requests),
              failed: fmt.number(b.errors + b.retried),
            }),
          }))}
        />
        <div className={styles.axis}>
          <Text size={200}>{fmt.shortDateTime(report.from)}</Text>
          <Text size={200}>{fmt.shortDateTime(report.to)}</Text>
        </div>
      </Card>
      <Card className={styles.card}>
        <Subtitle2 as="h2">{t('availability.errorsByClass')}</Subtitle2>
        {classes.length === 0 ? (
          <Text>{t('availability.noErrors')}</Text>
        ) : (
          <Table size="small" data-testid="availability-errors">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>{t('availability.errorClass')}</TableHeaderCell>
                <TableHeaderCell>{t('availability.count')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {classes.map(([cls, n]) => (
                <TableRow key={cls}>
                  <TableCell>
                    <code>{cls}</code>
                  </TableCell>
                  <TableCell>{fmt.number(n)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </Card>
      <Card className={styles.card}>
        <Subtitle2 as="h2">{t('availability.transitions')}</Subtitle2>
        {report.transitions.length === 0 ? (
          <Text>{t('availability.noTransitions')}</Text>
        ) : (
          <Table size="small" data-testid="availability-transitions">
            <TableBody>
              {report.transitions.map((x) => (
                <TableRow key={`${x.at}-${x.to}`}>
                  <TableCell>{fmt.dateTime(x.at)}</TableCell>
                  <TableCell>
                    <Badge appearance="outline">{x.from}</Badge> → <Badge appearance="tint">{x.to}</Badge>
                  </TableCell>
                  <TableCell>{x.reason}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </Card>
    </>
  );
}

export default function AvailabilityPage() {
  const t = useT();
  const styles = useStyles();
  const [params, setParams] = useSearchParams();
  const providers = useApi('availability-providers', (s) => endpoints.providers(s));
  const providerId = params.get('provider') ?? providers.data?.items[0]?.id ?? '';
  const rangeParam = params.get('range');
  const range: RangeId = rangeParam === '7d' || rangeParam === '30d' ? rangeParam : '24h';
  const set = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    next.set(name, value);
    setParams(next, { replace: true });
  };
  const report = useApi(
    `availability:${providerId}:${range}`,
    (signal) => {
      if (!providerId) return Promise.resolve(undefined);
      const to = Date.now();
      const window = { from: new Date(to - RANGES[range].ms).toISOString(), to: new Date(to).toISOString() };
      return endpoints.availability(providerId, { ...window, bucket: RANGES[range].bucket }, signal);
    },
    POLL_MS,
  );
  const provider = providers.data?.items.find((p) => p.id === providerId);

  return (
    <>
      <PageHeader title={t('nav.availability')} description={t('availability.description')} />
      <ErrorMessage error={providers.error ?? report.error} onRetry={report.reload} />
      {providers.data && providers.data.items.length === 0 ? <Empty>{t('availability.noProviders')}</Empty> : null}
      {providers.data && providers.data.items.length > 0 ? (
        <div className={styles.controls}>
          <Field label={t('availability.provider')}>
            <Select
              value={providerId}
              onChange={(_e, d) => set('provider', d.value)}
              data-testid="availability-provider"
            >
              {providers.data.items.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </Select>
          </Field>
          <Field label={t('availability.range')}>
            <Select value={range} onChange={(_e, d) => set('range', d.value)} data-testid="availability-range">
              {(Object.keys(RANGES) as RangeId[]).map((r) => (
                <option key={r} value={r}>
                  {t(`availability.range.${r}`)}
                </option>
              ))}
            </Select>
          </Field>
          {provider ? (
            <Field label={t('availability.breakerNow')}>
              <BreakerBadge state={report.data?.breakerNow ?? provider.breaker.state} />
            </Field>
          ) : null}
        </div>
      ) : null}
      {report.data ? <Report report={report.data} /> : providers.loading || report.loading ? <Loading /> : null}
    </>
  );
}
