// Add or edit a content rule: how it matches, the pattern, a note, and whether it is enabled.
import { Field, Input, Select, Switch, Textarea } from '@fluentui/react-components';
import type { ContentRule, ContentRuleMatch } from '../../../../shared/api-schemas';
import { endpoints } from '../../api/endpoints';
import { FormDrawer } from '../../components/FormDrawer';
import { FormErrorBar } from '../../components/form/FormErrorBar';
import { DraftError } from '../../components/form/fieldErrors';
import { useDraftForm } from '../../components/form/useDraftForm';

interface RuleDraft {
  match: ContentRuleMatch;
  pattern: string;
  note: string;
  enabled: boolean;
}

const MATCHES: readonly ContentRuleMatch[] = ['contains', 'exact', 'regex'];

export function ContentRuleForm({
  rule,
  onClose,
  onSaved,
}: {
  rule: ContentRule | undefined;
  onClose(): void;
  onSaved(rule: ContentRule): void;
}) {
  const { t, draft, error, setError, busy, setBusy, set, fe } = useDraftForm<RuleDraft>(() => ({
    match: rule?.match ?? 'contains',
    pattern: rule?.pattern ?? '',
    note: rule?.note ?? '',
    enabled: rule?.enabled ?? true,
  }));
  const save = () => {
    setError(undefined);
    if (draft.pattern.trim() === '') {
      setError(new DraftError('pattern', 'form.required'));
      return;
    }
    const body = { match: draft.match, pattern: draft.pattern, note: draft.note, enabled: draft.enabled };
    setBusy(true);
    (rule ? endpoints.updateContentRule(rule.id, body) : endpoints.createContentRule(body)).then(
      (saved) => {
        setBusy(false);
        onSaved(saved);
      },
      (err: unknown) => {
        setBusy(false);
        setError(err);
      },
    );
  };
  return (
    <FormDrawer
      open
      title={rule ? t('contentRules.editTitle') : t('contentRules.addTitle')}
      busy={busy}
      onClose={onClose}
      onSubmit={save}
      testId="content-rule-form"
    >
      <FormErrorBar error={error} />
      <Field label={t('contentRules.match')} hint={t(`contentRules.matchHint.${draft.match}`)}>
        <Select name="match" value={draft.match} onChange={(_e, d) => set('match', d.value as ContentRuleMatch)}>
          {MATCHES.map((m) => (
            <option key={m} value={m}>
              {t(`contentRules.match.${m}`)}
            </option>
          ))}
        </Select>
      </Field>
      <Field label={t('contentRules.pattern')} required validationMessage={fe('pattern')}>
        <Input name="pattern" value={draft.pattern} onChange={(_e, d) => set('pattern', d.value)} />
      </Field>
      <Field label={t('contentRules.note')} validationMessage={fe('note')}>
        <Textarea name="note" value={draft.note} onChange={(_e, d) => set('note', d.value)} />
      </Field>
      <Field label={t('common.enabled')}>
        <Switch checked={draft.enabled} onChange={(_e, d) => set('enabled', d.checked)} />
      </Field>
    </FormDrawer>
  );
}
