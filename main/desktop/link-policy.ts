// Where a link or navigation in the console window may go: stay in the hub's origin, else the browser, else nowhere.

export type LinkDecision = 'stay' | 'external' | 'block';

const EXTERNAL_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

/** Same origin as the hub's console: stays in the window; web and mail links: the system browser; anything else: blocked. */
export function decideLink(url: string, consoleOrigin: string): LinkDecision {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'block';
  }
  if (parsed.origin === consoleOrigin) return 'stay';
  return EXTERNAL_PROTOCOLS.has(parsed.protocol) ? 'external' : 'block';
}

/** True when an IPC call comes from a frame showing the hub's console (not some other page). */
export function isConsoleFrame(frameUrl: string | undefined, consoleOrigin: string): boolean {
  if (!frameUrl) return false;
  try {
    return new URL(frameUrl).origin === consoleOrigin;
  } catch {
    return false;
  }
}
