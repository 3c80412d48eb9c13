// The slice of the Electron API the desktop shell uses: the real modules satisfy it, tests pass a small fake.
import type { BrowserWindowConstructorOptions, MenuItemConstructorOptions } from 'electron';

export interface Bounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Electron's Event as our handlers see it. */
export interface PreventableEvent {
  preventDefault(): void;
}

export interface AppApi {
  requestSingleInstanceLock(): boolean;
  whenReady(): Promise<void>;
  getPath(name: 'userData'): string;
  quit(): void;
  exit(exitCode?: number): void;
  on(event: 'second-instance', listener: () => void): unknown;
  on(event: 'window-all-closed', listener: () => void): unknown;
  on(event: 'activate', listener: () => void): unknown;
  on(event: 'before-quit', listener: (event: PreventableEvent) => void): unknown;
  setLoginItemSettings(settings: { openAtLogin: boolean }): void;
  getLoginItemSettings(): { openAtLogin: boolean };
}

export interface WebContentsApi {
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
  on(event: 'will-navigate', listener: (event: PreventableEvent, url: string) => void): unknown;
  session: {
    setPermissionRequestHandler(
      handler: (webContents: unknown, permission: string, callback: (granted: boolean) => void) => void,
    ): void;
  };
}

export interface WindowApi {
  readonly webContents: WebContentsApi;
  loadURL(url: string): Promise<void>;
  show(): void;
  focus(): void;
  restore(): void;
  maximize(): void;
  isMinimized(): boolean;
  isMaximized(): boolean;
  isDestroyed(): boolean;
  getNormalBounds(): Bounds;
  once(event: 'ready-to-show', listener: () => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  on(event: 'closed', listener: () => void): unknown;
}

export type WindowConstructor = new (options: BrowserWindowConstructorOptions) => WindowApi;

/** What Menu.buildFromTemplate returns: handed to the tray as is. */
export type MenuHandle = object;

export interface TrayApi {
  setToolTip(toolTip: string): void;
  setContextMenu(menu: MenuHandle | null): void;
  on(event: 'click', listener: () => void): unknown;
  destroy(): void;
}

export type TrayConstructor = new (image: string) => TrayApi;

export interface IpcInvokeEvent {
  readonly senderFrame: { readonly url: string } | null;
}

/** Everything the shell needs from Electron, injected. */
export interface DesktopElectron {
  app: AppApi;
  BrowserWindow: WindowConstructor;
  Tray: TrayConstructor;
  Menu: { buildFromTemplate(template: MenuItemConstructorOptions[]): MenuHandle };
  ipcMain: { handle(channel: string, listener: (event: IpcInvokeEvent) => unknown): void };
  /** Asynchronous since Electron 44 (the W3C Clipboard API's shape): a failed write rejects. */
  clipboard: { writeText(text: string): Promise<void> };
  shell: { openExternal(url: string): Promise<void> };
  screen: { getAllDisplays(): { workArea: Bounds }[] };
  dialog: { showErrorBox(title: string, content: string): void };
}
