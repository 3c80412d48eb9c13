// What a signed-in principal may see: admins everything, keys allowed to log in their own data, others "my usage".
export type Access = 'admin' | 'member' | 'viewer';

export interface SessionInfo {
  role: 'admin' | 'user';
  canLogin: boolean;
  userId: string | null;
}

export function accessOf(session: SessionInfo): Access {
  if (session.role === 'admin') return 'admin';
  return session.canLogin ? 'member' : 'viewer';
}

/** Where a principal lands after login (and when it opens a page it may not see). */
export function homePath(access: Access): string {
  return access === 'viewer' ? '/me' : '/';
}

/** A `from` path to return to after login: only local paths, never the login page itself. */
export function safeReturnPath(from: string | null): string | null {
  if (!from?.startsWith('/') || from.startsWith('//') || from.startsWith('/login')) return null;
  return from;
}
