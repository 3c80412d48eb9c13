// A titled group of form fields laid out in a responsive grid.
import { makeStyles, mergeClasses, Subtitle2, Text, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { fillCells } from './fillCells';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    marginBottom: tokens.spacingVerticalXL,
  },
  hint: { color: tokens.colorNeutralForeground3 },
  grid: {
    ...fillCells,
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(200px, 1fr))',
    gap: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM}`,
    alignItems: 'start',
  },
  wide: { gridColumn: '1 / -1' },
});

export function FormSection({ title, hint, children }: { title: string; hint?: string; children: ReactNode }) {
  const styles = useStyles();
  return (
    <section className={styles.root}>
      <Subtitle2 as="h3">{title}</Subtitle2>
      {hint ? (
        <Text size={200} className={styles.hint}>
          {hint}
        </Text>
      ) : null}
      <div className={styles.grid}>{children}</div>
    </section>
  );
}

/** A grid cell spanning the whole row. */
export function Wide({ children, className }: { children?: ReactNode; className?: string }) {
  const styles = useStyles();
  return <div className={mergeClasses(styles.wide, className)}>{children}</div>;
}
