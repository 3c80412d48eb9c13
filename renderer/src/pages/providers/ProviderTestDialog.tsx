// Sends one minimal real request through a provider and shows the outcome: status, latency, first words.
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  makeStyles,
  Spinner,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import type { Provider, ProviderTestResult } from '../../../../shared/api-schemas';
import { endpoints } from '../../api/endpoints';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useFormat } from '../../format/useFormat';
import { useT } from '../../i18n/I18nProvider';

const useStyles = makeStyles({
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  facts: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    gap: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalL}`,
  },
  label: { color: tokens.colorNeutralForeground3 },
  words: { fontStyle: 'italic', wordBreak: 'break-word' },
  code: { fontFamily: tokens.fontFamilyMonospace, wordBreak: 'break-all' },
});

export function ProviderTestDialog({ provider, onClose }: { provider: Provider; onClose(): void }) {
  const t = useT();
  const styles = useStyles();
  const [model, setModel] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ProviderTestResult | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const run = () => {
    setBusy(true);
    setError(undefined);
    setResult(undefined);
    endpoints.testProvider(provider.id, model.trim() || undefined).then(
      (r) => {
        setResult(r);
        setBusy(false);
      },
      (err: unknown) => {
        setError(err);
        setBusy(false);
      },
    );
  };
  return (
    <Dialog open onOpenChange={(_e, d) => (d.open ? null : onClose())}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{t('providers.testTitle', { name: provider.name })}</DialogTitle>
          <DialogContent className={styles.content}>
            <Field label={t('providers.testModel')} hint={t('providers.testModelHint')}>
              <Input value={model} onChange={(_e, d) => setModel(d.value)} placeholder={t('common.default')} />
            </Field>
            {busy ? <Spinner size="small" label={t('providers.testing')} /> : null}
            <ErrorMessage error={error} />
            {result ? <TestResultView result={result} /> : null}
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" onClick={run} disabled={busy} data-testid="provider-test-run">
              {result || error ? t('providers.testAgain') : t('providers.test')}
            </Button>
            <Button onClick={onClose}>{t('common.close')}</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}

/** A test's outcome: ok or the error, then status, latency, model, URL and the answer's first words. */
export function TestResultView({ result }: { result: ProviderTestResult }) {
  const t = useT();
  const f = useFormat();
  const styles = useStyles();
  return (
    <div className={styles.content} data-testid="provider-test-result" data-ok={result.ok ? 'true' : 'false'}>
      <MessageBar intent={result.ok ? 'success' : 'error'} layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>{result.ok ? t('providers.testOk') : t('providers.testFailed')}</MessageBarTitle>
          {result.error ?? null}
        </MessageBarBody>
      </MessageBar>
      <div className={styles.facts}>
        <span className={styles.label}>{t('logs.status')}</span>
        <span>{result.status === 0 ? t('providers.noAnswer') : result.status}</span>
        <span className={styles.label}>{t('logs.latency')}</span>
        <span>{f.duration(result.latencyMs)}</span>
        <span className={styles.label}>{t('logs.model')}</span>
        <span className={styles.code}>{result.model}</span>
        <span className={styles.label}>{t('common.url')}</span>
        <span className={styles.code}>{result.url}</span>
        <span className={styles.label}>{t('providers.firstWords')}</span>
        <span className={styles.words} data-testid="provider-test-words">
          {result.firstWords || '—'}
        </span>
      </div>
    </div>
  );
}
