// One-line success notices ("Saved", "Copied") through the app's single Fluent toaster.
import { Toast, ToastTitle, useToastController } from '@fluentui/react-components';
import { useCallback } from 'react';

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
