// Form fields for spend limits, concurrency and window modes; empty means unlimited.
import { Field, Input, makeStyles, Select, tokens } from '@fluentui/react-components';
import type { MessageKey } from '../../i18n/catalogue';
import { useT } from '../../i18n/I18nProvider';
import { fieldError } from './fieldErrors';
import { fillCells } from './fillCells';
import { type LimitsDraft, SPEND_FIELDS, type SpendField } from './limitsDraft';

const LABELS: Record<SpendField, MessageKey> = {
  fiveHourUsd: 'limits.fiveHourUsd',
  dailyUsd: 'limits.dailyUsd',
  weeklyUsd: 'limits.weeklyUsd',
  monthlyUsd: 'limits.monthlyUsd',
  totalUsd: 'limits.totalUsd',
};

const useStyles = makeStyles({
  grid: {
    ...fillCells,
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(150px, 1fr))',
    gap: tokens.spacingHorizontalM,
  },
});

export function LimitsFields({
  value,
  onChange,
  error,
  prefix = 'limits',
}: {
  value: LimitsDraft;
  onChange(next: LimitsDraft): void;
  error: unknown;
  prefix?: string;
}) {
  const t = useT();
  const styles = useStyles();
  const set = <K extends keyof LimitsDraft>(field: K, v: LimitsDraft[K]) => onChange({ ...value, [field]: v });
  return (
    <div className={styles.grid}>
      {SPEND_FIELDS.map((field) => (
        <Field key={field} label={t(LABELS[field])} validationMessage={fieldError(error, t, `${prefix}.${field}`)}>
          <Input
            type="number"
            min={0}
            step="any"
            name={`${prefix}.${field}`}
            placeholder={t('limits.unlimited')}
            value={value[field]}
            onChange={(_e, d) => set(field, d.value)}
          />
        </Field>
      ))}
      <Field
        label={t('limits.concurrentSessions')}
        validationMessage={fieldError(error, t, `${prefix}.concurrentSessions`)}
      >
        <Input
          type="number"
          min={0}
          step={1}
          name={`${prefix}.concurrentSessions`}
          placeholder={t('limits.unlimited')}
          value={value.concurrentSessions}
          onChange={(_e, d) => set('concurrentSessions', d.value)}
        />
      </Field>
      <Field label={t('limits.fiveHourMode')}>
        <Select
          value={value.fiveHourMode}
          onChange={(_e, d) => set('fiveHourMode', d.value as LimitsDraft['fiveHourMode'])}
        >
          <option value="">{t('common.default')}</option>
          <option value="rolling">{t('limits.rolling')}</option>
          <option value="fixed">{t('limits.fixed')}</option>
        </Select>
      </Field>
      <Field label={t('limits.dailyMode')}>
        <Select value={value.dailyMode} onChange={(_e, d) => set('dailyMode', d.value as LimitsDraft['dailyMode'])}>
          <option value="">{t('common.default')}</option>
          <option value="fixed">{t('limits.fixed')}</option>
          <option value="rolling">{t('limits.rolling')}</option>
        </Select>
      </Field>
      <Field label={t('limits.dailyResetTime')} validationMessage={fieldError(error, t, `${prefix}.dailyResetTime`)}>
        <Input
          type="time"
          value={value.dailyResetTime}
          onChange={(_e, d) => set('dailyResetTime', d.value)}
          disabled={value.dailyMode === 'rolling'}
        />
      </Field>
    </div>
  );
}
