// Griffel rules that make Fluent form controls fill their grid cell instead of their intrinsic width.
import type { GriffelStyle } from '@fluentui/react-components';

const fill: GriffelStyle = { width: '100%', minWidth: 0, maxWidth: '100%', boxSizing: 'border-box' };

export const fillCells: GriffelStyle = {
  '& > *': { minWidth: 0 },
  '& .fui-Field': { minWidth: 0 },
  '& .fui-Input': fill,
  '& .fui-Select': fill,
  '& .fui-Combobox': fill,
  '& .fui-Combobox__input': { width: '100%', minWidth: 0 },
  '& .fui-Textarea': fill,
};
