// Issue or edit a hub key: name, expiry, console login, group override and the key's own limits.
import { Field, Input, Select, Switch } from '@fluentui/react-components';
import { useState } from 'react';
import type { CreatedKey, Key } from '../../../../shared/api-schemas';
import { endpoints } from '../../api/endpoints';
import { useApi } from '../../api/useApi';
import { FormDrawer } from '../../components/FormDrawer';
import { ClientRestrictionsFields } from '../../components/form/ClientRestrictionsFields';
import { FormErrorBar } from '../../components/form/FormErrorBar';
import { FormSection, Wide } from '../../components/form/FormSection';
import { DraftError } from '../../components/form/fieldErrors';
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
  /** undefined: a new key from the Keys page, for the user picked in the form */
  userId: string | undefined;
  /** undefined: issue a new key */
  keyRecord: Key | undefined;
  onClose(): void;
  onCreated(key: CreatedKey): void;
  onSaved(key: Key): void;
}) {
  const { t, draft, error, setError, busy, setBusy, set, fe } = useDraftForm<KeyDraft>(() => keyToDraft(keyRecord));
  const [owner, setOwner] = useState(userId ?? '');
  const users = useApi(`key-form-users:${userId ?? 'pick'}`, (s) =>
    userId ? Promise.resolve(null) : endpoints.users({ limit: 500 }, s),
  );

  const save = () => {
    setError(undefined);
    let body: ReturnType<typeof draftToKey>;
    try {
      if (!keyRecord && owner === '') throw new DraftError('userId', 'keys.pickUser');
      body = draftToKey(draft, keyToDraft(keyRecord).expiresAt);
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
    else endpoints.createKey(owner, body).then(onCreated, fail);
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
        {userId === undefined && !keyRecord ? (
          <Field label={t('keys.owner')} required validationMessage={fe('userId')}>
            <Select name="userId" value={owner} onChange={(_e, d) => setOwner(d.value)} data-testid="key-form-user">
              <option value="">{t('keys.pickUser')}</option>
              {users.data?.items.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </Select>
          </Field>
        ) : null}
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
