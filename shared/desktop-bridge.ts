// The desktop bridge's contract: what the preload exposes as `window.cchubDesktop` and the IPC channel behind it.

/** IPC channel: the main process answers with the local admin token, only to the hub's own console. */
export const ADMIN_TOKEN_CHANNEL = 'cchub:admin-token';

/** `window.cchubDesktop` in the console when it runs inside the desktop app (absent in a browser). */
export interface CchubDesktopBridge {
  readonly isDesktop: true;
  /** The local admin token, so the console logs in without asking; never put in a URL or a file. */
  adminToken(): Promise<string>;
}
