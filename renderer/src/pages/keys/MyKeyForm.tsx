// A member's own key: create or edit its name, expiry and limits (never looser than the member's own).
import { Field, Input } from '@fluentui/react-components';
import type { CreatedKey, Key, MeKeyCreate } from '../../../../shared/api-schemas';
import { endpoints } from '../../api/endpoints';
import { FormDrawer } from '../../components/FormDrawer';
import { FormErrorBar } from '../../components/form/FormErrorBar';
import { FormSection, Wide } from '../../components/form/FormSection';
import { LimitsFields } from '../../components/form/LimitsFields';
import { useDraftForm } from '../../components/form/useDraftForm';
import { draftToKey, type KeyDraft, keyToDraft } from './keyDraft';

/** The fields a member may set on their own key. */
function draftToMyKey(d: KeyDraft): MeKeyCreate {
  const { name, expiresAt, limits } = draftToKey(d);
  return { name, expiresAt, ...(limits ? { limits } : {}) };
}

export function MyKeyForm({
  keyRecord,
  onClose,
  onCreated,
  onSaved,
}: {
  /** undefined: create a new key */
  keyRecord: Key | undefined;
  onClose(): void;
  onCreated(key: CreatedKey): void;
  onSaved(key: Key): void;
}) {
  const { t, draft, error, setError, busy, setBusy, set, fe } = useDraftForm<KeyDraft>(() => keyToDraft(keyRecord));

  const save = () => {
    setError(undefined);
    let body: MeKeyCreate;
    try {
      body = draftToMyKey(draft);
    } catch (err) {
      setError(err);
      return;
    }
    setBusy(true);
    const fail = (err: unknown) => {
      setBusy(false);
      setError(err);
    };
    if (keyRecord) endpoints.updateMyKey(keyRecord.id, body).then(onSaved, fail);
    else endpoints.createMyKey(body).then(onCreated, fail);
  };

  return (
    <FormDrawer
      open
      title={keyRecord ? t('keys.editTitle', { name: keyRecord.name }) : t('myKeys.addTitle')}
      busy={busy}
      onClose={onClose}
      onSubmit={save}
      testId="my-key-form"
    >
      <FormErrorBar error={error} />
      <FormSection title={t('keys.sectionKey')}>
        <Field label={t('common.name')} required validationMessage={fe('name')}>
          <Input name="name" value={draft.name} onChange={(_e, d) => set('name', d.value)} />
        </Field>
        <Field label={t('common.expiresAt')} hint={t('common.neverHint')} validationMessage={fe('expiresAt')}>
          <Input
            type="datetime-local"
            name="expiresAt"
            value={draft.expiresAt}
            onChange={(_e, d) => set('expiresAt', d.value)}
          />
        </Field>
      </FormSection>
      <FormSection title={t('keys.sectionLimits')} hint={t('myKeys.limitsHint')}>
        <Wide>
          <LimitsFields value={draft.limits} onChange={(v) => set('limits', v)} error={error} />
        </Wide>
      </FormSection>
    </FormDrawer>
  );
}
