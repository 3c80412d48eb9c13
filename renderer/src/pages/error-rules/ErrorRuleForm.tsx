// The drawer that creates or edits an error rule: what it matches, what it decides, what the client sees.
import { Field, Input, Select, Switch, Textarea } from '@fluentui/react-components';
import { useState } from 'react';
import type { ErrorRule, Provider } from '../../../../shared/api-schemas';
import { WIRE_FORMAT_NAMES } from '../../../../shared/wire-formats';
import { endpoints } from '../../api/endpoints';
import { ErrorMessage } from '../../components/ErrorMessage';
import { FormDrawer } from '../../components/FormDrawer';
import { FormSection, Wide } from '../../components/form/FormSection';
import { fieldError } from '../../components/form/fieldErrors';
import { useT } from '../../i18n/I18nProvider';
import { bodyOf, draftOf, type RuleDraft } from './ruleDraft';

export function ErrorRuleForm({
  rule,
  providers,
  onClose,
  onSaved,
}: {
  rule: ErrorRule | undefined;
  providers: readonly Provider[];
  onClose(): void;
  onSaved(): void;
}) {
  const t = useT();
  const [draft, setDraft] = useState<RuleDraft>(() => draftOf(rule));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const set = <K extends keyof RuleDraft>(k: K, v: RuleDraft[K]) => setDraft((d) => ({ ...d, [k]: v }));
  const err = (...fields: string[]) => fieldError(error, t, ...fields);
  // A new rule's breaker switch follows its action (failover counts, return does not) until the admin sets it.
  const [breakerTouched, setBreakerTouched] = useState(rule !== undefined);
  const chooseAction = (action: RuleDraft['action']) =>
    setDraft((d) => ({ ...d, action, countsForBreaker: breakerTouched ? d.countsForBreaker : action === 'failover' }));

  const submit = () => {
    setError(undefined);
    let body: ReturnType<typeof bodyOf>;
    try {
      body = bodyOf(draft);
    } catch (e) {
      setError(e);
      return;
    }
    setBusy(true);
    (rule ? endpoints.updateErrorRule(rule.id, body) : endpoints.createErrorRule(body)).then(
      () => {
        setBusy(false);
        onSaved();
      },
      (e: unknown) => {
        setBusy(false);
        setError(e);
      },
    );
  };

  return (
    <FormDrawer
      open
      title={rule ? t('errorRules.edit') : t('errorRules.add')}
      busy={busy}
      onClose={onClose}
      onSubmit={submit}
      testId="error-rule-form"
    >
      <ErrorMessage error={error} />
      <FormSection title={t('errorRules.matches')} hint={t('errorRules.matchesHint')}>
        <Wide>
          <Field label={t('errorRules.pattern')} hint={t('errorRules.patternHint')} validationMessage={err('pattern')}>
            <Input name="pattern" value={draft.pattern} onChange={(_e, d) => set('pattern', d.value)} />
          </Field>
        </Wide>
        <Field label={t('errorRules.match')}>
          <Select name="match" value={draft.match} onChange={(_e, d) => set('match', d.value as RuleDraft['match'])}>
            <option value="contains">{t('errorRules.match.contains')}</option>
            <option value="regex">{t('errorRules.match.regex')}</option>
          </Select>
        </Field>
        <Field label={t('errorRules.status')} hint={t('errorRules.statusHint')} validationMessage={err('status')}>
          <Input name="status" inputMode="numeric" value={draft.status} onChange={(_e, d) => set('status', d.value)} />
        </Field>
        <Field label={t('errorRules.statusTo')} validationMessage={err('statusTo')}>
          <Input
            name="statusTo"
            inputMode="numeric"
            value={draft.statusTo}
            onChange={(_e, d) => set('statusTo', d.value)}
          />
        </Field>
        <Field label={t('errorRules.provider')} validationMessage={err('providerId')}>
          <Select name="providerId" value={draft.providerId} onChange={(_e, d) => set('providerId', d.value)}>
            <option value="">{t('errorRules.any')}</option>
            {providers.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t('errorRules.format')}>
          <Select name="format" value={draft.format} onChange={(_e, d) => set('format', d.value)}>
            <option value="">{t('errorRules.any')}</option>
            {WIRE_FORMAT_NAMES.map((f) => (
              <option key={f} value={f}>
                {t(`providerType.${f}`)}
              </option>
            ))}
          </Select>
        </Field>
      </FormSection>
      <FormSection title={t('errorRules.decides')}>
        <Field label={t('errorRules.action')}>
          <Select name="action" value={draft.action} onChange={(_e, d) => chooseAction(d.value as RuleDraft['action'])}>
            <option value="failover">{t('errorRules.action.failover')}</option>
            <option value="return">{t('errorRules.action.return')}</option>
          </Select>
        </Field>
        <Field label={t('errorRules.priority')} hint={t('errorRules.priorityHint')} validationMessage={err('priority')}>
          <Input
            name="priority"
            inputMode="numeric"
            value={draft.priority}
            onChange={(_e, d) => set('priority', d.value)}
          />
        </Field>
        <Wide>
          <Switch
            label={t('errorRules.nextProviderSwitch')}
            checked={draft.nextProvider}
            disabled={draft.action !== 'failover'}
            onChange={(_e, d) => set('nextProvider', d.checked)}
          />
        </Wide>
        <Wide>
          <Switch
            label={t('errorRules.countsForBreaker')}
            checked={draft.countsForBreaker}
            onChange={(_e, d) => {
              setBreakerTouched(true);
              set('countsForBreaker', d.checked);
            }}
          />
        </Wide>
        <Wide>
          <Switch label={t('common.enabled')} checked={draft.enabled} onChange={(_e, d) => set('enabled', d.checked)} />
        </Wide>
      </FormSection>
      <FormSection title={t('errorRules.client')} hint={t('errorRules.clientHint')}>
        <Field label={t('errorRules.clientStatus')} validationMessage={err('clientStatus')}>
          <Input
            name="clientStatus"
            inputMode="numeric"
            value={draft.clientStatus}
            onChange={(_e, d) => set('clientStatus', d.value)}
          />
        </Field>
        <Wide>
          <Field label={t('errorRules.clientMessage')} validationMessage={err('clientMessage')}>
            <Input
              name="clientMessage"
              value={draft.clientMessage}
              onChange={(_e, d) => set('clientMessage', d.value)}
            />
          </Field>
        </Wide>
        <Wide>
          <Field label={t('errorRules.note')} validationMessage={err('note')}>
            <Textarea name="note" value={draft.note} resize="vertical" onChange={(_e, d) => set('note', d.value)} />
          </Field>
        </Wide>
      </FormSection>
    </FormDrawer>
  );
}
