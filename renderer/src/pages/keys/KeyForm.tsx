// Issue or edit a hub key: name, expiry, console login, group override and the key's own limits.
import { Field, Input, Switch } from '@fluentui/react-components';
import type { CreatedKey, Key } from '../../../../shared/api-schemas';
import { endpoints } from '../../api/endpoints';
import { FormDrawer } from '../../components/FormDrawer';
import { ClientRestrictionsFields } from '../../components/form/ClientRestrictionsFields';
import { FormErrorBar } from '../../components/form/FormErrorBar';
import { FormSection, Wide } from '../../components/form/FormSection';
import { LimitsFields } from '../../components/form/LimitsFields';
import { TagsInput } from '../../components/form/TagsInput';
import { useDraftForm } from '../../components/form/useDraftForm';
import { draftToKey, type KeyDraft, keyToDraft } from './keyDraft';

export function KeyForm({
  userId,
  keyRecord,
  onClose,
  onCreated,
  onSaved,
}: {
  userId: string;
  /** undefined: issue a new key */
  keyRecord: Key | undefined;
  onClose(): void;
  onCreated(key: CreatedKey): void;
  onSaved(key: Key): void;
}) {
  const { t, draft, error, setError, busy, setBusy, set, fe } = useDraftForm<KeyDraft>(() => keyToDraft(keyRecord));

  const save = () => {
    setError(undefined);
    let body: ReturnType<typeof draftToKey>;
    try {
      body = draftToKey(draft);
    } catch (err) {
      setError(err);
      return;
    }
    setBusy(true);
    const fail = (err: unknown) => {
      setBusy(false);
      setError(err);
    };
    if (keyRecord) endpoints.updateKey(keyRecord.id, body).then(onSaved, fail);
    else endpoints.createKey(userId, body).then(onCreated, fail);
  };

  return (
    <FormDrawer
      open
      title={keyRecord ? t('keys.editTitle', { name: keyRecord.name }) : t('keys.addTitle')}
      busy={busy}
      onClose={onClose}
      onSubmit={save}
      testId="key-form"
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
        <Field label={t('common.enabled')}>
          <Switch checked={draft.enabled} onChange={(_e, d) => set('enabled', d.checked)} />
        </Field>
        <Field label={t('keys.canLogin')} hint={t('keys.canLoginHint')}>
          <Switch name="canLogin" checked={draft.canLogin} onChange={(_e, d) => set('canLogin', d.checked)} />
        </Field>
      </FormSection>
      <FormSection title={t('common.groups')}>
        <Field label={t('keys.overrideGroups')} hint={t('keys.overrideGroupsHint')}>
          <Switch checked={draft.overrideGroups} onChange={(_e, d) => set('overrideGroups', d.checked)} />
        </Field>
        {draft.overrideGroups ? (
          <Wide>
            <Field label={t('common.groups')} validationMessage={fe('groups')}>
              <TagsInput value={draft.groups} onChange={(v) => set('groups', v)} placeholder={t('common.addGroup')} />
            </Field>
          </Wide>
        ) : null}
      </FormSection>
      <FormSection title={t('clients.section')} hint={t('clients.keyHint')}>
        <ClientRestrictionsFields value={draft.clients} onChange={(v) => set('clients', v)} fe={fe} />
      </FormSection>
      <FormSection title={t('keys.sectionLimits')} hint={t('keys.limitsHint')}>
        <Wide>
          <LimitsFields value={draft.limits} onChange={(v) => set('limits', v)} error={error} />
        </Wide>
      </FormSection>
    </FormDrawer>
  );
}
