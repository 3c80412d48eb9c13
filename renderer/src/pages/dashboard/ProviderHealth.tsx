// Every provider's health at a glance: observed health (traffic and tests), breaker state, priority; an open breaker
// can be reset here.
import {
  Button,
  Card,
  CardHeader,
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import type { Provider } from '../../../../shared/api-schemas';
import { endpoints } from '../../api/endpoints';
import { BreakerBadge } from '../../components/BreakerBadge';
import { ErrorMessage } from '../../components/ErrorMessage';
import { HealthBadge } from '../../components/HealthBadge';
import { RouterLink } from '../../components/RouterLink';
import { Empty } from '../../components/States';
import { useStackedTable } from '../../components/stackedTable';
import { useT } from '../../i18n/I18nProvider';

const useStyles = makeStyles({ muted: { color: tokens.colorNeutralForeground3 } });

export function ProviderHealth({ providers, onChanged }: { providers: readonly Provider[]; onChanged(): void }) {
  const t = useT();
  const styles = useStyles();
  const stacked = useStackedTable();
  const [error, setError] = useState<unknown>(undefined);
  const reset = (id: string) => {
    setError(undefined);
    endpoints.resetBreaker(id).then(onChanged, setError);
  };
  return (
    <Card data-testid="provider-health">
      <CardHeader
        header={<Text weight="semibold">{t('dashboard.providerHealth')}</Text>}
        action={<RouterLink href="/providers">{t('common.manage')}</RouterLink>}
      />
      <ErrorMessage error={error} />
      {providers.length === 0 ? (
        <Empty>
          {t('providers.empty')} <RouterLink href="/providers">{t('providers.add')}</RouterLink>
        </Empty>
      ) : (
        <Table size="small" className={stacked.table} aria-label={t('dashboard.providerHealth')}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell>{t('common.name')}</TableHeaderCell>
              <TableHeaderCell>{t('health.label')}</TableHeaderCell>
              <TableHeaderCell>{t('providers.breaker')}</TableHeaderCell>
              <TableHeaderCell>{t('providers.priority')}</TableHeaderCell>
              <TableHeaderCell />
            </TableRow>
          </TableHeader>
          <TableBody>
            {providers.map((p) => (
              <TableRow key={p.id} data-testid="provider-health-row">
                <TableCell data-wide>
                  {p.name}
                  {p.enabled ? null : <Text className={styles.muted}> · {t('common.disabled')}</Text>}
                </TableCell>
                <TableCell>
                  <HealthBadge health={p.health} />
                </TableCell>
                <TableCell data-label={t('providers.breaker')}>
                  <BreakerBadge state={p.breaker.state} retryAt={p.breaker.retryAt} failures={p.breaker.failures} />
                </TableCell>
                <TableCell data-label={t('providers.priority')}>{p.priority}</TableCell>
                <TableCell>
                  {p.breaker.state === 'closed' ? null : (
                    <Button size="small" onClick={() => reset(p.id)}>
                      {t('providers.resetBreaker')}
                    </Button>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Card>
  );
}
