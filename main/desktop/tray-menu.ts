// The tray menu as a pure function of the stats and the shell's state; the Electron glue binds actions to clicks.
import type { MenuItemConstructorOptions } from 'electron';
import { formatCount, formatMoney } from './format';
import type { ProviderHealth, TrayStats } from './tray-stats';

export type TrayAction =
  | 'open-console'
  | 'copy-base-url'
  | 'copy-claude-setup'
  | 'toggle-lan'
  | 'toggle-login'
  | 'quit';

/** A MenuItemConstructorOptions without functions: `action` names what a click does. */
export interface TrayMenuItem {
  type?: 'normal' | 'separator' | 'checkbox';
  label?: string;
  enabled?: boolean;
  checked?: boolean;
  action?: TrayAction;
}

export interface TrayState {
  /** The URL this machine's clients use (loopback, or the LAN address when serving the LAN). */
  baseUrl: string;
  serveOnLan: boolean;
  /** The hub's address for teammates, shown while serving the LAN. */
  lanUrl?: string | undefined;
  openAtLogin: boolean;
}

/** How many providers the menu lists before summing up the rest. */
export const MAX_PROVIDERS_SHOWN = 8;

const BREAKER_LABEL: Record<ProviderHealth['breaker'], string> = {
  closed: 'healthy',
  'half-open': 'recovering (half-open)',
  open: 'circuit open',
};

export function providerLine(p: ProviderHealth): string {
  if (!p.enabled) return `○ ${p.name} — disabled`;
  const mark = p.breaker === 'closed' ? '●' : p.breaker === 'half-open' ? '◐' : '✕';
  return `${mark} ${p.name} — ${BREAKER_LABEL[p.breaker]}`;
}

/** The line Claude Code users paste into their shell (the hub key is theirs to fill in). */
export function claudeCodeSnippet(baseUrl: string): string {
  return `export ANTHROPIC_BASE_URL=${baseUrl} ANTHROPIC_AUTH_TOKEN=<your hub key>`;
}

/** One line for the tray's tooltip. */
export function trayToolTip(stats: TrayStats): string {
  return `cchub — today ${formatCount(stats.requests)} requests, ${formatMoney(stats.costUsd, stats.currencySymbol)}`;
}

const info = (label: string): TrayMenuItem => ({ label, enabled: false });
const separator: TrayMenuItem = { type: 'separator' };

export function buildTrayMenu(stats: TrayStats, state: TrayState): TrayMenuItem[] {
  const openProviders = stats.providers.filter((p) => p.enabled && p.breaker === 'open').length;
  const providerItems = stats.providers.length
    ? stats.providers.slice(0, MAX_PROVIDERS_SHOWN).map((p) => info(providerLine(p)))
    : [info('No providers yet: add one in the console')];
  if (stats.providers.length > MAX_PROVIDERS_SHOWN) {
    providerItems.push(info(`… and ${stats.providers.length - MAX_PROVIDERS_SHOWN} more`));
  }
  return [
    info(`Today: ${formatCount(stats.requests)} requests · ${formatMoney(stats.costUsd, stats.currencySymbol)}`),
    info(`Tokens today: ${formatCount(stats.tokens)}`),
    info(`In flight: ${formatCount(stats.inFlight)}`),
    separator,
    info(openProviders ? `Providers (${openProviders} failing)` : 'Providers'),
    ...providerItems,
    separator,
    { label: 'Open console', action: 'open-console' },
    { label: `Copy base URL (${state.baseUrl})`, action: 'copy-base-url' },
    { label: 'Copy Claude Code setup', action: 'copy-claude-setup' },
    separator,
    { type: 'checkbox', label: 'Serve on LAN', checked: state.serveOnLan, action: 'toggle-lan' },
    ...(state.serveOnLan ? [info(state.lanUrl ? `LAN address: ${state.lanUrl}` : 'LAN address: none found')] : []),
    { type: 'checkbox', label: 'Start at login', checked: state.openAtLogin, action: 'toggle-login' },
    separator,
    { label: 'Quit cchub', action: 'quit' },
  ];
}

/** The Electron template: each action becomes a click handler. */
export function bindTrayMenu(
  items: readonly TrayMenuItem[],
  dispatch: (action: TrayAction) => void,
): MenuItemConstructorOptions[] {
  return items.map(({ action, ...rest }) => {
    const item: MenuItemConstructorOptions = { ...rest };
    if (action) item.click = () => dispatch(action);
    return item;
  });
}
