// Imports a LiteLLM price file from a URL or an uploaded file and reports what changed.
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
  makeStyles,
  Tab,
  TabList,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import type { PriceImportResult } from '../../../../shared/api-schemas';
import { endpoints } from '../../api/endpoints';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useFormat } from '../../format/useFormat';
import { useT } from '../../i18n/I18nProvider';

const useStyles = makeStyles({ content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM } });

export function PriceImportDialog({ onClose, onImported }: { onClose(): void; onImported(): void }) {
  const t = useT();
  const f = useFormat();
  const styles = useStyles();
  const [mode, setMode] = useState<'url' | 'file'>('url');
  const [url, setUrl] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const [result, setResult] = useState<PriceImportResult | null>(null);

  const run = () => {
    setBusy(true);
    setError(undefined);
    setResult(null);
    let call: Promise<PriceImportResult>;
    if (mode === 'url') call = endpoints.importPricesUrl(url.trim());
    else {
      if (!file) return setBusy(false);
      const form = new FormData();
      form.append('file', file);
      call = endpoints.importPricesFile(form);
    }
    call.then(
      (r) => {
        setBusy(false);
        setResult(r);
        onImported();
      },
      (err: unknown) => {
        setBusy(false);
        setError(err);
      },
    );
  };

  return (
    <Dialog open onOpenChange={(_e, d) => (d.open ? null : onClose())}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{t('prices.importTitle')}</DialogTitle>
          <DialogContent className={styles.content}>
            <TabList selectedValue={mode} onTabSelect={(_e, d) => setMode(d.value as 'url' | 'file')}>
              <Tab value="url">{t('prices.fromUrl')}</Tab>
              <Tab value="file">{t('prices.fromFile')}</Tab>
            </TabList>
            {mode === 'url' ? (
              <Field label={t('common.url')} hint={t('prices.urlHint')}>
                <Input
                  type="url"
                  value={url}
                  onChange={(_e, d) => setUrl(d.value)}
                  placeholder="https://…/model_prices_and_context_window.json"
                />
              </Field>
            ) : (
              <Field label={t('prices.file')}>
                <input
                  type="file"
                  accept="application/json,.json"
                  data-testid="price-file"
                  onChange={(e) => setFile(e.target.files?.[0] ?? null)}
                />
              </Field>
            )}
            <ErrorMessage error={error} />
            {result ? (
              <MessageBar intent="success" layout="multiline" data-testid="import-result">
                <MessageBarBody>
                  {t('prices.importResult', {
                    models: f.number(result.models),
                    added: f.number(result.added.length),
                    changed: f.number(result.changed.length),
                    removed: f.number(result.removed.length),
                    unchanged: f.number(result.unchanged),
                  })}
                </MessageBarBody>
              </MessageBar>
            ) : null}
          </DialogContent>
          <DialogActions>
            <Button
              appearance="primary"
              onClick={run}
              disabled={busy || (mode === 'url' ? url.trim() === '' : file === null)}
              data-testid="import-run"
            >
              {t('prices.import')}
            </Button>
            <Button onClick={onClose}>{result ? t('common.done') : t('common.cancel')}</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
