// One-line success notices ("Saved", "Copied") through the app's single Fluent toaster.
import { Link, Toast, ToastTitle, useToastController } from '@fluentui/react-components';
import { useCallback } from 'react';
import { useT } from '../i18n/I18nProvider';

export const TOASTER_ID = 'cchub-toaster';

export function useNotify(): (message: string, intent?: 'success' | 'info' | 'warning' | 'error') => void {
  const { dispatchToast } = useToastController(TOASTER_ID);
  return useCallback(
    (message, intent = 'success') =>
      dispatchToast(
        <Toast>
          <ToastTitle>{message}</ToastTitle>
        </Toast>,
        { intent, timeout: 3000 },
      ),
    [dispatchToast],
  );
}

/** A change confirmed with a toast that offers to undo it (inline edits); the toast stays a little longer. */
export function useNotifyUndo(): (message: string, undo: () => void) => void {
  const { dispatchToast, dismissToast } = useToastController(TOASTER_ID);
  const t = useT();
  return useCallback(
    (message, undo) => {
      const toastId = `undo-${Date.now()}-${Math.random()}`;
      dispatchToast(
        <Toast data-testid="undo-toast">
          <ToastTitle
            action={
              <Link
                data-testid="undo"
                onClick={() => {
                  dismissToast(toastId);
                  undo();
                }}
              >
                {t('common.undo')}
              </Link>
            }
          >
            {message}
          </ToastTitle>
        </Toast>,
        { intent: 'success', timeout: 8000, toastId },
      );
    },
    [dispatchToast, dismissToast, t],
  );
}
