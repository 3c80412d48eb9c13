// The narrow bridge the console window gets: nothing but what the console needs from the desktop shell.
import { contextBridge } from 'electron';

contextBridge.exposeInMainWorld('cchubDesktop', { isDesktop: true });
