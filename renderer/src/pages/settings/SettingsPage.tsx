// Hub settings: currency symbol, timezone, log retention, body capture, which model name prices a request.
import {
  Button,
  Card,
  Combobox,
  Field,
  Input,
  makeStyles,
  Option,
  Select,
  Switch,
  tokens,
} from '@fluentui/react-components';
import { SaveRegular } from '@fluentui/react-icons';
import { type FormEvent, useEffect, useMemo, useState } from 'react';
import type { Settings } from '../../../../shared/api-schemas';
import { endpoints } from '../../api/endpoints';
import { useApi } from '../../api/useApi';
import { ErrorMessage } from '../../components/ErrorMessage';
import { FormSection, Wide } from '../../components/form/FormSection';
import { fieldError } from '../../components/form/fieldErrors';
import { PageHeader } from '../../components/PageHeader';
import { Loading } from '../../components/States';
import { useDisplaySettings } from '../../format/DisplayProvider';
import { useNotify } from '../../frame/toast';
import { useT } from '../../i18n/I18nProvider';
import { CaptureLimitsSection, StatusPageSection } from './OperationsSettings';

/** The reactive fixes' switches (error rules' companions), in the order the section lists them. */
const RELAY_FIX_SWITCHES = [
  { field: 'fixThinkingSignature', label: 'settings.fixThinkingSignature' },
  { field: 'fixThinkingBudget', label: 'settings.fixThinkingBudget' },
  { field: 'fixResponsesInput', label: 'settings.fixResponsesInput' },
] as const;

const CURRENCY_SYMBOLS = ['$', '¥', '€', '£', '₩', 'HK$', 'NT$', 'S$'];

const useStyles = makeStyles({
  card: { maxWidth: '880px', padding: tokens.spacingHorizontalXL },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS },
});

function timeZones(): string[] {
  const intl = Intl as typeof Intl & { supportedValuesOf?: (key: string) => string[] };
  return intl.supportedValuesOf ? intl.supportedValuesOf('timeZone') : ['UTC'];
}

function SettingsForm({ initial, onSaved }: { initial: Settings; onSaved(s: Settings): void }) {
  const t = useT();
  const styles = useStyles();
  const [draft, setDraft] = useState(initial);
  const [retention, setRetention] = useState(String(initial.logRetentionDays));
  const [maxKeys, setMaxKeys] = useState(String(initial.maxKeysPerUser));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const zones = useMemo(timeZones, []);
  const [zoneQuery, setZoneQuery] = useState(initial.timezone);
  useEffect(() => setDraft(initial), [initial]);
  const set = <K extends keyof Settings>(field: K, value: Settings[K]) => setDraft((d) => ({ ...d, [field]: value }));
  const zoneMatches = zones.filter((z) => z.toLowerCase().includes(zoneQuery.toLowerCase())).slice(0, 50);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    endpoints.updateSettings({ ...draft, logRetentionDays: Number(retention), maxKeysPerUser: Number(maxKeys) }).then(
      (saved) => {
        setBusy(false);
        onSaved(saved);
      },
      (err: unknown) => {
        setBusy(false);
        setError(err);
      },
    );
  };

  return (
    <Card className={styles.card}>
      <form onSubmit={submit} data-testid="settings-form">
        <ErrorMessage error={error} />
        <FormSection title={t('settings.display')}>
          <Field
            label={t('settings.currencySymbol')}
            hint={t('settings.currencyHint')}
            validationMessage={fieldError(error, t, 'currencySymbol')}
          >
            <Combobox
              freeform
              name="currencySymbol"
              value={draft.currencySymbol}
              selectedOptions={[draft.currencySymbol]}
              onOptionSelect={(_e, d) => d.optionValue && set('currencySymbol', d.optionValue)}
              onChange={(e) => set('currencySymbol', e.target.value)}
            >
              {CURRENCY_SYMBOLS.map((s) => (
                <Option key={s} value={s}>
                  {s}
                </Option>
              ))}
            </Combobox>
          </Field>
          <Field
            label={t('settings.timezone')}
            hint={t('settings.timezoneHint')}
            validationMessage={fieldError(error, t, 'timezone')}
          >
            <Combobox
              freeform
              name="timezone"
              value={zoneQuery}
              selectedOptions={[draft.timezone]}
              onOptionSelect={(_e, d) => {
                if (!d.optionValue) return;
                set('timezone', d.optionValue);
                setZoneQuery(d.optionValue);
              }}
              onChange={(e) => {
                setZoneQuery(e.target.value);
                set('timezone', e.target.value);
              }}
            >
              {zoneMatches.map((z) => (
                <Option key={z} value={z}>
                  {z}
                </Option>
              ))}
            </Combobox>
          </Field>
        </FormSection>
        <FormSection title={t('settings.logs')}>
          <Field
            label={t('settings.retention')}
            hint={t('settings.retentionHint')}
            validationMessage={fieldError(error, t, 'logRetentionDays')}
          >
            <Input
              type="number"
              min={0}
              step={1}
              name="logRetentionDays"
              value={retention}
              onChange={(_e, d) => setRetention(d.value)}
              contentAfter={t('unit.days')}
            />
          </Field>
          <Field label={t('settings.billingModel')} hint={t('settings.billingModelHint')}>
            <Select
              value={draft.billingModel}
              onChange={(_e, d) => set('billingModel', d.value as Settings['billingModel'])}
            >
              <option value="requested">{t('settings.billingRequested')}</option>
              <option value="redirected">{t('settings.billingRedirected')}</option>
            </Select>
          </Field>
          <Wide>
            <Field hint={t('settings.captureBodiesHint')}>
              <Switch
                label={t('settings.captureBodies')}
                checked={draft.captureBodies}
                onChange={(_e, d) => set('captureBodies', d.checked)}
                data-testid="capture-bodies"
              />
            </Field>
          </Wide>
          <Wide>
            <Field hint={t('settings.captureTextHint')}>
              <Switch
                label={t('settings.captureText')}
                checked={draft.captureMessageText}
                disabled={!draft.captureBodies}
                onChange={(_e, d) => set('captureMessageText', d.checked)}
              />
            </Field>
          </Wide>
          <Wide>
            <Field hint={t('settings.responsesWebSocketHint')}>
              <Switch
                label={t('settings.responsesWebSocket')}
                checked={draft.responsesWebSocket}
                onChange={(_e, d) => set('responsesWebSocket', d.checked)}
              />
            </Field>
          </Wide>
          <Wide>
            <Field hint={t('settings.openAiPassThroughHint')}>
              <Switch
                label={t('settings.openAiPassThrough')}
                checked={draft.openAiPassThrough}
                onChange={(_e, d) => set('openAiPassThrough', d.checked)}
              />
            </Field>
          </Wide>
        </FormSection>
        <FormSection title={t('nav.keys')}>
          <Field
            label={t('settings.maxKeysPerUser')}
            hint={t('settings.maxKeysPerUserHint')}
            validationMessage={fieldError(error, t, 'maxKeysPerUser')}
          >
            <Input
              type="number"
              min={0}
              step={1}
              name="maxKeysPerUser"
              value={maxKeys}
              onChange={(_e, d) => setMaxKeys(d.value)}
            />
          </Field>
        </FormSection>
        {/* Operations: capture size, budget and retention; the public status page. */}
        <CaptureLimitsSection draft={draft} set={set} error={error} />
        <StatusPageSection draft={draft} set={set} error={error} />
        <FormSection title={t('settings.fixes')} hint={t('settings.fixesHint')}>
          {RELAY_FIX_SWITCHES.map(({ field, label }) => (
            <Wide key={field}>
              <Switch
                label={t(label)}
                checked={draft[field]}
                onChange={(_e, d) => set(field, d.checked)}
                data-testid={`setting-${field}`}
              />
            </Wide>
          ))}
          <Wide>
            <Field hint={t('settings.answerWarmupHint')}>
              <Switch
                label={t('settings.answerWarmup')}
                checked={draft.answerWarmup}
                onChange={(_e, d) => set('answerWarmup', d.checked)}
                data-testid="setting-answerWarmup"
              />
            </Field>
          </Wide>
        </FormSection>
        <div className={styles.actions}>
          <Button appearance="primary" type="submit" icon={<SaveRegular />} disabled={busy} data-testid="settings-save">
            {t('common.save')}
          </Button>
        </div>
      </form>
    </Card>
  );
}

export default function SettingsPage() {
  const t = useT();
  const notify = useNotify();
  const display = useDisplaySettings();
  const settings = useApi('settings', (s) => endpoints.settings(s));
  return (
    <>
      <PageHeader title={t('nav.settings')} description={t('settings.description')} />
      <ErrorMessage error={settings.error} onRetry={settings.reload} />
      {settings.data ? (
        <SettingsForm
          initial={settings.data}
          onSaved={(saved) => {
            display.update({ currencySymbol: saved.currencySymbol, timeZone: saved.timezone });
            notify(t('settings.saved'));
            settings.reload();
          }}
        />
      ) : settings.loading ? (
        <Loading />
      ) : null}
    </>
  );
}
