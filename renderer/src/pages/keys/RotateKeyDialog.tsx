// Rotates a key: a new key now, the old one retired at once or after a grace period.
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Select,
} from '@fluentui/react-components';
import { useState } from 'react';
import type { Key, RotatedKey } from '../../../../shared/api-schemas';
import { endpoints } from '../../api/endpoints';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useT } from '../../i18n/I18nProvider';

const GRACE_OPTIONS = [0, 3600, 86_400, 7 * 86_400] as const;

export function RotateKeyDialog({
  keyRecord,
  onClose,
  onRotated,
}: {
  keyRecord: Key;
  onClose(): void;
  onRotated(r: RotatedKey): void;
}) {
  const t = useT();
  const [grace, setGrace] = useState<number>(3600);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const label = (seconds: number) =>
    seconds === 0
      ? t('keys.graceNone')
      : seconds === 3600
        ? t('keys.grace1h')
        : seconds === 86_400
          ? t('keys.grace1d')
          : t('keys.grace7d');
  const rotate = () => {
    setBusy(true);
    setError(undefined);
    endpoints.rotateKey(keyRecord.id, grace).then(onRotated, (err: unknown) => {
      setBusy(false);
      setError(err);
    });
  };
  return (
    <Dialog open onOpenChange={(_e, d) => (d.open ? null : onClose())}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{t('keys.rotateTitle', { name: keyRecord.name })}</DialogTitle>
          <DialogContent>
            <Field label={t('keys.grace')} hint={t('keys.graceHint')}>
              <Select value={String(grace)} onChange={(_e, d) => setGrace(Number(d.value))}>
                {GRACE_OPTIONS.map((s) => (
                  <option key={s} value={s}>
                    {label(s)}
                  </option>
                ))}
              </Select>
            </Field>
            <ErrorMessage error={error} />
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" onClick={rotate} disabled={busy} data-testid="rotate-confirm">
              {t('keys.rotate')}
            </Button>
            <Button onClick={onClose}>{t('common.cancel')}</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
