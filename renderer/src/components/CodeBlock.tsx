// A copyable block of code or configuration text.
import { makeStyles, tokens } from '@fluentui/react-components';
import { CopyButton } from './CopyButton';

const useStyles = makeStyles({
  root: { position: 'relative' },
  pre: {
    margin: 0,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM}`,
    paddingRight: '48px',
    overflowX: 'auto',
    backgroundColor: tokens.colorNeutralBackground3,
    color: tokens.colorNeutralForeground1,
    borderRadius: tokens.borderRadiusMedium,
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase300,
  },
  copy: { position: 'absolute', top: tokens.spacingVerticalXS, right: tokens.spacingHorizontalXS },
});

export function CodeBlock({ code, testId }: { code: string; testId?: string }) {
  const styles = useStyles();
  return (
    <div className={styles.root} data-testid={testId}>
      <pre className={styles.pre}>
        <code>{code}</code>
      </pre>
      <CopyButton className={styles.copy} text={code} size="small" appearance="subtle" data-testid="copy-snippet" />
    </div>
  );
}
