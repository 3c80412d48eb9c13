// The request-log filters: time range, user, key, provider, model, status (a choice), session; applied to the URL as
// you type; on a phone they fold behind one button.
import { Button, CounterBadge, Field, Input, makeStyles, Select, tokens } from '@fluentui/react-components';
import { DismissRegular, FilterRegular } from '@fluentui/react-icons';
import { useEffect, useRef, useState } from 'react';
import { isoToLocalInput, localInputToIso } from '../../components/form/dateTimeLocal';
import { fillCells } from '../../components/form/fillCells';
import { PHONE_WIDTH } from '../../components/stackedTable';
import { useT } from '../../i18n/I18nProvider';
import { useMediaQuery } from '../../lib/useMediaQuery';
import { activeFilterCount, type FilterName, type LogFilters, STATUS_CHOICES } from './logFilters';

const useStyles = makeStyles({
  bar: {
    ...fillCells,
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(170px, 1fr))',
    gap: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    alignItems: 'end',
    marginBottom: tokens.spacingVerticalM,
  },
  toggle: { marginBottom: tokens.spacingVerticalS },
});

/** How long typing pauses before a text filter applies. */
const TYPING_PAUSE_MS = 400;

export interface Option {
  id: string;
  name: string;
}

/** A text filter applied as you type (after a short pause), on Enter, or when leaving the field. */
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
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const apply = (next: string) => {
    clearTimeout(timer.current);
    if (next !== value) onApply(next);
  };
  return (
    <Field label={label}>
      <Input
        name={name}
        value={text}
        onChange={(_e, d) => {
          setText(d.value);
          clearTimeout(timer.current);
          timer.current = setTimeout(() => apply(d.value), TYPING_PAUSE_MS);
        }}
        onBlur={() => apply(text)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') apply(text);
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
  const phone = useMediaQuery(`(max-width: ${PHONE_WIDTH}px)`);
  const [unfolded, setUnfolded] = useState(false);
  const set = (name: FilterName, value: string) => onChange({ ...filters, [name]: value });
  const active = activeFilterCount(filters);
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
  const toggle = phone ? (
    <Button
      className={styles.toggle}
      icon={<FilterRegular />}
      onClick={() => setUnfolded((u) => !u)}
      aria-expanded={unfolded}
      data-testid="log-filters-toggle"
    >
      {t('logs.filters')}
      {active > 0 ? <CounterBadge count={active} size="small" appearance="filled" /> : null}
    </Button>
  ) : null;
  if (phone && !unfolded) return toggle;
  return (
    <>
      {toggle}
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
        <Field label={t('logs.status')}>
          <Select name="status" value={filters.status ?? ''} onChange={(_e, d) => set('status', d.value)}>
            <option value="">{t('common.all')}</option>
            {STATUS_CHOICES.map((choice) => (
              <option key={choice} value={choice}>
                {t(`logs.statusChoice.${choice}`)}
              </option>
            ))}
            {filters.status && !(STATUS_CHOICES as readonly string[]).includes(filters.status) ? (
              <option value={filters.status}>{filters.status}</option>
            ) : null}
          </Select>
        </Field>
        <TextFilter
          name="sessionId"
          label={t('logs.session')}
          value={filters.sessionId ?? ''}
          onApply={(v) => set('sessionId', v)}
        />
        {active > 0 ? (
          <Button
            icon={<DismissRegular />}
            appearance="subtle"
            onClick={() => onChange({})}
            data-testid="clear-filters"
          >
            {t('logs.clearFilters')}
          </Button>
        ) : null}
      </div>
    </>
  );
}
