// "Start at login": Electron's login items on macOS and Windows; an XDG autostart entry on Linux (Electron has none).
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppApi } from './electron-api';

export interface LoginItem {
  isEnabled(): boolean;
  setEnabled(on: boolean): void;
}

export function electronLoginItem(app: Pick<AppApi, 'getLoginItemSettings' | 'setLoginItemSettings'>): LoginItem {
  return {
    isEnabled: () => app.getLoginItemSettings().openAtLogin,
    setEnabled: (on) => app.setLoginItemSettings({ openAtLogin: on }),
  };
}

export const AUTOSTART_FILE = 'cchub.desktop';

/** Quotes one Exec argument per the Desktop Entry spec. */
function execArg(arg: string): string {
  return /^[\w./+-]+$/.test(arg) ? arg : `"${arg.replace(/["`$\\]/g, '\\$&')}"`;
}

/** `~/.config/autostart/cchub.desktop` (XDG_CONFIG_HOME honoured) starting `command` at login. */
export function xdgLoginItem(configHome: string, command: readonly string[]): LoginItem {
  const dir = join(configHome, 'autostart');
  const file = join(dir, AUTOSTART_FILE);
  return {
    isEnabled: () => existsSync(file),
    setEnabled: (on) => {
      if (!on) {
        rmSync(file, { force: true });
        return;
      }
      mkdirSync(dir, { recursive: true });
      writeFileSync(
        file,
        [
          '[Desktop Entry]',
          'Type=Application',
          'Name=cchub',
          'Comment=AI API relay hub',
          `Exec=${command.map(execArg).join(' ')}`,
          'Terminal=false',
          'X-GNOME-Autostart-enabled=true',
          '',
        ].join('\n'),
      );
    },
  };
}

export interface LoginItemEnvironment {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  homeDir: string;
  /** The running executable (process.execPath). */
  execPath: string;
  /** Under `electron .`: the app's folder, which the command needs after the executable. */
  appPath?: string | undefined;
}

export function loginItemFor(
  app: Pick<AppApi, 'getLoginItemSettings' | 'setLoginItemSettings'>,
  e: LoginItemEnvironment,
): LoginItem {
  if (e.platform !== 'linux') return electronLoginItem(app);
  const configHome = e.env.XDG_CONFIG_HOME || join(e.homeDir, '.config');
  // An AppImage runs from a temporary mount: the autostart entry must start the AppImage file itself.
  const executable = e.env.APPIMAGE || e.execPath;
  return xdgLoginItem(configHome, e.appPath ? [executable, e.appPath] : [executable]);
}
