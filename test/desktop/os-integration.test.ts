import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import type { NetworkInterfaceInfo } from 'node:os';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lanAddresses, lanBaseUrl } from '../../main/desktop/lan';
import { AUTOSTART_FILE, loginItemFor } from '../../main/desktop/login-item';
import { exposeDesktopBridge } from '../../preload/bridge';
import { ADMIN_TOKEN_CHANNEL, type CchubDesktopBridge } from '../../shared/desktop-bridge';

const nic = (address: string, over: Partial<NetworkInterfaceInfo> = {}): NetworkInterfaceInfo =>
  ({
    address,
    family: 'IPv4',
    internal: false,
    netmask: '255.255.255.0',
    mac: '',
    cidr: null,
    ...over,
  }) as NetworkInterfaceInfo;

describe('LAN addresses', () => {
  it('IPv4 only, no loopback or link-local, private ranges first, no duplicates', () => {
    const found = lanAddresses({
      lo: [nic('127.0.0.1', { internal: true })],
      docker0: [nic('203.0.113.7')],
      wlan0: [nic('192.168.1.5'), nic('fe80::1', { family: 'IPv6' } as Partial<NetworkInterfaceInfo>)],
      eth0: [nic('10.0.0.8'), nic('169.254.3.3')],
      vpn: [nic('172.20.1.1'), nic('192.168.1.5')],
      gone: undefined,
    });
    expect(found).toEqual(['192.168.1.5', '10.0.0.8', '172.20.1.1', '203.0.113.7']);
    expect(lanBaseUrl(found, 23000)).toBe('http://192.168.1.5:23000');
    expect(lanBaseUrl([], 23000)).toBeUndefined();
  });
});

describe('start at login', () => {
  const app = () => {
    const calls: boolean[] = [];
    return {
      calls,
      getLoginItemSettings: () => ({ openAtLogin: calls.at(-1) ?? false }),
      setLoginItemSettings: (s: { openAtLogin: boolean }) => calls.push(s.openAtLogin),
    };
  };

  it('macOS and Windows use Electron login items', () => {
    for (const platform of ['darwin', 'win32'] as const) {
      const a = app();
      const item = loginItemFor(a, { platform, env: {}, homeDir: '/home/u', execPath: '/x' });
      item.setEnabled(true);
      expect(a.calls).toEqual([true]);
      expect(item.isEnabled()).toBe(true);
    }
  });

  it('Linux writes an XDG autostart entry that starts the AppImage itself, and removes it', () => {
    const home = mkdtempSync(join(tmpdir(), 'cchub-home-'));
    const a = app();
    const item = loginItemFor(a, {
      platform: 'linux',
      env: { APPIMAGE: '/home/u/Apps/cchub 0.1.0.AppImage' },
      homeDir: home,
      execPath: '/tmp/.mount_cchubX/cchub',
    });
    expect(item.isEnabled()).toBe(false);
    item.setEnabled(true);
    const file = join(home, '.config', 'autostart', AUTOSTART_FILE);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('[Desktop Entry]');
    expect(text).toContain('Exec="/home/u/Apps/cchub 0.1.0.AppImage"\n');
    expect(item.isEnabled()).toBe(true);
    item.setEnabled(false);
    expect(existsSync(file)).toBe(false);
    expect(a.calls).toEqual([]);
  });

  it('under `electron .` the command carries the app folder', () => {
    const configHome = mkdtempSync(join(tmpdir(), 'cchub-xdg-'));
    loginItemFor(app(), {
      platform: 'linux',
      env: { XDG_CONFIG_HOME: configHome },
      homeDir: '/nonexistent',
      execPath: '/usr/lib/electron/electron',
      appPath: '/src/cchub',
    }).setEnabled(true);
    expect(readFileSync(join(configHome, 'autostart', AUTOSTART_FILE), 'utf8')).toContain(
      'Exec=/usr/lib/electron/electron /src/cchub\n',
    );
  });
});

describe('preload bridge', () => {
  it('exposes window.cchubDesktop with the admin token over IPC, and nothing else', async () => {
    const exposed: Record<string, CchubDesktopBridge> = {};
    const invoked: string[] = [];
    exposeDesktopBridge({
      contextBridge: { exposeInMainWorld: (key, api) => (exposed[key] = api) },
      ipcRenderer: {
        invoke: async (channel) => {
          invoked.push(channel);
          return 'cchub-admin-token';
        },
      },
    });
    expect(Object.keys(exposed)).toEqual(['cchubDesktop']);
    const bridge = exposed.cchubDesktop as CchubDesktopBridge;
    expect(Object.keys(bridge).sort()).toEqual(['adminToken', 'isDesktop']);
    expect(bridge.isDesktop).toBe(true);
    expect(await bridge.adminToken()).toBe('cchub-admin-token');
    expect(invoked).toEqual([ADMIN_TOKEN_CHANNEL]);
  });

  it('a refusal from the main process reaches the console as an error', async () => {
    let bridge: CchubDesktopBridge | undefined;
    exposeDesktopBridge({
      contextBridge: { exposeInMainWorld: (_key, api) => (bridge = api) },
      ipcRenderer: { invoke: async () => undefined },
    });
    await expect(bridge?.adminToken()).rejects.toThrow(/did not answer with an admin token/);
  });
});
