// The request-log filters: time range, user, key, provider, model, status, session; applied to the URL.
import { Button, Field, Input, makeStyles, Select, tokens } from '@fluentui/react-components';
import { DismissRegular } from '@fluentui/react-icons';
import { useEffect, useState } from 'react';
import { isoToLocalInput, localInputToIso } from '../../components/form/dateTimeLocal';
import { fillCells } from '../../components/form/fillCells';
import { useT } from '../../i18n/I18nProvider';
import { activeFilterCount, type FilterName, type LogFilters } from './logFilters';

const useStyles = makeStyles({
  bar: {
    ...fillCells,
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(170px, 1fr))',
    gap: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    alignItems: 'end',
    marginBottom: tokens.spacingVerticalM,
  },
});

export interface Option {
  id: string;
  name: string;
}

/** A text filter applied on Enter or when leaving the field (not on every keystroke). */
function TextFilter({
  label,
  value,
  onApply,
  name,
}: {
  label: string;
  value: string;
  onApply(v: string): void;
  name: string;
}) {
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  return (
    <Field label={label}>
      <Input
        name={name}
        value={text}
        onChange={(_e, d) => setText(d.value)}
        onBlur={() => text !== value && onApply(text)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') onApply(text);
        }}
      />
    </Field>
  );
}

export function LogFilterBar({
  filters,
  onChange,
  users,
  keys,
  providers,
}: {
  filters: LogFilters;
  onChange(next: LogFilters): void;
  users?: readonly Option[];
  keys?: readonly Option[];
  providers?: readonly Option[];
}) {
  const t = useT();
  const styles = useStyles();
  const set = (name: FilterName, value: string) => onChange({ ...filters, [name]: value });
  const select = (name: FilterName, label: string, options: readonly Option[] | undefined) =>
    options ? (
      <Field label={label}>
        <Select name={name} value={filters[name] ?? ''} onChange={(_e, d) => set(name, d.value)}>
          <option value="">{t('common.all')}</option>
          {options.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </Select>
      </Field>
    ) : null;
  return (
    <div className={styles.bar} data-testid="log-filters">
      <Field label={t('logs.from')}>
        <Input
          type="datetime-local"
          value={isoToLocalInput(filters.from)}
          onChange={(_e, d) => set('from', localInputToIso(d.value) ?? '')}
        />
      </Field>
      <Field label={t('logs.to')}>
        <Input
          type="datetime-local"
          value={isoToLocalInput(filters.to)}
          onChange={(_e, d) => set('to', localInputToIso(d.value) ?? '')}
        />
      </Field>
      {select('userId', t('scope.user'), users)}
      {select('keyId', t('scope.key'), keys)}
      {select('providerId', t('scope.provider'), providers)}
      <TextFilter name="model" label={t('logs.model')} value={filters.model ?? ''} onApply={(v) => set('model', v)} />
      <TextFilter
        name="status"
        label={t('logs.status')}
        value={filters.status ?? ''}
        onApply={(v) => set('status', v)}
      />
      <TextFilter
        name="sessionId"
        label={t('logs.session')}
        value={filters.sessionId ?? ''}
        onApply={(v) => set('sessionId', v)}
      />
      {activeFilterCount(filters) > 0 ? (
        <Button icon={<DismissRegular />} appearance="subtle" onClick={() => onChange({})} data-testid="clear-filters">
          {t('logs.clearFilters')}
        </Button>
      ) : null}
    </div>
  );
}
