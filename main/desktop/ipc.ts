// The main-process side of the console's bridge: the admin token, answered only to the hub's own console.
import { ADMIN_TOKEN_CHANNEL } from '../../shared/desktop-bridge';
import type { DesktopElectron } from './electron-api';
import { isConsoleFrame } from './link-policy';

export interface AdminTokenSource {
  token(): string;
  /** The console's origin now (`http://127.0.0.1:PORT`). */
  consoleOrigin(): string;
}

export function registerDesktopIpc(ipcMain: DesktopElectron['ipcMain'], source: AdminTokenSource): void {
  ipcMain.handle(ADMIN_TOKEN_CHANNEL, (event) => {
    if (!isConsoleFrame(event.senderFrame?.url, source.consoleOrigin())) {
      throw new Error('the admin token is only given to the cchub console');
    }
    return source.token();
  });
}
