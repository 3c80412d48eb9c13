// Tables on a phone: below PHONE_WIDTH a table's rows become stacked blocks (no header row, each cell labelled by its
// data-label), so status, cost and health show without sideways scrolling.
import { makeStyles, tokens } from '@fluentui/react-components';

export const PHONE_WIDTH = 600;
export const PHONE = `@media (max-width: ${PHONE_WIDTH}px)`;

export const useStackedTable = makeStyles({
  table: {
    [PHONE]: {
      display: 'block',
      width: '100%',
      minWidth: '0',
      '& thead': { display: 'none' },
      '& tbody': { display: 'block' },
      '& tr': {
        display: 'flex',
        flexWrap: 'wrap',
        alignItems: 'center',
        columnGap: tokens.spacingHorizontalM,
        rowGap: tokens.spacingVerticalXS,
        padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalXS}`,
        height: 'auto',
        borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
      },
      '& td': {
        display: 'flex',
        alignItems: 'center',
        gap: tokens.spacingHorizontalXS,
        padding: '0',
        height: 'auto',
        width: 'auto',
        minWidth: '0',
        maxWidth: '100%',
        textAlign: 'start',
      },
      '& td[data-label]::before': {
        content: 'attr(data-label)',
        color: tokens.colorNeutralForeground3,
        fontSize: tokens.fontSizeBase200,
      },
      '& td[data-wide]': { flexBasis: '100%' },
      '& td[data-phone-hidden]': { display: 'none' },
    },
  },
  /** The card around a table: scrolls sideways on a wide screen when it must, never on a phone. */
  frame: { overflowX: 'auto', [PHONE]: { overflowX: 'visible', padding: tokens.spacingHorizontalS } },
});
