// A row of coloured cells, one per time bucket: operational, degraded, down or no data (with a title per cell).
import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { AvailabilityStatus } from '../../../shared/operations-schemas';

const useStyles = makeStyles({
  strip: {
    display: 'flex',
    gap: '2px',
    alignItems: 'stretch',
    height: '28px',
    width: '100%',
    listStyle: 'none',
    margin: 0,
    padding: 0,
  },
  cell: { flexGrow: 1, flexBasis: 0, minWidth: '2px', borderRadius: tokens.borderRadiusSmall },
  ok: { backgroundColor: tokens.colorPaletteGreenBackground3 },
  degraded: { backgroundColor: tokens.colorPaletteMarigoldBackground3 },
  down: { backgroundColor: tokens.colorPaletteRedBackground3 },
  no_data: { backgroundColor: tokens.colorNeutralBackground5 },
});

export interface StripCell {
  key: string;
  status: AvailabilityStatus;
  title: string;
}

export function AvailabilityStrip({ cells, testId }: { cells: readonly StripCell[]; testId?: string }) {
  const styles = useStyles();
  return (
    <ul className={styles.strip} data-testid={testId}>
      {cells.map((c) => (
        <li
          key={c.key}
          title={c.title}
          aria-label={c.title}
          data-status={c.status}
          className={mergeClasses(styles.cell, styles[c.status])}
        />
      ))}
    </ul>
  );
}
