// The error bar at the top of a form: "fix the marked fields" when a field was refused (by the form or the server,
// whose message then stands under that field), else the server's message.
import { MessageBar, MessageBarBody } from '@fluentui/react-components';
import { ApiRequestError } from '../../api/errors';
import { useT } from '../../i18n/I18nProvider';
import { ErrorMessage } from '../ErrorMessage';
import { DraftError } from './fieldErrors';

export function FormErrorBar({ error }: { error: unknown }) {
  const t = useT();
  if (error instanceof DraftError || (error instanceof ApiRequestError && error.field)) {
    return (
      <MessageBar intent="error">
        <MessageBarBody>{t('form.fixErrors')}</MessageBarBody>
      </MessageBar>
    );
  }
  return <ErrorMessage error={error} />;
}
