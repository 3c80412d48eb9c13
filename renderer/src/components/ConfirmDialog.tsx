// Asks before a destructive action; shows the API's error if the action fails.
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
} from '@fluentui/react-components';
import { type ReactNode, useState } from 'react';
import { useT } from '../i18n/I18nProvider';
import { ErrorMessage } from './ErrorMessage';

export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  onConfirm,
  onClose,
}: {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm(): Promise<unknown>;
  onClose(): void;
}) {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const confirm = () => {
    setBusy(true);
    setError(undefined);
    onConfirm().then(onClose, (err: unknown) => {
      setBusy(false);
      setError(err);
    });
  };
  return (
    <Dialog open modalType="alert" onOpenChange={(_e, d) => (d.open ? null : onClose())}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{title}</DialogTitle>
          <DialogContent>
            {children}
            <ErrorMessage error={error} />
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" onClick={confirm} disabled={busy} data-testid="confirm">
              {confirmLabel}
            </Button>
            <Button onClick={onClose}>{t('common.cancel')}</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
