// The desktop shell: the hub in-process with its data key in the OS keychain, the console window, the tray, LAN mode.
import type { NetworkInterfaceInfo } from 'node:os';
import { join } from 'node:path';
import { type Config, loadConfig } from '../core/config';
import type { Hub, HubOptions } from '../core/hub';
import { type Keyring, keychainKeySource } from '../core/secrets/keychain-key-source';
import { ConsoleWindow } from './console-window';
import { loadDesktopSettings, saveDesktopSettings } from './desktop-settings';
import type { DesktopElectron } from './electron-api';
import { registerDesktopIpc } from './ipc';
import { lanAddresses, lanBaseUrl } from './lan';
import { type LoginItem, loginItemFor } from './login-item';
import { type Every, startTray, type TrayHandle } from './tray';
import { claudeCodeSnippet, type TrayAction, type TrayState } from './tray-menu';
import { type BreakerState, readTrayStats } from './tray-stats';

export interface DesktopDeps {
  electron: DesktopElectron;
  startHub: (config: Config, opts: HubOptions) => Promise<Hub>;
  /** The OS keychain (loaded on demand: @napi-rs/keyring in the app, an in-memory one in tests). */
  keyring: () => Promise<Keyring>;
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  homeDir: string;
  execPath: string;
  /** Under `electron .` only: the app folder the login item must pass to the executable. */
  appPath?: string | undefined;
  networkInterfaces: () => NodeJS.Dict<NetworkInterfaceInfo[]>;
  preloadPath: string;
  /** The folder with the tray and window icons. */
  resourcesDir: string;
  /** The breaker state of a provider of this hub (the routing module's board); closed when not supplied. */
  breakerState?: (hub: Hub) => (providerId: string) => BreakerState;
  now?: () => number;
  every?: Every;
  log?: (line: string) => void;
  /** How long a LAN switch or quit waits for streams in flight. */
  drainTimeoutMs?: number;
}

export interface DesktopShell {
  hub(): Hub;
  consoleUrl(): string;
  baseUrl(): string;
  window: ConsoleWindow;
  dispatch(action: TrayAction): Promise<void>;
  quit(): Promise<void>;
}

/** The hub's config on the desktop: loopback unless serving the LAN; data under userData unless CCHUB_DATA_DIR says. */
export function desktopConfig(env: NodeJS.ProcessEnv, userData: string, serveOnLan: boolean): Config {
  const config = loadConfig(env, []);
  return {
    ...config,
    host: serveOnLan ? '0.0.0.0' : '127.0.0.1',
    dataDir: env.CCHUB_DATA_DIR ? config.dataDir : join(userData, 'data'),
  };
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Starts the desktop app; undefined when another instance already runs (that one gets focused instead). */
export async function startDesktop(deps: DesktopDeps): Promise<DesktopShell | undefined> {
  const { electron } = deps;
  const { app } = electron;
  const log = deps.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return undefined;
  }
  const fail = (title: string, err: unknown): undefined => {
    log(`cchub: ${title}: ${message(err)}`);
    electron.dialog.showErrorBox(title, message(err));
    app.exit(1);
    return undefined;
  };

  let window: ConsoleWindow | undefined;
  app.on('second-instance', () => window?.open());
  await app.whenReady();

  const userData = app.getPath('userData');
  const settings = loadDesktopSettings(userData);
  let config: Config;
  let keyring: Keyring;
  try {
    config = desktopConfig(deps.env, userData, settings.serveOnLan);
    keyring = await deps.keyring();
  } catch (err) {
    return fail('cchub could not start', err);
  }
  const start = (c: Config) =>
    deps.startHub(c, {
      dataKeySource: ({ hasSecrets }) =>
        keychainKeySource({ keyring, dataDir: c.dataDir, hasSecrets, envKey: c.secretKey, log }),
      ...(deps.drainTimeoutMs !== undefined ? { drainTimeoutMs: deps.drainTimeoutMs } : {}),
    });

  let hub: Hub;
  try {
    hub = await start(config);
  } catch (err) {
    return fail('cchub could not start', err);
  }
  log(`cchub listening on ${hub.url}`);

  const consoleUrl = () => `http://127.0.0.1:${hub.port}`;
  const lanUrl = () => lanBaseUrl(lanAddresses(deps.networkInterfaces()), hub.port);
  const baseUrl = () => (settings.serveOnLan ? (lanUrl() ?? consoleUrl()) : consoleUrl());
  const loginItem: LoginItem = loginItemFor(app, deps);
  const onError = (err: unknown) => log(`cchub: ${message(err)}`);

  registerDesktopIpc(electron.ipcMain, { token: () => hub.adminToken, consoleOrigin: consoleUrl });
  window = new ConsoleWindow({
    electron,
    userData,
    preloadPath: deps.preloadPath,
    consoleUrl: () => `${consoleUrl()}/`,
    iconPath: deps.platform === 'linux' ? join(deps.resourcesDir, 'icon.png') : undefined,
    onError,
  });
  const consoleWindow = window;

  let restarting = false;
  const setServeOnLan = async (on: boolean) => {
    if (restarting) return;
    restarting = true;
    const previous = config;
    const port = hub.port;
    try {
      await hub.stop();
      try {
        hub = await start({ ...config, host: on ? '0.0.0.0' : '127.0.0.1', port });
        settings.serveOnLan = on;
        config = { ...config, host: on ? '0.0.0.0' : '127.0.0.1' };
        saveDesktopSettings(userData, settings);
      } catch (err) {
        electron.dialog.showErrorBox(on ? 'cchub could not serve the LAN' : 'cchub could not restart', message(err));
        hub = await start({ ...previous, port });
      }
      log(`cchub listening on ${hub.url}`);
      consoleWindow.reload();
    } catch (err) {
      fail('cchub could not restart', err);
    } finally {
      restarting = false;
    }
  };

  let quitting: Promise<void> | undefined;
  let tray: TrayHandle | undefined;
  const quit = () => {
    quitting ??= (async () => {
      consoleWindow.saveState();
      tray?.destroy();
      try {
        await hub.stop();
      } catch (err) {
        onError(err);
      }
      app.exit(0);
    })();
    return quitting;
  };

  const dispatch = async (action: TrayAction): Promise<void> => {
    switch (action) {
      case 'open-console':
        consoleWindow.open();
        return;
      case 'copy-base-url':
        await electron.clipboard.writeText(baseUrl());
        return;
      case 'copy-claude-setup':
        await electron.clipboard.writeText(claudeCodeSnippet(baseUrl()));
        return;
      case 'toggle-lan':
        await setServeOnLan(!settings.serveOnLan);
        break;
      case 'toggle-login':
        try {
          loginItem.setEnabled(!loginItem.isEnabled());
        } catch (err) {
          electron.dialog.showErrorBox('cchub could not change "Start at login"', message(err));
        }
        break;
      case 'quit':
        await quit();
        return;
    }
    tray?.refresh();
  };

  const now = deps.now ?? Date.now;
  const trayState = (): TrayState => ({
    baseUrl: baseUrl(),
    serveOnLan: settings.serveOnLan,
    lanUrl: settings.serveOnLan ? lanUrl() : undefined,
    openAtLogin: safeIsEnabled(loginItem),
  });
  tray = startTray({
    electron,
    iconPath: join(deps.resourcesDir, deps.platform === 'darwin' ? 'trayTemplate.png' : 'tray.png'),
    readStats: () => {
      if (restarting) throw new Error('hub restarting');
      return readTrayStats(hub, { now: now(), breakerState: deps.breakerState?.(hub) });
    },
    state: trayState,
    dispatch: (action) => void dispatch(action).catch(onError),
    onError: (err) => {
      if (!restarting) onError(err);
    },
    openOnClick: deps.platform === 'win32',
    ...(deps.every ? { every: deps.every } : {}),
  });

  // The app lives in the tray: closing the window does not quit it.
  app.on('window-all-closed', () => {});
  app.on('activate', () => consoleWindow.open());
  app.on('before-quit', (event) => {
    event.preventDefault();
    void quit();
  });

  consoleWindow.open();
  return { hub: () => hub, consoleUrl, baseUrl, window: consoleWindow, dispatch, quit };
}

function safeIsEnabled(item: LoginItem): boolean {
  try {
    return item.isEnabled();
  } catch {
    return false;
  }
}
