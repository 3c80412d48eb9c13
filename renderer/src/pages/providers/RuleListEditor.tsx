// Edits model rules (exact/prefix/suffix/contains/regex), optionally with a redirect target per rule.
import { Button, Input, makeStyles, Select, tokens } from '@fluentui/react-components';
import { AddRegular, DeleteRegular } from '@fluentui/react-icons';
import type { ModelRule } from '../../../../shared/api-schemas';
import type { MessageKey } from '../../i18n/catalogue';
import { useT } from '../../i18n/I18nProvider';

type MatchKind = ModelRule['match'];
const KINDS: MatchKind[] = ['exact', 'prefix', 'suffix', 'contains', 'regex'];
const KIND_LABELS: Record<MatchKind, MessageKey> = {
  exact: 'rules.exact',
  prefix: 'rules.prefix',
  suffix: 'rules.suffix',
  contains: 'rules.contains',
  regex: 'rules.regex',
};

const useStyles = makeStyles({
  list: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  row: { display: 'flex', gap: tokens.spacingHorizontalXS, alignItems: 'center' },
  kind: { minWidth: '110px', maxWidth: '120px' },
  grow: { flexGrow: 1, minWidth: 0 },
});

export interface RuleRow {
  match: MatchKind;
  pattern: string;
  target?: string;
}

export function RuleListEditor<R extends RuleRow>({
  rules,
  onChange,
  withTarget,
  blank,
  testId,
}: {
  rules: readonly R[];
  onChange(next: R[]): void;
  withTarget: boolean;
  blank: R;
  testId?: string;
}) {
  const t = useT();
  const styles = useStyles();
  const update = (i: number, patch: Partial<RuleRow>) =>
    onChange(rules.map((r, j) => (j === i ? ({ ...r, ...patch } as R) : r)));
  return (
    <div className={styles.list} data-testid={testId}>
      {rules.map((rule, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity besides their position while edited
        <div className={styles.row} key={i}>
          <Select
            className={styles.kind}
            aria-label={t('rules.match')}
            value={rule.match}
            onChange={(_e, d) => update(i, { match: d.value as MatchKind })}
          >
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(KIND_LABELS[k])}
              </option>
            ))}
          </Select>
          <Input
            className={styles.grow}
            aria-label={t('rules.pattern')}
            placeholder={t('rules.pattern')}
            value={rule.pattern}
            onChange={(_e, d) => update(i, { pattern: d.value })}
          />
          {withTarget ? (
            <Input
              className={styles.grow}
              aria-label={t('rules.target')}
              placeholder={t('rules.target')}
              value={rule.target ?? ''}
              onChange={(_e, d) => update(i, { target: d.value })}
            />
          ) : null}
          <Button
            appearance="subtle"
            icon={<DeleteRegular />}
            aria-label={t('common.remove')}
            onClick={() => onChange(rules.filter((_r, j) => j !== i))}
          />
        </div>
      ))}
      <div>
        <Button size="small" icon={<AddRegular />} onClick={() => onChange([...rules, { ...blank }])}>
          {t('rules.add')}
        </Button>
      </div>
    </div>
  );
}
