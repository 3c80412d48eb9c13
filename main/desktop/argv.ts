// What the Electron binary was asked to do: the user's arguments (without the executable and app path) and the mode.
import { type EntryMode, entryMode } from '../core/config';

/**
 * `process.argv` is `[exe, ...args]` in the packaged app and `[electron, appPath, ...args]` when started as
 * `electron .` (then Electron sets `process.defaultApp`).
 */
export function electronUserArgs(argv: readonly string[], defaultApp: boolean): string[] {
  return argv.slice(defaultApp ? 2 : 1);
}

/** The Electron entry's decision: the desktop app by default, `--server` headless, `--export-key` prints the key. */
export function electronEntry(argv: readonly string[], defaultApp: boolean): { mode: EntryMode; args: string[] } {
  const args = electronUserArgs(argv, defaultApp);
  return { mode: entryMode(args, 'desktop'), args: args.filter((a) => a !== '--server') };
}
