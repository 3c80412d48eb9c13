// The desktop app: starts the core in-process and shows the console in a window (tray and keychain come later).

import { join } from 'node:path';
import { app, BrowserWindow, shell } from 'electron';
import { loadConfig } from '../core/config';
import { startHub } from '../core/hub';

export async function runDesktop(): Promise<void> {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  await app.whenReady();
  const config = loadConfig(process.env, []);
  config.dataDir = join(app.getPath('userData'), 'data');
  const hub = await startHub(config);
  const win = new BrowserWindow({
    width: 1280,
    height: 820,
    webPreferences: {
      preload: join(import.meta.dirname, '../preload/index.cjs'),
      contextIsolation: true,
      nodeIntegration: false,
      sandbox: true,
    },
  });
  win.webContents.setWindowOpenHandler(({ url }) => {
    void shell.openExternal(url);
    return { action: 'deny' };
  });
  await win.loadURL(hub.url);
  app.on('before-quit', () => {
    void hub.stop();
  });
}
