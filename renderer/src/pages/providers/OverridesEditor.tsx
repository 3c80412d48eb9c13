// Edits a provider's request overrides: body fields set or removed by dot path, headers set, appended or removed.
import { Button, Field, Input, makeStyles, Select, tokens } from '@fluentui/react-components';
import { AddRegular, DeleteRegular } from '@fluentui/react-icons';
import { Wide } from '../../components/form/FormSection';
import { useT } from '../../i18n/I18nProvider';
import type { BodyOverrideDraft, HeaderOverrideDraft, OverridesDraft } from './overridesDraft';

const useStyles = makeStyles({
  list: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  row: { display: 'flex', gap: tokens.spacingHorizontalXS, alignItems: 'center' },
  op: { minWidth: '110px', flexShrink: 0 },
  grow: { flexGrow: 1, minWidth: 0 },
});

export function OverridesEditor({
  value,
  onChange,
  fe,
}: {
  value: OverridesDraft;
  onChange(next: OverridesDraft): void;
  fe(...fields: string[]): string | undefined;
}) {
  const t = useT();
  const styles = useStyles();
  const setBody = (body: BodyOverrideDraft[]) => onChange({ ...value, body });
  const setHeaders = (headers: HeaderOverrideDraft[]) => onChange({ ...value, headers });
  return (
    <>
      <Wide>
        <Field label={t('overrides.body')} hint={t('overrides.bodyHint')} validationMessage={fe('overrides.body')}>
          <div className={styles.list} data-testid="body-overrides">
            {value.body.map((row, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity besides their position while edited
              <div className={styles.row} key={i}>
                <Select
                  className={styles.op}
                  aria-label={t('overrides.op')}
                  value={row.op}
                  onChange={(_e, d) =>
                    setBody(value.body.map((r, j) => (j === i ? { ...r, op: d.value as BodyOverrideDraft['op'] } : r)))
                  }
                >
                  <option value="set">{t('overrides.op.set')}</option>
                  <option value="remove">{t('overrides.op.remove')}</option>
                </Select>
                <Input
                  className={styles.grow}
                  aria-label={t('overrides.path')}
                  placeholder="max_tokens"
                  value={row.path}
                  onChange={(_e, d) => setBody(value.body.map((r, j) => (j === i ? { ...r, path: d.value } : r)))}
                />
                {row.op === 'set' ? (
                  <Input
                    className={styles.grow}
                    aria-label={t('overrides.value')}
                    placeholder={t('overrides.valuePlaceholder')}
                    value={row.value}
                    onChange={(_e, d) => setBody(value.body.map((r, j) => (j === i ? { ...r, value: d.value } : r)))}
                  />
                ) : null}
                <Button
                  appearance="subtle"
                  icon={<DeleteRegular />}
                  aria-label={t('common.remove')}
                  onClick={() => setBody(value.body.filter((_r, j) => j !== i))}
                />
              </div>
            ))}
            <div>
              <Button
                size="small"
                icon={<AddRegular />}
                onClick={() => setBody([...value.body, { op: 'set', path: '', value: '' }])}
              >
                {t('overrides.addBody')}
              </Button>
            </div>
          </div>
        </Field>
      </Wide>
      <Wide>
        <Field
          label={t('overrides.headers')}
          hint={t('overrides.headersHint')}
          validationMessage={fe('overrides.headers')}
        >
          <div className={styles.list} data-testid="header-overrides">
            {value.headers.map((row, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity besides their position while edited
              <div className={styles.row} key={i}>
                <Select
                  className={styles.op}
                  aria-label={t('overrides.op')}
                  value={row.op}
                  onChange={(_e, d) =>
                    setHeaders(
                      value.headers.map((r, j) => (j === i ? { ...r, op: d.value as HeaderOverrideDraft['op'] } : r)),
                    )
                  }
                >
                  <option value="set">{t('overrides.op.set')}</option>
                  <option value="append">{t('overrides.op.append')}</option>
                  <option value="remove">{t('overrides.op.remove')}</option>
                </Select>
                <Input
                  className={styles.grow}
                  aria-label={t('providers.headerName')}
                  placeholder="anthropic-beta"
                  value={row.name}
                  onChange={(_e, d) => setHeaders(value.headers.map((r, j) => (j === i ? { ...r, name: d.value } : r)))}
                />
                {row.op === 'remove' ? null : (
                  <Input
                    className={styles.grow}
                    aria-label={t('providers.headerValue')}
                    placeholder={t('providers.headerValue')}
                    value={row.value}
                    onChange={(_e, d) =>
                      setHeaders(value.headers.map((r, j) => (j === i ? { ...r, value: d.value } : r)))
                    }
                  />
                )}
                <Button
                  appearance="subtle"
                  icon={<DeleteRegular />}
                  aria-label={t('common.remove')}
                  onClick={() => setHeaders(value.headers.filter((_r, j) => j !== i))}
                />
              </div>
            ))}
            <div>
              <Button
                size="small"
                icon={<AddRegular />}
                onClick={() => setHeaders([...value.headers, { op: 'append', name: '', value: '' }])}
              >
                {t('overrides.addHeader')}
              </Button>
            </div>
          </div>
        </Field>
      </Wide>
    </>
  );
}
