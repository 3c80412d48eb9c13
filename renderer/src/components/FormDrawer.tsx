// A side drawer holding an edit form: title, scrolling body, and Save/Cancel in the footer.
import {
  Button,
  DrawerBody,
  DrawerFooter,
  DrawerHeader,
  DrawerHeaderTitle,
  OverlayDrawer,
  Spinner,
} from '@fluentui/react-components';
import { DismissRegular } from '@fluentui/react-icons';
import type { FormEvent, ReactNode } from 'react';
import { useT } from '../i18n/I18nProvider';

export function FormDrawer({
  open,
  title,
  busy,
  onClose,
  onSubmit,
  children,
  size = 'medium',
  testId,
}: {
  open: boolean;
  title: string;
  busy: boolean;
  onClose(): void;
  onSubmit(): void;
  children: ReactNode;
  size?: 'small' | 'medium' | 'large';
  testId?: string;
}) {
  const t = useT();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!busy) onSubmit();
  };
  return (
    <OverlayDrawer open={open} position="end" size={size} onOpenChange={(_e, d) => (d.open ? null : onClose())}>
      {/* noValidate: the form's own checks word each refusal next to its field in the console's language */}
      <form onSubmit={submit} noValidate style={{ display: 'contents' }} data-testid={testId}>
        <DrawerHeader>
          <DrawerHeaderTitle
            action={
              <Button appearance="subtle" aria-label={t('common.close')} icon={<DismissRegular />} onClick={onClose} />
            }
          >
            {title}
          </DrawerHeaderTitle>
        </DrawerHeader>
        <DrawerBody>{children}</DrawerBody>
        <DrawerFooter>
          <Button
            appearance="primary"
            type="submit"
            disabled={busy}
            data-testid="form-save"
            icon={busy ? <Spinner size="tiny" /> : undefined}
          >
            {t('common.save')}
          </Button>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
        </DrawerFooter>
      </form>
    </OverlayDrawer>
  );
}
