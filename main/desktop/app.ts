// The desktop app's Electron wiring: the real Electron modules, OS keychain and hub handed to the shell (shell.ts).
import { homedir, networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { app, BrowserWindow, clipboard, dialog, ipcMain, Menu, screen, shell, Tray } from 'electron';
import { startHub } from '../core/hub';
import { findPackageRoot } from '../core/resources';
import { loadOsKeyring } from '../core/secrets/os-keyring';
import type { DesktopElectron } from './electron-api';
import { startDesktop } from './shell';

export async function runDesktop(): Promise<void> {
  const electron: DesktopElectron = { app, BrowserWindow, Tray, Menu, ipcMain, clipboard, shell, screen, dialog };
  const root = findPackageRoot();
  await startDesktop({
    electron,
    startHub,
    keyring: loadOsKeyring,
    env: process.env,
    platform: process.platform,
    homeDir: homedir(),
    execPath: process.execPath,
    appPath: (process as { defaultApp?: boolean }).defaultApp ? app.getAppPath() : undefined,
    networkInterfaces,
    preloadPath: join(root, 'out', 'preload', 'index.cjs'),
    resourcesDir: join(root, 'resources'),
    drainTimeoutMs: 10_000,
    breakerState: (hub) => (providerId) => {
      const provider = hub.internals.registry.provider(providerId);
      return provider ? hub.context.governance.breakers.state(provider, Date.now()).state : 'closed';
    },
  });
}
