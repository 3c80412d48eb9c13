// The frame of pages shown without a session (login, public usage): brand, theme and language switches.
import { makeStyles, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { Brand } from './Brand';
import { LanguageSwitch, ThemeSwitch } from './Preferences';

const useStyles = makeStyles({
  root: {
    minHeight: '100vh',
    backgroundColor: tokens.colorNeutralBackground2,
    color: tokens.colorNeutralForeground1,
  },
  bar: {
    display: 'flex',
    alignItems: 'center',
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`,
    gap: tokens.spacingHorizontalXS,
  },
  spacer: { flexGrow: 1 },
});

export function PublicFrame({ children }: { children: ReactNode }) {
  const styles = useStyles();
  return (
    <div className={styles.root}>
      <div className={styles.bar}>
        <Brand />
        <div className={styles.spacer} />
        <LanguageSwitch />
        <ThemeSwitch />
      </div>
      {children}
    </div>
  );
}
