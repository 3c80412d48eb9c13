// The error bar at the top of a form: "fix the marked fields" for the form's own checks, else the server's message.
import { MessageBar, MessageBarBody } from '@fluentui/react-components';
import { useT } from '../../i18n/I18nProvider';
import { ErrorMessage } from '../ErrorMessage';
import { DraftError } from './fieldErrors';

export function FormErrorBar({ error }: { error: unknown }) {
  const t = useT();
  if (error instanceof DraftError) {
    return (
      <MessageBar intent="error">
        <MessageBarBody>{t('form.fixErrors')}</MessageBarBody>
      </MessageBar>
    );
  }
  return <ErrorMessage error={error} />;
}
