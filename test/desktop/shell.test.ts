// The desktop shell's glue with Electron faked and everything else real: the hub, SQLite, the data-key migration.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import type { NetworkInterfaceInfo } from 'node:os';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../main/core/config';
import { type Hub, startHub } from '../../main/core/hub';
import { exportKeychainDataKey, KEYCHAIN_SERVICE } from '../../main/core/secrets/keychain-key-source';
import { DESKTOP_SETTINGS_FILE } from '../../main/desktop/desktop-settings';
import { type DesktopDeps, type DesktopShell, startDesktop } from '../../main/desktop/shell';
import { WINDOW_STATE_FILE } from '../../main/desktop/window-state';
import { ADMIN_TOKEN_CHANNEL } from '../../shared/desktop-bridge';
import { type MemoryKeyring, memoryKeyring } from '../helpers/memory-keyring';
import { type FakeElectron, FakeTray, FakeWindow, fakeElectron } from './fake-electron';

const LAN_INTERFACES: NodeJS.Dict<NetworkInterfaceInfo[]> = {
  lo: [{ address: '127.0.0.1', family: 'IPv4', internal: true, netmask: '255.0.0.0', mac: '', cidr: null }],
  eth0: [{ address: '192.168.1.23', family: 'IPv4', internal: false, netmask: '255.255.255.0', mac: '', cidr: null }],
};

interface Started {
  shell: DesktopShell;
  electron: FakeElectron;
  keyring: MemoryKeyring;
  userData: string;
  tray: FakeTray;
  window: FakeWindow;
  tick: () => void;
}

const running: DesktopShell[] = [];
const hubs: Hub[] = [];

afterEach(async () => {
  for (const s of running.splice(0)) await s.quit();
  for (const h of hubs.splice(0)) await h.stop();
});

function deps(electron: FakeElectron, keyring: MemoryKeyring, extra: Partial<DesktopDeps> = {}): DesktopDeps {
  return {
    electron,
    startHub,
    keyring: async () => keyring.keyring,
    env: { CCHUB_PORT: '0', CCHUB_LOG_LEVEL: 'silent', TZ: 'UTC' },
    platform: 'linux',
    homeDir: electron.app.userData,
    execPath: '/opt/cchub/cchub',
    networkInterfaces: () => LAN_INTERFACES,
    preloadPath: '/app/out/preload/index.cjs',
    resourcesDir: '/app/resources',
    every: () => () => {},
    log: () => {},
    drainTimeoutMs: 1_000,
    ...extra,
  };
}

async function start(
  opts: { userData?: string; keyring?: MemoryKeyring; extra?: Partial<DesktopDeps> } = {},
): Promise<Started> {
  const userData = opts.userData ?? mkdtempSync(join(tmpdir(), 'cchub-desktop-'));
  const electron = fakeElectron(userData);
  const keyring = opts.keyring ?? memoryKeyring();
  const ticks: (() => void)[] = [];
  const shell = await startDesktop(
    deps(electron, keyring, {
      every: (fn) => {
        ticks.push(fn);
        return () => {};
      },
      ...opts.extra,
    }),
  );
  if (!shell) throw new Error(`the shell did not start: ${JSON.stringify(electron.dialog.errors)}`);
  running.push(shell);
  const tray = FakeTray.instances[0];
  const window = FakeWindow.instances[0];
  if (!tray || !window) throw new Error('no tray or window');
  return {
    shell,
    electron,
    keyring,
    userData,
    tray,
    window,
    tick: () => {
      for (const t of ticks) t();
    },
  };
}

describe('desktop shell: start', () => {
  it('starts the hub in userData, shows the console in a sandboxed window, keeps the data key in the keychain', async () => {
    const { shell, window, keyring, userData, electron } = await start();
    const url = shell.consoleUrl();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(window.loaded).toEqual([`${url}/`]);
    expect(window.visible).toBe(true);
    expect(window.options.webPreferences).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      nodeIntegration: false,
      sandbox: true,
      webSecurity: true,
    });
    expect(shell.hub().context.config.dataDir).toBe(join(userData, 'data'));
    expect(shell.hub().context.config.host).toBe('127.0.0.1');
    // The token never goes through the URL.
    expect(window.loaded.join()).not.toContain(shell.hub().adminToken);
    // The data key lives in the keychain; no key file next to the database.
    expect(keyring.entries.has(`${KEYCHAIN_SERVICE}/data-key`)).toBe(true);
    expect(existsSync(join(userData, 'data', 'secret.key'))).toBe(false);
    // The hub answers at the window's URL.
    expect((await fetch(`${url}/api/v1/openapi.json`)).status).toBe(200);
    expect(electron.dialog.errors).toEqual([]);
  });

  it('gives the admin token to the console frame only', async () => {
    const { shell, electron } = await start();
    const token = shell.hub().adminToken;
    expect(await electron.ipcMain.invoke(ADMIN_TOKEN_CHANNEL, `${shell.consoleUrl()}/dashboard`)).toBe(token);
    await expect(electron.ipcMain.invoke(ADMIN_TOKEN_CHANNEL, 'https://evil.example/')).rejects.toThrow(/only given/);
    await expect(electron.ipcMain.invoke(ADMIN_TOKEN_CHANNEL, null)).rejects.toThrow(/only given/);
    const otherPort = shell.consoleUrl().replace(/:\d+$/, ':1');
    await expect(electron.ipcMain.invoke(ADMIN_TOKEN_CHANNEL, `${otherPort}/`)).rejects.toThrow(/only given/);
  });

  it('a second instance quits at once and starts no hub', async () => {
    const electron = fakeElectron(mkdtempSync(join(tmpdir(), 'cchub-desktop-')));
    electron.app.singleInstance = false;
    const startHubSpy = vi.fn(startHub);
    const shell = await startDesktop(deps(electron, memoryKeyring(), { startHub: startHubSpy }));
    expect(shell).toBeUndefined();
    expect(electron.app.quits).toBe(1);
    expect(startHubSpy).not.toHaveBeenCalled();
    expect(FakeWindow.instances).toHaveLength(0);
  });

  it('a second launch brings the window back', async () => {
    const { electron, window } = await start();
    window.minimized = true;
    electron.app.emit('second-instance');
    expect(window.minimized).toBe(false);
    expect(window.focused).toBeGreaterThan(0);
    window.close();
    electron.app.emit('second-instance');
    expect(FakeWindow.instances).toHaveLength(2);
    expect(FakeWindow.instances[1]?.visible).toBe(true);
  });

  it('a missing keychain stops the start with a clear error, and no key file appears', async () => {
    const keyring = memoryKeyring();
    keyring.state = 'missing';
    const userData = mkdtempSync(join(tmpdir(), 'cchub-desktop-'));
    const electron = fakeElectron(userData);
    const shell = await startDesktop(deps(electron, keyring));
    expect(shell).toBeUndefined();
    expect(electron.app.exits).toEqual([1]);
    expect(electron.dialog.errors[0]?.title).toBe('cchub could not start');
    expect(electron.dialog.errors[0]?.content).toMatch(/OS keychain is not available or is locked/);
    expect(existsSync(join(userData, 'data', 'secret.key'))).toBe(false);
    expect(FakeWindow.instances).toHaveLength(0);
  });
});

describe('desktop shell: the window', () => {
  it('keeps navigation on the hub; web links go to the browser; other schemes nowhere', async () => {
    const { shell, window, electron } = await start();
    const wc = window.webContents;
    expect(wc.openHandler?.({ url: 'https://docs.anthropic.com/en/docs' })).toEqual({ action: 'deny' });
    expect(wc.openHandler?.({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(wc.navigate(`${shell.consoleUrl()}/providers`)).toBe(true);
    expect(wc.navigate('https://example.com/')).toBe(false);
    expect(wc.navigate('javascript:alert(1)')).toBe(false);
    await Promise.resolve();
    expect(electron.shell.opened).toEqual(['https://docs.anthropic.com/en/docs', 'https://example.com/']);
    expect(wc.permission('clipboard-sanitized-write')).toBe(true);
    expect(wc.permission('media')).toBe(false);
    expect(wc.permission('geolocation')).toBe(false);
  });

  it('remembers size, position and maximized across starts', async () => {
    const first = await start();
    first.window.bounds = { x: 300, y: 200, width: 1000, height: 700 };
    first.window.maximized = true;
    first.window.close();
    expect(JSON.parse(readFileSync(join(first.userData, WINDOW_STATE_FILE), 'utf8'))).toEqual({
      x: 300,
      y: 200,
      width: 1000,
      height: 700,
      maximized: true,
    });
    await first.shell.quit();

    const second = await start({ userData: first.userData, keyring: first.keyring });
    expect(second.window.options).toMatchObject({ x: 300, y: 200, width: 1000, height: 700 });
    expect(second.window.maximized).toBe(true);
  });
});

describe('desktop shell: the tray', () => {
  it('shows the numbers and copies the base URL and the Claude Code setup', async () => {
    const { tray, electron, shell } = await start();
    expect(tray.image).toBe('/app/resources/tray.png');
    expect(tray.labels()).toEqual(
      expect.arrayContaining([
        'Today: 0 requests · $0.00',
        'Tokens today: 0',
        'In flight: 0',
        'No providers yet: add one in the console',
      ]),
    );
    tray.click('Copy base URL');
    await vi.waitFor(() => expect(electron.clipboard.text).toBe(shell.consoleUrl()));
    tray.click('Copy Claude Code setup');
    await vi.waitFor(() =>
      expect(electron.clipboard.text).toBe(
        `export ANTHROPIC_BASE_URL=${shell.consoleUrl()} ANTHROPIC_AUTH_TOKEN=<your hub key>`,
      ),
    );
    tray.click('Open console');
    expect(FakeWindow.instances).toHaveLength(1);
  });

  it('logs a failed clipboard write (Electron rejects it) instead of leaving the rejection unhandled', async () => {
    const logged: string[] = [];
    const { tray, electron } = await start({ extra: { log: (line) => logged.push(line) } });
    electron.clipboard.failWith = new Error('clipboard unavailable');
    tray.click('Copy base URL');
    await vi.waitFor(() => expect(logged).toContain('cchub: clipboard unavailable'));
    expect(electron.clipboard.text).toBe('');
  });

  it('refreshes on its timer, rebuilding the menu only when something changed', async () => {
    const { tray, tick, shell } = await start();
    const builds = tray.menuBuilds;
    tick();
    expect(tray.menuBuilds).toBe(builds);
    shell
      .hub()
      .context.database.sqlite.prepare(
        'INSERT INTO usage_hourly (hour, requests, input_tokens, output_tokens, cost_usd) VALUES (?, 3, 1000, 500, 1.5)',
      )
      .run(Math.floor(Date.now() / 3_600_000) * 3_600_000);
    tick();
    expect(tray.menuBuilds).toBe(builds + 1);
    expect(tray.labels()).toContain('Today: 3 requests · $1.50');
    expect(tray.labels()).toContain('Tokens today: 1,500');
    expect(tray.toolTip).toBe('cchub — today 3 requests, $1.50');
  });

  it('serve on LAN restarts the hub on 0.0.0.0 at the same port, shows the LAN address, and is remembered', async () => {
    const first = await start();
    const port = first.shell.hub().port;
    first.tray.click('Serve on LAN');
    await vi.waitFor(() => expect(first.shell.hub().context.config.host).toBe('0.0.0.0'));
    expect(first.shell.hub().port).toBe(port);
    expect(first.tray.labels()).toContain(`LAN address: http://192.168.1.23:${port}`);
    expect(first.tray.menu.find((i) => i.label === 'Serve on LAN')?.checked).toBe(true);
    first.tray.click('Copy base URL');
    await vi.waitFor(() => expect(first.electron.clipboard.text).toBe(`http://192.168.1.23:${port}`));
    expect(first.window.loaded).toHaveLength(2);
    expect((await fetch(`http://127.0.0.1:${port}/api/v1/openapi.json`)).status).toBe(200);
    expect(JSON.parse(readFileSync(join(first.userData, DESKTOP_SETTINGS_FILE), 'utf8'))).toEqual({
      serveOnLan: true,
    });
    await first.shell.quit();

    const second = await start({ userData: first.userData, keyring: first.keyring });
    expect(second.shell.hub().context.config.host).toBe('0.0.0.0');
    await second.shell.dispatch('toggle-lan');
    expect(second.shell.hub().context.config.host).toBe('127.0.0.1');
    expect(second.tray.labels().some((l) => l.startsWith('LAN address'))).toBe(false);
  });

  it('start at login: an XDG autostart entry on Linux, Electron login items elsewhere', async () => {
    const configHome = join(mkdtempSync(join(tmpdir(), 'cchub-xdg-')), 'config');
    const withXdg = await start({
      extra: { env: { CCHUB_PORT: '0', CCHUB_LOG_LEVEL: 'silent', XDG_CONFIG_HOME: configHome } },
    });
    withXdg.tray.click('Start at login');
    await vi.waitFor(() => expect(existsSync(join(configHome, 'autostart', 'cchub.desktop'))).toBe(true));
    expect(readFileSync(join(configHome, 'autostart', 'cchub.desktop'), 'utf8')).toContain('Exec=/opt/cchub/cchub');
    expect(withXdg.tray.menu.find((i) => i.label === 'Start at login')?.checked).toBe(true);
    withXdg.tray.click('Start at login');
    await vi.waitFor(() => expect(existsSync(join(configHome, 'autostart', 'cchub.desktop'))).toBe(false));

    const mac = await start({ extra: { platform: 'darwin' } });
    expect(mac.tray.image).toBe('/app/resources/trayTemplate.png');
    mac.tray.click('Start at login');
    await vi.waitFor(() => expect(mac.electron.app.loginItem.openAtLogin).toBe(true));
  });

  it('quit saves the window, removes the tray, stops the hub and exits 0; an OS quit goes the same way', async () => {
    const { shell, tray, electron, userData } = await start();
    const url = shell.consoleUrl();
    const event = { prevented: false, preventDefault: () => (event.prevented = true) };
    electron.app.emit('before-quit', event);
    expect(event.prevented).toBe(true);
    await shell.quit();
    expect(tray.destroyed).toBe(true);
    expect(electron.app.exits).toEqual([0]);
    expect(existsSync(join(userData, WINDOW_STATE_FILE))).toBe(true);
    await expect(fetch(`${url}/api/v1/openapi.json`)).rejects.toThrow();
  });
});

describe('moving a data directory between headless and desktop', () => {
  it('headless key file → desktop keychain (file deleted) → --export-key → headless with CCHUB_SECRET_KEY', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cchub-moved-'));
    const headlessEnv = { CCHUB_PORT: '0', CCHUB_LOG_LEVEL: 'silent', CCHUB_DATA_DIR: dataDir };
    const headless = await startHub(loadConfig(headlessEnv, []));
    hubs.push(headless);
    const created = await fetch(`${headless.url}/api/v1/providers`, {
      method: 'POST',
      headers: { authorization: `Bearer ${headless.adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'anthropic-main',
        type: 'anthropic',
        baseUrl: 'https://api.anthropic.com',
        apiKey: 'sk-ant-moved-0123456789',
      }),
    });
    expect(created.status).toBe(201);
    await headless.stop();
    expect(existsSync(join(dataDir, 'secret.key'))).toBe(true);

    const desktop = await start({ extra: { env: headlessEnv } });
    expect(desktop.shell.hub().context.config.dataDir).toBe(dataDir);
    expect(existsSync(join(dataDir, 'secret.key'))).toBe(false);
    expect(desktop.shell.hub().internals.registry.providers()[0]?.apiKey).toBe('sk-ant-moved-0123456789');
    const exported = exportKeychainDataKey(desktop.keyring.keyring);
    await desktop.shell.quit();

    await expect(startHub(loadConfig(headlessEnv, []))).rejects.toThrow(/cchub --export-key/);
    const back = await startHub(loadConfig({ ...headlessEnv, CCHUB_SECRET_KEY: exported }, []));
    hubs.push(back);
    expect(back.internals.registry.providers()[0]?.apiKey).toBe('sk-ant-moved-0123456789');
  });
});
