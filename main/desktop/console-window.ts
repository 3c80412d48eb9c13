// The console window: one at a time, sandboxed, remembers its bounds, keeps navigation on the hub, links to the browser.
import type { DesktopElectron, WindowApi } from './electron-api';
import { decideLink } from './link-policy';
import { captureWindowState, loadWindowState, MIN_WINDOW_SIZE, placeWindow, saveWindowState } from './window-state';

/** Permissions the console may get: writing to the clipboard (its copy buttons); everything else is refused. */
const ALLOWED_PERMISSIONS = new Set(['clipboard-sanitized-write']);

export interface ConsoleWindowDeps {
  electron: Pick<DesktopElectron, 'BrowserWindow' | 'shell' | 'screen'>;
  userData: string;
  preloadPath: string;
  /** The console's URL now (it changes only if the hub moves). */
  consoleUrl: () => string;
  iconPath?: string | undefined;
  onError: (err: unknown) => void;
}

export class ConsoleWindow {
  private win: WindowApi | undefined;

  constructor(private readonly deps: ConsoleWindowDeps) {}

  /** Shows the window: creates it, or brings the existing one to the front. */
  open(): WindowApi {
    const existing = this.current();
    if (existing) {
      if (existing.isMinimized()) existing.restore();
      existing.show();
      existing.focus();
      return existing;
    }
    return this.create();
  }

  current(): WindowApi | undefined {
    return this.win && !this.win.isDestroyed() ? this.win : undefined;
  }

  /** Loads the console again (after the hub restarted). */
  reload(): void {
    this.current()
      ?.loadURL(this.deps.consoleUrl())
      .catch((err: unknown) => this.deps.onError(err));
  }

  saveState(): void {
    const win = this.current();
    if (win) saveWindowState(this.deps.userData, captureWindowState(win));
  }

  private origin(): string {
    return new URL(this.deps.consoleUrl()).origin;
  }

  private openExternal(url: string): void {
    this.deps.electron.shell.openExternal(url).catch((err: unknown) => this.deps.onError(err));
  }

  private create(): WindowApi {
    const { electron, userData } = this.deps;
    const state = loadWindowState(userData);
    const win = new electron.BrowserWindow({
      ...placeWindow(state, electron.screen.getAllDisplays()),
      minWidth: MIN_WINDOW_SIZE.width,
      minHeight: MIN_WINDOW_SIZE.height,
      show: false,
      title: 'cchub',
      autoHideMenuBar: true,
      ...(this.deps.iconPath ? { icon: this.deps.iconPath } : {}),
      webPreferences: {
        preload: this.deps.preloadPath,
        contextIsolation: true,
        nodeIntegration: false,
        sandbox: true,
        webSecurity: true,
        spellcheck: false,
      },
    });
    this.win = win;
    if (state.maximized) win.maximize();
    win.once('ready-to-show', () => win.show());
    win.on('close', () => this.saveState());
    win.on('closed', () => {
      if (this.win === win) this.win = undefined;
    });
    // New windows never open inside the app: web links go to the system browser.
    win.webContents.setWindowOpenHandler(({ url }) => {
      if (decideLink(url, this.origin()) !== 'block') this.openExternal(url);
      return { action: 'deny' };
    });
    win.webContents.on('will-navigate', (event, url) => {
      const decision = decideLink(url, this.origin());
      if (decision === 'stay') return;
      event.preventDefault();
      if (decision === 'external') this.openExternal(url);
    });
    win.webContents.session.setPermissionRequestHandler((_contents, permission, callback) =>
      callback(ALLOWED_PERMISSIONS.has(permission)),
    );
    win.loadURL(this.deps.consoleUrl()).catch((err: unknown) => this.deps.onError(err));
    return win;
  }
}
