// The dialogs behind a key's actions (edit, rotate, delete) and the quick ones (enable/disable, expire now).
import { useState } from 'react';
import type { Key } from '../../../../shared/api-schemas';
import { endpoints } from '../../api/endpoints';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { errorText } from '../../components/ErrorMessage';
import { useNotify } from '../../frame/toast';
import { useT } from '../../i18n/I18nProvider';
import type { KeyAction } from './KeyCard';
import { KeyForm } from './KeyForm';
import { MyKeyForm } from './MyKeyForm';
import { RotateKeyDialog } from './RotateKeyDialog';
import { ShowKeyDialog } from './ShowKeyDialog';

type Open =
  | { kind: 'create'; userId: string | undefined }
  | { kind: 'create-mine' }
  | { kind: 'edit'; key: Key }
  | { kind: 'rotate'; key: Key }
  | { kind: 'delete'; key: Key }
  | { kind: 'expire'; key: Key }
  | { kind: 'show'; text: string; retiresOldAt?: string };

/**
 * Returns the function a key card calls, `create(userId)` (no user: picked in the form) / `createMine()`, and the
 * dialogs to render. `self`: a member's own keys, changed through /me/keys.
 */
export function useKeyActions(onChanged: () => void, { self = false }: { self?: boolean } = {}) {
  const update = self ? endpoints.updateMyKey : endpoints.updateKey;
  const remove = self ? endpoints.deleteMyKey : endpoints.deleteKey;
  const t = useT();
  const notify = useNotify();
  const [open, setOpen] = useState<Open | null>(null);
  const close = () => setOpen(null);

  const act = (key: Key, action: KeyAction) => {
    if (action === 'toggle') {
      update(key.id, { enabled: !key.enabled }).then(
        () => {
          notify(key.enabled ? t('keys.disabled', { name: key.name }) : t('keys.enabled', { name: key.name }));
          onChanged();
        },
        (err: unknown) => notify(errorText(err), 'error'),
      );
      return;
    }
    setOpen({ kind: action, key });
  };

  const dialogs = (
    <>
      {open?.kind === 'create-mine' || (self && open?.kind === 'edit') ? (
        <MyKeyForm
          keyRecord={open.kind === 'edit' ? open.key : undefined}
          onClose={close}
          onCreated={(created) => {
            setOpen({ kind: 'show', text: created.key });
            onChanged();
          }}
          onSaved={(saved) => {
            close();
            notify(t('keys.saved', { name: saved.name }));
            onChanged();
          }}
        />
      ) : null}
      {open?.kind === 'create' || (!self && open?.kind === 'edit') ? (
        <KeyForm
          userId={open.kind === 'create' ? open.userId : open.key.userId}
          keyRecord={open.kind === 'edit' ? open.key : undefined}
          onClose={close}
          onCreated={(created) => {
            setOpen({ kind: 'show', text: created.key });
            onChanged();
          }}
          onSaved={(saved) => {
            close();
            notify(t('keys.saved', { name: saved.name }));
            onChanged();
          }}
        />
      ) : null}
      {open?.kind === 'rotate' ? (
        <RotateKeyDialog
          keyRecord={open.key}
          onClose={close}
          onRotated={(r) => {
            setOpen({ kind: 'show', text: r.key, retiresOldAt: r.retiresOldAt });
            onChanged();
          }}
        />
      ) : null}
      {open?.kind === 'show' ? (
        <ShowKeyDialog
          keyText={open.text}
          {...(open.retiresOldAt ? { retiresOldAt: open.retiresOldAt } : {})}
          onClose={close}
        />
      ) : null}
      {open?.kind === 'delete' ? (
        <ConfirmDialog
          title={t('keys.deleteTitle', { name: open.key.name })}
          confirmLabel={t('common.delete')}
          onConfirm={() => remove(open.key.id).then(onChanged)}
          onClose={close}
        >
          {t('keys.deleteBody')}
        </ConfirmDialog>
      ) : null}
      {open?.kind === 'expire' ? (
        <ConfirmDialog
          title={t('keys.expireTitle', { name: open.key.name })}
          confirmLabel={t('keys.expireNow')}
          onConfirm={() => update(open.key.id, { expiresAt: new Date().toISOString() }).then(onChanged)}
          onClose={close}
        >
          {t('keys.expireBody')}
        </ConfirmDialog>
      ) : null}
    </>
  );

  return {
    act,
    create: (userId?: string) => setOpen({ kind: 'create', userId }),
    createMine: () => setOpen({ kind: 'create-mine' }),
    dialogs,
  };
}
