// The console window's size, position and maximized flag, remembered in userData/window-state.json.
import { join } from 'node:path';
import { z } from 'zod';
import type { Bounds } from './electron-api';
import { readJsonFile, writeJsonFile } from './json-file';

export const WINDOW_STATE_FILE = 'window-state.json';
export const MIN_WINDOW_SIZE = { width: 800, height: 560 } as const;
/** How much of a window must lie on a display for its saved position to be reused. */
const MIN_VISIBLE = { width: 120, height: 60 } as const;

const WindowStateSchema = z.object({
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  maximized: z.boolean().default(false),
});
export type WindowState = z.output<typeof WindowStateSchema>;

export const DEFAULT_WINDOW_STATE: WindowState = { width: 1280, height: 820, maximized: false };

export function loadWindowState(userData: string): WindowState {
  return readJsonFile(join(userData, WINDOW_STATE_FILE), WindowStateSchema, DEFAULT_WINDOW_STATE);
}

export function saveWindowState(userData: string, state: WindowState): void {
  writeJsonFile(join(userData, WINDOW_STATE_FILE), state);
}

/** What to save of a window: its normal (unmaximized) bounds and whether it is maximized. */
export function captureWindowState(win: { getNormalBounds(): Bounds; isMaximized(): boolean }): WindowState {
  const b = win.getNormalBounds();
  return {
    x: Math.round(b.x),
    y: Math.round(b.y),
    width: Math.round(b.width),
    height: Math.round(b.height),
    maximized: win.isMaximized(),
  };
}

function overlap(a: Bounds, b: Bounds): { width: number; height: number } {
  return {
    width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  };
}

/**
 * The bounds to open with: the size clamped between the minimum and the largest display; the saved position only
 * when enough of the window lands on a display that is still connected (else the OS centres it).
 */
export function placeWindow(
  state: WindowState,
  displays: readonly { workArea: Bounds }[],
): { width: number; height: number; x?: number; y?: number } {
  const maxWidth = Math.max(MIN_WINDOW_SIZE.width, ...displays.map((d) => d.workArea.width));
  const maxHeight = Math.max(MIN_WINDOW_SIZE.height, ...displays.map((d) => d.workArea.height));
  const width = Math.min(Math.max(state.width, MIN_WINDOW_SIZE.width), maxWidth);
  const height = Math.min(Math.max(state.height, MIN_WINDOW_SIZE.height), maxHeight);
  if (state.x === undefined || state.y === undefined) return { width, height };
  const bounds = { x: state.x, y: state.y, width, height };
  const visible = displays.some((d) => {
    const o = overlap(bounds, d.workArea);
    return o.width >= MIN_VISIBLE.width && o.height >= MIN_VISIBLE.height;
  });
  return visible ? bounds : { width, height };
}
