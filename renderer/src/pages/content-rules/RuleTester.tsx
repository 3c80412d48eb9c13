// The content rule tester: which enabled rule a sample text would hit, as the relay checks a prompt's text.
import { Button, Card, Field, makeStyles, Text, Textarea, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { ContentRule } from '../../../../shared/api-schemas';
import { endpoints } from '../../api/endpoints';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useT } from '../../i18n/I18nProvider';

const useStyles = makeStyles({
  card: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    marginBottom: tokens.spacingVerticalM,
  },
  row: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'center', flexWrap: 'wrap' },
});

export function RuleTester() {
  const t = useT();
  const styles = useStyles();
  const [text, setText] = useState('');
  const [result, setResult] = useState<{ rule: ContentRule | null } | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const run = () => {
    setBusy(true);
    setError(undefined);
    endpoints.testContentRules(text).then(
      (r) => {
        setBusy(false);
        setResult(r);
      },
      (err: unknown) => {
        setBusy(false);
        setError(err);
      },
    );
  };
  return (
    <Card className={styles.card}>
      <Field label={t('contentRules.tester')} hint={t('contentRules.testerHint')}>
        <Textarea
          name="sample"
          value={text}
          onChange={(_e, d) => {
            setText(d.value);
            setResult(undefined);
          }}
        />
      </Field>
      <div className={styles.row}>
        <Button onClick={run} disabled={busy} data-testid="content-rule-test">
          {t('contentRules.testerRun')}
        </Button>
        {result ? (
          <Text data-testid="content-rule-test-result" weight="semibold">
            {result.rule
              ? t('contentRules.testerHit', {
                  match: t(`contentRules.match.${result.rule.match}`),
                  pattern: result.rule.pattern,
                })
              : t('contentRules.testerMiss')}
          </Text>
        ) : null}
      </div>
      <ErrorMessage error={error} />
    </Card>
  );
}
