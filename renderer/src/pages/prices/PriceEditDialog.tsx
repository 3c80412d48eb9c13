// Edits one model's price as a manual entry (which wins over imports): the main per-million prices, or raw JSON.
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
  makeStyles,
  Textarea,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import type { Price } from '../../../../shared/api-schemas';
import { endpoints } from '../../api/endpoints';
import { ErrorMessage } from '../../components/ErrorMessage';
import { fillCells } from '../../components/form/fillCells';
import type { MessageKey } from '../../i18n/catalogue';
import { useT } from '../../i18n/I18nProvider';
import { applyPerMillion, cleanNumber, PRICE_FIELDS, type PriceField, perMillion } from './priceFields';

const LABELS: Record<PriceField, MessageKey> = {
  input_cost_per_token: 'tokens.input',
  output_cost_per_token: 'tokens.output',
  cache_read_input_token_cost: 'tokens.cacheRead',
  cache_creation_input_token_cost: 'tokens.cacheWrite5m',
  cache_creation_input_token_cost_above_1hr: 'tokens.cacheWrite1h',
};

const useStyles = makeStyles({
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  grid: {
    ...fillCells,
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(160px, 1fr))',
    gap: tokens.spacingHorizontalM,
  },
  json: { fontFamily: tokens.fontFamilyMonospace, minHeight: '160px' },
});

function initialTexts(data: Record<string, unknown>): Record<PriceField, string> {
  const texts = {} as Record<PriceField, string>;
  for (const field of PRICE_FIELDS) {
    const v = perMillion(data, field);
    texts[field] = v === null ? '' : cleanNumber(v);
  }
  return texts;
}

export function PriceEditDialog({
  price,
  onClose,
  onSaved,
}: {
  price: Price | null;
  onClose(): void;
  onSaved(p: Price): void;
}) {
  const t = useT();
  const styles = useStyles();
  const base = price?.priceData ?? { litellm_provider: '', mode: 'chat' };
  const [model, setModel] = useState(price?.model ?? '');
  const [texts, setTexts] = useState(() => initialTexts(base));
  const [json, setJson] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const [localError, setLocalError] = useState<string | null>(null);

  const save = () => {
    setLocalError(null);
    setError(undefined);
    let data: Record<string, unknown>;
    if (json !== null) {
      try {
        const parsed: unknown = JSON.parse(json);
        if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
        data = parsed as Record<string, unknown>;
      } catch {
        setLocalError(t('prices.invalidJson'));
        return;
      }
    } else {
      const applied = applyPerMillion(base, texts);
      if (applied.invalid) {
        setLocalError(t('prices.invalidPrice', { field: t(LABELS[applied.invalid]) }));
        return;
      }
      data = applied.data;
    }
    if (!model.trim()) {
      setLocalError(t('prices.modelRequired'));
      return;
    }
    setBusy(true);
    endpoints.putPrice(model.trim(), data).then(onSaved, (err: unknown) => {
      setBusy(false);
      setError(err);
    });
  };

  return (
    <Dialog open onOpenChange={(_e, d) => (d.open ? null : onClose())}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{price ? t('prices.editTitle', { model: price.model }) : t('prices.addTitle')}</DialogTitle>
          <DialogContent className={styles.content}>
            {price ? null : (
              <Field label={t('logs.model')} required>
                <Input value={model} onChange={(_e, d) => setModel(d.value)} name="model" />
              </Field>
            )}
            {json === null ? (
              <div className={styles.grid}>
                {PRICE_FIELDS.map((field) => (
                  <Field key={field} label={`${t(LABELS[field])} (${t('prices.perMillionUnit')})`}>
                    <Input
                      type="number"
                      min={0}
                      step="any"
                      name={field}
                      value={texts[field]}
                      onChange={(_e, d) => setTexts((s) => ({ ...s, [field]: d.value }))}
                    />
                  </Field>
                ))}
              </div>
            ) : (
              <Field label={t('prices.rawJson')} hint={t('prices.rawJsonHint')}>
                <Textarea
                  className={styles.json}
                  value={json}
                  onChange={(_e, d) => setJson(d.value)}
                  resize="vertical"
                />
              </Field>
            )}
            <div>
              <Button
                size="small"
                appearance="subtle"
                onClick={() =>
                  setJson(json === null ? JSON.stringify(applyPerMillion(base, texts).data, null, 2) : null)
                }
              >
                {json === null ? t('prices.editJson') : t('prices.editFields')}
              </Button>
            </div>
            {localError ? <ErrorMessage error={new Error(localError)} /> : null}
            <ErrorMessage error={error} />
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" onClick={save} disabled={busy} data-testid="price-save">
              {t('common.save')}
            </Button>
            <Button onClick={onClose}>{t('common.cancel')}</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
