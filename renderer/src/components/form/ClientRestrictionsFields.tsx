// The client restrictions of a user or a key: allowed and blocked clients, minimum versions.
import { Field } from '@fluentui/react-components';
import { useT } from '../../i18n/I18nProvider';
import type { ClientsDraft } from './clientsDraft';
import { Wide } from './FormSection';
import { TagsInput } from './TagsInput';

export function ClientRestrictionsFields({
  value,
  onChange,
  fe,
}: {
  value: ClientsDraft;
  onChange(next: ClientsDraft): void;
  fe(...fields: string[]): string | undefined;
}) {
  const t = useT();
  const field = (name: keyof ClientsDraft, label: string, hint: string, placeholder: string) => (
    <Wide>
      <Field label={label} hint={hint} validationMessage={fe(`clients.${name}`, 'clients')}>
        <TagsInput
          value={value[name]}
          onChange={(next) => onChange({ ...value, [name]: next })}
          placeholder={placeholder}
          name={`clients.${name}`}
        />
      </Field>
    </Wide>
  );
  return (
    <>
      {field('allow', t('clients.allow'), t('clients.allowHint'), t('clients.patternPlaceholder'))}
      {field('block', t('clients.block'), t('clients.blockHint'), t('clients.patternPlaceholder'))}
      {field('minVersion', t('clients.minVersion'), t('clients.minVersionHint'), 'claude-code=2.1.0')}
    </>
  );
}
