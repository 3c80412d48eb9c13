// The hub's logo and name, at the top of the shell's side bar and of the public pages.
import { makeStyles, tokens } from '@fluentui/react-components';

const useStyles = makeStyles({
  brand: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL}`,
    fontWeight: tokens.fontWeightSemibold,
    fontSize: tokens.fontSizeBase400,
  },
  logo: { width: '24px', height: '24px' },
});

export function Brand() {
  const styles = useStyles();
  return (
    <div className={styles.brand}>
      <img className={styles.logo} src="/favicon.svg" alt="" />
      <span>cchub</span>
    </div>
  );
}
