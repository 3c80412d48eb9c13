// The settings form's sections for body capture (size, budget, retention, compression) and the public status page.
import { Button, Field, Input, makeStyles, Select, Switch, tokens } from '@fluentui/react-components';
import { AddRegular, DeleteRegular } from '@fluentui/react-icons';
import type { Settings } from '../../../../shared/api-schemas';
import type { StatusPageSettings } from '../../../../shared/operations-settings';
import { endpoints } from '../../api/endpoints';
import { useApi } from '../../api/useApi';
import { FormSection, Wide } from '../../components/form/FormSection';
import { fieldError } from '../../components/form/fieldErrors';
import { useT } from '../../i18n/I18nProvider';

const KiB = 1024;
const MiB = 1024 * 1024;

const useStyles = makeStyles({
  row: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'end', marginBottom: tokens.spacingVerticalS },
});

type Set = <K extends keyof Settings>(field: K, value: Settings[K]) => void;

export function CaptureLimitsSection({ draft, set, error }: { draft: Settings; set: Set; error: unknown }) {
  const t = useT();
  return (
    <FormSection title={t('settings.captureLimits')}>
      <Field
        label={t('settings.captureMaxBody')}
        hint={t('settings.captureMaxBodyHint')}
        validationMessage={fieldError(error, t, 'captureMaxBodyBytes')}
      >
        <Input
          type="number"
          min={1}
          value={String(Math.round(draft.captureMaxBodyBytes / KiB))}
          onChange={(_e, d) => set('captureMaxBodyBytes', Math.round(Number(d.value) * KiB))}
          contentAfter={t('unit.kib')}
          data-testid="capture-max-body"
        />
      </Field>
      <Field
        label={t('settings.captureBudget')}
        hint={t('settings.captureBudgetHint')}
        validationMessage={fieldError(error, t, 'captureBudgetBytes')}
      >
        <Input
          type="number"
          min={1}
          value={String(Math.round(draft.captureBudgetBytes / MiB))}
          onChange={(_e, d) => set('captureBudgetBytes', Math.round(Number(d.value) * MiB))}
          contentAfter={t('unit.mib')}
          data-testid="capture-budget"
        />
      </Field>
      <Field
        label={t('settings.captureRetention')}
        hint={t('settings.captureRetentionHint')}
        validationMessage={fieldError(error, t, 'captureRetentionDays')}
      >
        <Input
          type="number"
          min={0}
          value={String(draft.captureRetentionDays)}
          onChange={(_e, d) => set('captureRetentionDays', Number(d.value))}
          contentAfter={t('unit.days')}
        />
      </Field>
      <Field label={t('settings.captureCompression')}>
        <Select
          value={draft.captureCompression}
          onChange={(_e, d) => set('captureCompression', d.value as Settings['captureCompression'])}
        >
          <option value="brotli">brotli</option>
          <option value="gzip">gzip</option>
        </Select>
      </Field>
    </FormSection>
  );
}

export function StatusPageSection({ draft, set, error }: { draft: Settings; set: Set; error: unknown }) {
  const t = useT();
  const styles = useStyles();
  const providers = useApi('status-providers', (s) => endpoints.providers(s));
  const page = draft.statusPage;
  const update = (patch: Partial<StatusPageSettings>) => set('statusPage', { ...page, ...patch });
  const shown = page.providers;
  const unlisted = providers.data?.items.find((p) => !shown.some((s) => s.providerId === p.id));
  return (
    <FormSection title={t('settings.statusPage')}>
      <Wide>
        <Field hint={t('settings.statusEnabledHint')}>
          <Switch
            label={t('settings.statusEnabled')}
            checked={page.enabled}
            onChange={(_e, d) => update({ enabled: d.checked })}
            data-testid="status-enabled"
          />
        </Field>
      </Wide>
      <Field label={t('settings.statusTitle')} validationMessage={fieldError(error, t, 'statusPage.title')}>
        <Input value={page.title} onChange={(_e, d) => update({ title: d.value })} data-testid="status-title" />
      </Field>
      <Field label={t('settings.statusWindow')}>
        <Select value={String(page.windowHours)} onChange={(_e, d) => update({ windowHours: Number(d.value) })}>
          {[6, 24, 72, 168].map((h) => (
            <option key={h} value={h}>
              {h} {t('unit.hours')}
            </option>
          ))}
        </Select>
      </Field>
      <Field label={t('settings.statusBucket')}>
        <Select
          value={String(page.bucketMinutes)}
          onChange={(_e, d) => update({ bucketMinutes: Number(d.value) as StatusPageSettings['bucketMinutes'] })}
        >
          {[5, 15, 30, 60].map((m) => (
            <option key={m} value={m}>
              {m} {t('unit.minutes')}
            </option>
          ))}
        </Select>
      </Field>
      <Wide>
        <Switch
          label={t('settings.statusLatency')}
          checked={page.showLatency}
          onChange={(_e, d) => update({ showLatency: d.checked })}
        />
      </Wide>
      <Wide>
        <Field label={t('settings.statusProviders')}>
          <div data-testid="status-providers">
            {shown.map((s, i) => (
              <div key={s.providerId} className={styles.row}>
                <Select
                  value={s.providerId}
                  aria-label={t('availability.provider')}
                  onChange={(_e, d) =>
                    update({ providers: shown.map((x, j) => (j === i ? { ...x, providerId: d.value } : x)) })
                  }
                >
                  {providers.data?.items.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.name}
                    </option>
                  ))}
                </Select>
                <Input
                  value={s.displayName}
                  aria-label={t('settings.statusDisplayName')}
                  placeholder={t('settings.statusDisplayName')}
                  onChange={(_e, d) =>
                    update({ providers: shown.map((x, j) => (j === i ? { ...x, displayName: d.value } : x)) })
                  }
                  data-testid="status-display-name"
                />
                <Button
                  appearance="subtle"
                  icon={<DeleteRegular />}
                  aria-label={t('common.remove')}
                  onClick={() => update({ providers: shown.filter((_x, j) => j !== i) })}
                />
              </div>
            ))}
            <Button
              icon={<AddRegular />}
              disabled={!unlisted}
              onClick={() =>
                unlisted && update({ providers: [...shown, { providerId: unlisted.id, displayName: unlisted.name }] })
              }
              data-testid="status-add-provider"
            >
              {t('settings.statusAddProvider')}
            </Button>
          </div>
        </Field>
      </Wide>
    </FormSection>
  );
}
