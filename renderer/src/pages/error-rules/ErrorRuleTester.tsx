// The tester: a sample upstream status and body (and optionally a provider or format) → the rule it would hit.
import {
  Button,
  Card,
  Field,
  Input,
  makeStyles,
  Select,
  Subtitle2,
  Text,
  Textarea,
  tokens,
} from '@fluentui/react-components';
import { BeakerRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import type { ErrorRuleDecision, Provider } from '../../../../shared/api-schemas';
import { WIRE_FORMAT_NAMES } from '../../../../shared/wire-formats';
import { endpoints } from '../../api/endpoints';
import { ErrorMessage } from '../../components/ErrorMessage';
import { DraftError, fieldError, optionalNumber } from '../../components/form/fieldErrors';
import type { MessageKey } from '../../i18n/catalogue';
import { useT } from '../../i18n/I18nProvider';

const useStyles = makeStyles({
  card: { padding: tokens.spacingHorizontalL, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  row: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(180px, 1fr))',
    gap: tokens.spacingHorizontalM,
  },
  result: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  mono: { fontFamily: tokens.fontFamilyMonospace },
});

/** The reactive fixes by the names the API gives them. */
export const FIX_LABELS: Record<string, MessageKey> = {
  'thinking-signature': 'errorRules.fix.thinkingSignature',
  'thinking-budget': 'errorRules.fix.thinkingBudget',
  'responses-input': 'errorRules.fix.responsesInput',
};

const SAMPLE =
  '{"type":"error","error":{"type":"invalid_request_error","message":"prompt is too long: 215342 tokens > 200000 maximum"}}';

export function ErrorRuleTester({ providers }: { providers: readonly Provider[] }) {
  const t = useT();
  const styles = useStyles();
  const [status, setStatus] = useState('400');
  const [body, setBody] = useState(SAMPLE);
  const [providerId, setProviderId] = useState('');
  const [format, setFormat] = useState('');
  const [result, setResult] = useState<ErrorRuleDecision | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);

  const run = () => {
    setError(undefined);
    let code: number | null;
    try {
      code = optionalNumber(status, 'status', { integer: true });
      if (code === null) throw new DraftError('status', 'form.required');
    } catch (e) {
      setError(e);
      return;
    }
    endpoints
      .testErrorRule({
        status: code,
        body,
        providerId: providerId || undefined,
        format: (format || undefined) as Parameters<typeof endpoints.testErrorRule>[0]['format'],
      })
      .then(setResult, setError);
  };

  return (
    <Card className={styles.card} data-testid="error-rule-tester">
      <Subtitle2 as="h2">{t('errorRules.tester')}</Subtitle2>
      <Text size={200}>{t('errorRules.testerHint')}</Text>
      <div className={styles.row}>
        <Field label={t('errorRules.status')} validationMessage={fieldError(error, t, 'status')}>
          <Input name="testStatus" inputMode="numeric" value={status} onChange={(_e, d) => setStatus(d.value)} />
        </Field>
        <Field label={t('errorRules.provider')}>
          <Select value={providerId} onChange={(_e, d) => setProviderId(d.value)}>
            <option value="">{t('errorRules.any')}</option>
            {providers.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t('errorRules.format')}>
          <Select value={format} onChange={(_e, d) => setFormat(d.value)}>
            <option value="">{t('errorRules.any')}</option>
            {WIRE_FORMAT_NAMES.map((f) => (
              <option key={f} value={f}>
                {t(`providerType.${f}`)}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <Field label={t('errorRules.sampleBody')}>
        <Textarea
          name="testBody"
          className={styles.mono}
          value={body}
          resize="vertical"
          rows={4}
          onChange={(_e, d) => setBody(d.value)}
        />
      </Field>
      <div>
        <Button icon={<BeakerRegular />} onClick={run} data-testid="error-rule-test-run">
          {t('errorRules.test')}
        </Button>
      </div>
      <ErrorMessage error={error instanceof DraftError ? undefined : error} />
      {result ? (
        <div className={styles.result} data-testid="error-rule-test-result" data-rule={result.rule?.id ?? ''}>
          <Text weight="semibold">
            {result.rule
              ? t('errorRules.hits', { rule: result.rule.note ?? result.rule.id, id: result.rule.id })
              : t('errorRules.noRule')}
          </Text>
          <Text>
            {t(`errorRules.action.${result.action}`)}
            {result.nextProvider ? ` · ${t('errorRules.nextProvider')}` : ''}
            {` · ${result.countsForBreaker ? t('errorRules.counts') : t('errorRules.notCounted')}`}
            {result.clientStatus !== null ? ` · ${t('errorRules.clientStatus')}: ${result.clientStatus}` : ''}
          </Text>
          {result.fix ? (
            <Text data-testid="error-rule-test-fix">
              {t('errorRules.fixFirst', {
                fix: FIX_LABELS[result.fix] ? t(FIX_LABELS[result.fix] as MessageKey) : result.fix,
              })}
            </Text>
          ) : null}
        </div>
      ) : null}
    </Card>
  );
}
