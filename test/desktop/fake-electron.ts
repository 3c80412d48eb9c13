// A stand-in for the few Electron calls the desktop shell makes: records what the shell did, lets tests fire events.
import type { BrowserWindowConstructorOptions, MenuItemConstructorOptions } from 'electron';
import type {
  Bounds,
  DesktopElectron,
  IpcInvokeEvent,
  MenuHandle,
  PreventableEvent,
  TrayApi,
  WebContentsApi,
  WindowApi,
} from '../../main/desktop/electron-api';

type Listener = (...args: never[]) => unknown;

class Emitter {
  readonly listeners = new Map<string, Listener[]>();
  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  once(event: string, listener: Listener): this {
    return this.on(event, listener);
  }
  emit(event: string, ...args: unknown[]): void {
    for (const l of this.listeners.get(event) ?? []) (l as (...a: unknown[]) => unknown)(...args);
  }
}

export class FakeEvent implements PreventableEvent {
  prevented = false;
  preventDefault(): void {
    this.prevented = true;
  }
}

export class FakeWebContents extends Emitter implements WebContentsApi {
  openHandler: ((details: { url: string }) => { action: 'deny' }) | undefined;
  permissionHandler: ((contents: unknown, permission: string, cb: (granted: boolean) => void) => void) | undefined;
  readonly session = {
    setPermissionRequestHandler: (handler: NonNullable<FakeWebContents['permissionHandler']>) => {
      this.permissionHandler = handler;
    },
  };
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void {
    this.openHandler = handler;
  }
  /** Fires will-navigate; true when the shell let the navigation happen. */
  navigate(url: string): boolean {
    const event = new FakeEvent();
    this.emit('will-navigate', event, url);
    return !event.prevented;
  }
  permission(name: string): boolean {
    let granted = false;
    this.permissionHandler?.({}, name, (g) => {
      granted = g;
    });
    return granted;
  }
}

export class FakeWindow extends Emitter implements WindowApi {
  static instances: FakeWindow[] = [];
  readonly webContents = new FakeWebContents();
  readonly loaded: string[] = [];
  bounds: Bounds;
  maximized = false;
  minimized = false;
  visible = false;
  focused = 0;
  destroyed = false;

  constructor(readonly options: BrowserWindowConstructorOptions) {
    super();
    this.bounds = { x: options.x ?? 100, y: options.y ?? 100, width: options.width ?? 0, height: options.height ?? 0 };
    FakeWindow.instances.push(this);
  }
  async loadURL(url: string): Promise<void> {
    this.loaded.push(url);
    this.emit('ready-to-show');
  }
  show(): void {
    this.visible = true;
  }
  focus(): void {
    this.focused++;
  }
  restore(): void {
    this.minimized = false;
  }
  maximize(): void {
    this.maximized = true;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  isMaximized(): boolean {
    return this.maximized;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  getNormalBounds(): Bounds {
    return this.bounds;
  }
  /** What the user's click on the close button does. */
  close(): void {
    this.emit('close');
    this.destroyed = true;
    this.emit('closed');
  }
}

export class FakeTray extends Emitter implements TrayApi {
  static instances: FakeTray[] = [];
  menu: MenuItemConstructorOptions[] = [];
  menuBuilds = 0;
  toolTip = '';
  destroyed = false;
  constructor(readonly image: string) {
    super();
    FakeTray.instances.push(this);
  }
  setToolTip(toolTip: string): void {
    this.toolTip = toolTip;
  }
  setContextMenu(menu: MenuHandle | null): void {
    this.menu = menu as MenuItemConstructorOptions[];
    this.menuBuilds++;
  }
  destroy(): void {
    this.destroyed = true;
  }
  labels(): string[] {
    return this.menu.map((i) => i.label ?? '—');
  }
  /** Clicks the menu item whose label starts with `prefix`. */
  click(prefix: string): void {
    const item = this.menu.find((i) => i.label?.startsWith(prefix));
    if (!item?.click) throw new Error(`no clickable tray item "${prefix}" in ${JSON.stringify(this.labels())}`);
    (item.click as () => void)();
  }
}

export interface FakeElectron extends DesktopElectron {
  app: DesktopElectron['app'] & {
    emit(event: string, ...args: unknown[]): void;
    singleInstance: boolean;
    quits: number;
    exits: number[];
    loginItem: { openAtLogin: boolean };
    userData: string;
  };
  ipcMain: DesktopElectron['ipcMain'] & { invoke(channel: string, frameUrl: string | null): Promise<unknown> };
  /** `failWith`: the next writes reject with it, as Electron's asynchronous clipboard can. */
  clipboard: { writeText(text: string): Promise<void>; text: string; failWith?: Error };
  shell: { openExternal(url: string): Promise<void>; opened: string[] };
  dialog: { showErrorBox(title: string, content: string): void; errors: { title: string; content: string }[] };
  displays: { workArea: Bounds }[];
}

export function fakeElectron(userData: string): FakeElectron {
  FakeWindow.instances = [];
  FakeTray.instances = [];
  const appEvents = new Emitter();
  const handlers = new Map<string, (event: IpcInvokeEvent) => unknown>();
  const clipboard: FakeElectron['clipboard'] = {
    text: '',
    async writeText(text: string) {
      await Promise.resolve();
      if (clipboard.failWith) throw clipboard.failWith;
      clipboard.text = text;
    },
  };
  const shell = {
    opened: [] as string[],
    async openExternal(url: string) {
      shell.opened.push(url);
    },
  };
  const dialog = {
    errors: [] as { title: string; content: string }[],
    showErrorBox(title: string, content: string) {
      dialog.errors.push({ title, content });
    },
  };
  const app: FakeElectron['app'] = {
    singleInstance: true,
    quits: 0,
    exits: [],
    loginItem: { openAtLogin: false },
    userData,
    requestSingleInstanceLock: () => app.singleInstance,
    whenReady: async () => {},
    getPath: () => app.userData,
    quit: () => {
      app.quits++;
    },
    exit: (code = 0) => {
      app.exits.push(code);
    },
    on: (event: string, listener: Listener) => appEvents.on(event, listener),
    emit: (event, ...args) => appEvents.emit(event, ...args),
    setLoginItemSettings: (s) => {
      app.loginItem = { openAtLogin: s.openAtLogin };
    },
    getLoginItemSettings: () => app.loginItem,
  };
  const electron: FakeElectron = {
    app,
    BrowserWindow: FakeWindow,
    Tray: FakeTray,
    Menu: { buildFromTemplate: (template) => template },
    ipcMain: {
      handle: (channel, listener) => {
        handlers.set(channel, listener);
      },
      invoke: async (channel, frameUrl) => {
        const handler = handlers.get(channel);
        if (!handler) throw new Error(`no handler for ${channel}`);
        return handler({ senderFrame: frameUrl === null ? null : { url: frameUrl } });
      },
    },
    clipboard,
    shell,
    screen: { getAllDisplays: () => electron.displays },
    dialog,
    displays: [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }],
  };
  return electron;
}
