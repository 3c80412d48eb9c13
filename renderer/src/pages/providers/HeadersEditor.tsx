// Edits the custom headers a provider sends upstream, as name/value rows.
import { Button, Input, makeStyles, tokens } from '@fluentui/react-components';
import { AddRegular, DeleteRegular } from '@fluentui/react-icons';
import { useT } from '../../i18n/I18nProvider';
import type { HeaderDraft } from './providerDraft';

const useStyles = makeStyles({
  list: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  row: { display: 'flex', gap: tokens.spacingHorizontalXS, alignItems: 'center' },
  grow: { flexGrow: 1, minWidth: 0 },
});

export function HeadersEditor({
  rows,
  onChange,
}: {
  rows: readonly HeaderDraft[];
  onChange(next: HeaderDraft[]): void;
}) {
  const t = useT();
  const styles = useStyles();
  const update = (i: number, patch: Partial<HeaderDraft>) =>
    onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <div className={styles.list}>
      {rows.map((row, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity besides their position while edited
        <div className={styles.row} key={i}>
          <Input
            className={styles.grow}
            aria-label={t('providers.headerName')}
            placeholder={t('providers.headerName')}
            value={row.name}
            onChange={(_e, d) => update(i, { name: d.value })}
          />
          <Input
            className={styles.grow}
            aria-label={t('providers.headerValue')}
            placeholder={t('providers.headerValue')}
            value={row.value}
            onChange={(_e, d) => update(i, { value: d.value })}
          />
          <Button
            appearance="subtle"
            icon={<DeleteRegular />}
            aria-label={t('common.remove')}
            onClick={() => onChange(rows.filter((_r, j) => j !== i))}
          />
        </div>
      ))}
      <div>
        <Button size="small" icon={<AddRegular />} onClick={() => onChange([...rows, { name: '', value: '' }])}>
          {t('providers.addHeader')}
        </Button>
      </div>
    </div>
  );
}
