// Create or edit a user: identity, role, expiry, groups, model allowlist, RPM and spend limits.
import { Field, Input, Select, Switch, Textarea } from '@fluentui/react-components';
import type { User, UserRole } from '../../../../shared/api-schemas';
import { endpoints } from '../../api/endpoints';
import { FormDrawer } from '../../components/FormDrawer';
import { ClientRestrictionsFields } from '../../components/form/ClientRestrictionsFields';
import { FormErrorBar } from '../../components/form/FormErrorBar';
import { FormSection, Wide } from '../../components/form/FormSection';
import { LimitsFields } from '../../components/form/LimitsFields';
import { TagsInput } from '../../components/form/TagsInput';
import { useDraftForm } from '../../components/form/useDraftForm';
import { draftToUser, type UserDraft, userToDraft } from './userDraft';

export function UserForm({
  user,
  onClose,
  onSaved,
}: {
  user: User | undefined;
  onClose(): void;
  onSaved(user: User): void;
}) {
  const { t, draft, error, setError, busy, setBusy, set, fe } = useDraftForm<UserDraft>(() => userToDraft(user));

  const save = () => {
    setError(undefined);
    let call: Promise<User>;
    try {
      const body = draftToUser(draft, userToDraft(user).expiresAt);
      call = user ? endpoints.updateUser(user.id, body) : endpoints.createUser(body);
    } catch (err) {
      setError(err);
      return;
    }
    setBusy(true);
    call.then(
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
      size="medium"
      title={user ? t('users.editTitle', { name: user.name }) : t('users.addTitle')}
      busy={busy}
      onClose={onClose}
      onSubmit={save}
      testId="user-form"
    >
      <FormErrorBar error={error} />
      <FormSection title={t('users.sectionIdentity')}>
        <Field label={t('common.name')} required validationMessage={fe('name')}>
          <Input name="name" value={draft.name} onChange={(_e, d) => set('name', d.value)} />
        </Field>
        <Field label={t('users.role')} validationMessage={fe('role')}>
          <Select name="role" value={draft.role} onChange={(_e, d) => set('role', d.value as UserRole)}>
            <option value="user">{t('role.user')}</option>
            <option value="admin">{t('role.admin')}</option>
          </Select>
        </Field>
        <Wide>
          <Field label={t('users.note')} validationMessage={fe('note')}>
            <Textarea name="note" value={draft.note} onChange={(_e, d) => set('note', d.value)} resize="vertical" />
          </Field>
        </Wide>
        <Field label={t('common.enabled')}>
          <Switch checked={draft.enabled} onChange={(_e, d) => set('enabled', d.checked)} />
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
      <FormSection title={t('users.sectionAccess')}>
        <Wide>
          <Field label={t('common.groups')} hint={t('users.groupsHint')} validationMessage={fe('groups')}>
            <TagsInput
              value={draft.groups}
              onChange={(v) => set('groups', v)}
              placeholder={t('common.addGroup')}
              name="groups"
            />
          </Field>
        </Wide>
        <Wide>
          <Field
            label={t('users.allowedModels')}
            hint={t('users.allowedModelsHint')}
            validationMessage={fe('allowedModels')}
          >
            <TagsInput
              value={draft.allowedModels}
              onChange={(v) => set('allowedModels', v)}
              placeholder={t('users.addModel')}
              name="allowedModels"
            />
          </Field>
        </Wide>
      </FormSection>
      <FormSection title={t('clients.section')} hint={t('clients.hint')}>
        <ClientRestrictionsFields value={draft.clients} onChange={(v) => set('clients', v)} fe={fe} />
      </FormSection>
      <FormSection title={t('users.sectionLimits')} hint={t('limits.hint')}>
        <Field label={t('limits.rpm')} validationMessage={fe('rpm')}>
          <Input
            type="number"
            min={0}
            step={1}
            name="rpm"
            placeholder={t('limits.unlimited')}
            value={draft.rpm}
            onChange={(_e, d) => set('rpm', d.value)}
          />
        </Field>
        <Wide>
          <LimitsFields value={draft.limits} onChange={(v) => set('limits', v)} error={error} />
        </Wide>
      </FormSection>
    </FormDrawer>
  );
}
