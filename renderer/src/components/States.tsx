// Loading and empty placeholders shared by every page.
import { makeStyles, Spinner, Text, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { useT } from '../i18n/I18nProvider';

const useStyles = makeStyles({
  center: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'center',
    justifyContent: 'center',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingVerticalXXL,
    color: tokens.colorNeutralForeground3,
    textAlign: 'center',
  },
});

export function Loading({ label }: { label?: string }) {
  const t = useT();
  const styles = useStyles();
  return (
    <div className={styles.center}>
      <Spinner size="small" label={label ?? t('common.loading')} />
    </div>
  );
}

export function Empty({ children, icon }: { children: ReactNode; icon?: ReactNode }) {
  const styles = useStyles();
  return (
    <div className={styles.center} data-testid="empty-state">
      {icon}
      <Text>{children}</Text>
    </div>
  );
}
