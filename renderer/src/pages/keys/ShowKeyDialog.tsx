// The one time a key is shown in full (after issuing or rotating it), with a copy button.
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  MessageBar,
  MessageBarBody,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { CopyButton } from '../../components/CopyButton';
import { useFormat } from '../../format/useFormat';
import { useT } from '../../i18n/I18nProvider';

const useStyles = makeStyles({
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  keyRow: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    padding: tokens.spacingHorizontalS,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground3,
  },
  key: { fontFamily: tokens.fontFamilyMonospace, wordBreak: 'break-all', flexGrow: 1, userSelect: 'all' },
});

export function ShowKeyDialog({
  keyText,
  retiresOldAt,
  onClose,
}: {
  keyText: string;
  retiresOldAt?: string;
  onClose(): void;
}) {
  const t = useT();
  const f = useFormat();
  const styles = useStyles();
  return (
    <Dialog open modalType="alert" onOpenChange={(_e, d) => (d.open ? null : onClose())}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{retiresOldAt ? t('keys.rotatedTitle') : t('keys.createdTitle')}</DialogTitle>
          <DialogContent className={styles.content}>
            <MessageBar intent="warning">
              <MessageBarBody>{t('keys.shownOnce')}</MessageBarBody>
            </MessageBar>
            <div className={styles.keyRow}>
              <code className={styles.key} data-testid="created-key">
                {keyText}
              </code>
              <CopyButton text={keyText} appearance="primary" label={t('common.copy')} data-testid="copy-key" />
            </div>
            {retiresOldAt ? <div>{t('keys.oldRetires', { time: f.dateTime(retiresOldAt) })}</div> : null}
          </DialogContent>
          <DialogActions>
            <Button onClick={onClose} data-testid="key-dialog-done">
              {t('common.done')}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
