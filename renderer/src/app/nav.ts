// The console's pages, their paths and which principals see them in the navigation.
import type { Access } from '../auth/access';
import type { MessageKey } from '../i18n/catalogue';

export type PageId =
  | 'dashboard'
  | 'providers'
  | 'users'
  | 'keys'
  | 'logs'
  | 'leaderboard'
  | 'prices'
  | 'settings'
  | 'audit'
  | 'docs'
  | 'me'
  // backup and configuration transfer
  | 'backup'
  // operator rules
  | 'contentRules'
  // notifications
  | 'notifications'

  // Operations
  | 'availability'
  | 'sessions'
  // error rules
  | 'errorRules'

  // Issue 23: the setup guide inside the console.
  | 'setup';

export interface NavEntry {
  id: PageId;
  path: string;
  label: MessageKey;
  access: readonly Access[];
}

export const NAV: readonly NavEntry[] = [
  { id: 'dashboard', path: '/', label: 'nav.dashboard', access: ['admin', 'member'] },
  { id: 'me', path: '/me', label: 'nav.me', access: ['member', 'viewer'] },
  { id: 'providers', path: '/providers', label: 'nav.providers', access: ['admin'] },
  { id: 'users', path: '/users', label: 'nav.users', access: ['admin'] },
  { id: 'keys', path: '/keys', label: 'nav.keys', access: ['admin', 'member'] },
  { id: 'logs', path: '/logs', label: 'nav.logs', access: ['admin', 'member'] },
  { id: 'leaderboard', path: '/leaderboard', label: 'nav.leaderboard', access: ['admin', 'member'] },
  { id: 'prices', path: '/prices', label: 'nav.prices', access: ['admin'] },
  { id: 'settings', path: '/settings', label: 'nav.settings', access: ['admin'] },
  { id: 'notifications', path: '/notifications', label: 'nav.notifications', access: ['admin'] },
  { id: 'errorRules', path: '/error-rules', label: 'nav.errorRules', access: ['admin'] },
  { id: 'audit', path: '/audit', label: 'nav.audit', access: ['admin'] },
  { id: 'contentRules', path: '/content-rules', label: 'nav.contentRules', access: ['admin'] },
  { id: 'docs', path: '/docs', label: 'nav.docs', access: ['admin', 'member'] },
  // backup and configuration transfer
  { id: 'backup', path: '/backup', label: 'nav.backup', access: ['admin'] },
  // Operations
  { id: 'availability', path: '/availability', label: 'nav.availability', access: ['admin'] },
  { id: 'sessions', path: '/sessions', label: 'nav.sessions', access: ['admin'] },
  // Issue 23: the setup guide, one click away for everyone signed in.
  { id: 'setup', path: '/setup', label: 'nav.setup', access: ['admin', 'member', 'viewer'] },
];

export function navFor(access: Access): NavEntry[] {
  return NAV.filter((entry) => entry.access.includes(access));
}

/** The navigation entry a location belongs to (the longest matching path). */
export function activeEntry(pathname: string, entries: readonly NavEntry[]): NavEntry | undefined {
  let best: NavEntry | undefined;
  for (const entry of entries) {
    const matches =
      entry.path === '/' ? pathname === '/' : pathname === entry.path || pathname.startsWith(`${entry.path}/`);
    if (matches && (!best || entry.path.length > best.path.length)) best = entry;
  }
  return best;
}

export function mayOpen(id: PageId, access: Access): boolean {
  return NAV.some((entry) => entry.id === id && entry.access.includes(access));
}
