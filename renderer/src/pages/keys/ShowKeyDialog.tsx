// The one time a key is shown in full (after issuing or rotating it), with a copy button and ready-to-paste setup for
// each client with the key filled in.
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
import { SetupGuide } from '../usage-doc/SetupGuide';

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
  surface: { maxWidth: 'min(760px, calc(100vw - 24px))' },
  setupTitle: { fontWeight: tokens.fontWeightSemibold, marginTop: tokens.spacingVerticalS },
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
      <DialogSurface className={styles.surface}>
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
            <div className={styles.setupTitle}>{t('setup.withThisKey')}</div>
            <div data-testid="key-setup">
              <SetupGuide keyText={keyText} compact />
            </div>
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
