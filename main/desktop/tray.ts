// The tray icon: polls the stats, rebuilds the menu only when it changed, routes clicks to the shell's actions.
import type { DesktopElectron, TrayApi } from './electron-api';
import { bindTrayMenu, buildTrayMenu, type TrayAction, type TrayState, trayToolTip } from './tray-menu';
import type { TrayStats } from './tray-stats';

/** How often the tray re-reads the hub's numbers. */
export const TRAY_REFRESH_MS = 5_000;

/** Runs `fn` every `ms`; returns the cancel function (a timer in the app, a manual ticker in tests). */
export type Every = (fn: () => void, ms: number) => () => void;

export const realEvery: Every = (fn, ms) => {
  const timer = setInterval(fn, ms);
  timer.unref();
  return () => clearInterval(timer);
};

export interface TrayDeps {
  electron: Pick<DesktopElectron, 'Tray' | 'Menu'>;
  iconPath: string;
  readStats: () => TrayStats;
  state: () => TrayState;
  dispatch: (action: TrayAction) => void;
  onError: (err: unknown) => void;
  /** Windows: a click on the icon opens the console (macOS and Linux show the menu instead). */
  openOnClick?: boolean;
  every?: Every;
}

export interface TrayHandle {
  /** Re-reads the stats now (after an action changed the state). */
  refresh(): void;
  destroy(): void;
}

export function startTray(deps: TrayDeps): TrayHandle {
  const tray: TrayApi = new deps.electron.Tray(deps.iconPath);
  let shown = '';
  const refresh = () => {
    try {
      const stats = deps.readStats();
      const items = buildTrayMenu(stats, deps.state());
      const fingerprint = JSON.stringify(items);
      // Replacing the menu closes it where it is open (Linux): only replace what changed.
      if (fingerprint !== shown) {
        tray.setContextMenu(deps.electron.Menu.buildFromTemplate(bindTrayMenu(items, deps.dispatch)));
        shown = fingerprint;
      }
      tray.setToolTip(trayToolTip(stats));
    } catch (err) {
      deps.onError(err);
    }
  };
  if (deps.openOnClick) tray.on('click', () => deps.dispatch('open-console'));
  refresh();
  const cancel = (deps.every ?? realEvery)(refresh, TRAY_REFRESH_MS);
  return {
    refresh,
    destroy: () => {
      cancel();
      tray.destroy();
    },
  };
}
