// The narrow bridge the console window gets (sandboxed, CommonJS): `window.cchubDesktop`, nothing more.
import { contextBridge, ipcRenderer } from 'electron';
import { exposeDesktopBridge } from './bridge';

exposeDesktopBridge({ contextBridge, ipcRenderer });
