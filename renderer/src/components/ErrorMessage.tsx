// Shows a failed call: the server's message, its code and the request id to quote when reporting it.
import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { ArrowClockwiseRegular } from '@fluentui/react-icons';
import { ApiRequestError } from '../api/errors';
import { useT } from '../i18n/I18nProvider';

export function errorText(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

export function ErrorMessage({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const t = useT();
  if (error === undefined || error === null) return null;
  const api = error instanceof ApiRequestError ? error : null;
  return (
    <MessageBar intent="error" layout="multiline" role="alert" data-testid="error-message">
      <MessageBarBody>
        <MessageBarTitle>{api?.code === 'network' ? t('error.network') : t('error.title')}</MessageBarTitle>
        {errorText(error)}
        {api?.requestId ? (
          <div>
            {t('error.requestId')}: <code data-testid="error-request-id">{api.requestId}</code>
          </div>
        ) : null}
      </MessageBarBody>
      {onRetry ? (
        <MessageBarActions>
          <Button icon={<ArrowClockwiseRegular />} onClick={onRetry}>
            {t('common.retry')}
          </Button>
        </MessageBarActions>
      ) : null}
    </MessageBar>
  );
}
