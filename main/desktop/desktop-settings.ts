// The desktop app's own choices (serve on LAN), kept in userData/desktop-settings.json; the hub's settings live in SQLite.
import { join } from 'node:path';
import { z } from 'zod';
import { readJsonFile, writeJsonFile } from './json-file';

export const DESKTOP_SETTINGS_FILE = 'desktop-settings.json';

const DesktopSettingsSchema = z.object({
  /** Bind the hub to 0.0.0.0 so teammates can use it; off by default. */
  serveOnLan: z.boolean().default(false),
});
export type DesktopSettings = z.output<typeof DesktopSettingsSchema>;

export function loadDesktopSettings(userData: string): DesktopSettings {
  return readJsonFile(join(userData, DESKTOP_SETTINGS_FILE), DesktopSettingsSchema, { serveOnLan: false });
}

export function saveDesktopSettings(userData: string, settings: DesktopSettings): void {
  writeJsonFile(join(userData, DESKTOP_SETTINGS_FILE), settings);
}
