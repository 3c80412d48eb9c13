// Series colours for charts, taken from the active Fluent theme so they read well in light and dark.
import type { Theme } from '@fluentui/react-components';

export function seriesPalette(theme: Theme): string[] {
  return [
    theme.colorBrandBackground,
    theme.colorPaletteMarigoldBorderActive,
    theme.colorPaletteGreenBorderActive,
    theme.colorPaletteBerryBorderActive,
    theme.colorPaletteLightTealBorderActive,
    theme.colorPaletteRedBorderActive,
    theme.colorPaletteLavenderBorderActive,
    theme.colorPalettePeachBorderActive,
    theme.colorPaletteSeafoamBorderActive,
    theme.colorPaletteGrapeBorderActive,
    theme.colorPaletteSteelBorderActive,
  ];
}

export function colorAt(palette: readonly string[], index: number): string {
  return palette[index % palette.length] ?? '#888888';
}
