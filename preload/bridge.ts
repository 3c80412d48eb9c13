// Builds the console's desktop bridge from the two Electron preload modules it needs (injected for tests).
import { ADMIN_TOKEN_CHANNEL, type CchubDesktopBridge } from '../shared/desktop-bridge';

export interface PreloadElectron {
  contextBridge: { exposeInMainWorld(apiKey: string, api: CchubDesktopBridge): void };
  ipcRenderer: { invoke(channel: string): Promise<unknown> };
}

export function exposeDesktopBridge({ contextBridge, ipcRenderer }: PreloadElectron): void {
  const bridge: CchubDesktopBridge = {
    isDesktop: true,
    adminToken: async () => {
      const token = await ipcRenderer.invoke(ADMIN_TOKEN_CHANNEL);
      if (typeof token !== 'string') throw new Error('the desktop app did not answer with an admin token');
      return token;
    },
  };
  contextBridge.exposeInMainWorld('cchubDesktop', bridge);
}
