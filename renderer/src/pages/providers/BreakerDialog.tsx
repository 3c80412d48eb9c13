// A provider's circuit breaker in full (state, failures, when it opened and retries, its history; reset) and its quota
// windows, each resettable.
import {
  Button,
  Caption1,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import type { Provider } from '../../../../shared/api-schemas';
import { endpoints } from '../../api/endpoints';
import { useApi } from '../../api/useApi';
import { BreakerBadge } from '../../components/BreakerBadge';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Facts } from '../../components/Facts';
import { QuotaBars } from '../../components/QuotaBars';
import { Loading } from '../../components/States';
import { EMPTY_VALUE } from '../../format/format';
import { useFormat } from '../../format/useFormat';
import { useT } from '../../i18n/I18nProvider';

const useStyles = makeStyles({
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  muted: { color: tokens.colorNeutralForeground3 },
});

export function BreakerDialog({
  provider,
  onClose,
  onReset,
}: {
  provider: Provider;
  onClose(): void;
  onReset(): void;
}) {
  const t = useT();
  const f = useFormat();
  const styles = useStyles();
  const breaker = useApi(`breaker:${provider.id}`, (s) => endpoints.breaker(provider.id, s), 5000);
  const [error, setError] = useState<unknown>(undefined);
  const quota = useApi(`provider-quota:${provider.id}`, (s) => endpoints.providerQuota(provider.id, s));
  const limited = (quota.data?.items ?? []).filter((q) => q.limit !== null && q.limit !== undefined);
  const b = breaker.data;
  const history = [...(b?.history ?? [])].reverse();
  const reset = () => {
    setError(undefined);
    endpoints.resetBreaker(provider.id).then(() => {
      breaker.reload();
      onReset();
    }, setError);
  };
  return (
    <Dialog open onOpenChange={(_e, d) => (d.open ? null : onClose())}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{t('breaker.title', { name: provider.name })}</DialogTitle>
          <DialogContent className={styles.content} data-testid="breaker-dialog">
            <ErrorMessage error={breaker.error ?? error} />
            {!b ? <Loading /> : null}
            {b ? (
              <>
                <Facts
                  items={[
                    [t('common.status'), <BreakerBadge key="s" state={b.state} />],
                    [t('breaker.failuresLabel'), f.number(b.failures)],
                    [t('breaker.openedAt'), b.openedAt ? f.dateTime(b.openedAt) : EMPTY_VALUE],
                    [t('breaker.retryAtLabel'), b.retryAt ? f.dateTime(b.retryAt) : EMPTY_VALUE],
                    [
                      t('breaker.settings'),
                      t('breaker.settingsValue', {
                        threshold: provider.breaker.failureThreshold,
                        open: f.duration(provider.breaker.openMs),
                        successes: provider.breaker.halfOpenSuccesses,
                      }),
                    ],
                  ]}
                />
                {history.length === 0 ? (
                  <Caption1 className={styles.muted}>{t('breaker.noHistory')}</Caption1>
                ) : (
                  <Table size="small" aria-label={t('breaker.history')}>
                    <TableHeader>
                      <TableRow>
                        <TableHeaderCell>{t('logs.time')}</TableHeaderCell>
                        <TableHeaderCell>{t('common.status')}</TableHeaderCell>
                        <TableHeaderCell>{t('breaker.reason')}</TableHeaderCell>
                      </TableRow>
                    </TableHeader>
                    <TableBody>
                      {history.map((h, i) => (
                        // biome-ignore lint/suspicious/noArrayIndexKey: history entries have no id; the list is replaced whole
                        <TableRow key={i} data-testid="breaker-history-row">
                          <TableCell>{f.shortDateTime(h.at)}</TableCell>
                          <TableCell>
                            <BreakerBadge state={h.state} />
                          </TableCell>
                          <TableCell>{typeof h.reason === 'string' ? h.reason : EMPTY_VALUE}</TableCell>
                        </TableRow>
                      ))}
                    </TableBody>
                  </Table>
                )}
              </>
            ) : null}
            {limited.length > 0 ? (
              <QuotaBars
                items={limited}
                testId="provider-quota"
                onReset={(window) => endpoints.resetQuota('provider', provider.id, window).then(quota.reload)}
              />
            ) : null}
          </DialogContent>
          <DialogActions>
            <Button
              appearance="primary"
              onClick={reset}
              disabled={!b || b.state === 'closed'}
              data-testid="breaker-reset"
            >
              {t('providers.resetBreaker')}
            </Button>
            <Button onClick={onClose}>{t('common.close')}</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
