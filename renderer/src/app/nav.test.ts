// Which pages each principal sees, where they land, and the active navigation entry.
import { describe, expect, it } from 'vitest';
import { accessOf, homePath, safeReturnPath } from '../auth/access';
import { activeEntry, mayOpen, NAV, navFor } from './nav';

describe('access', () => {
  it('tells admins, members (keys that may log in) and viewers apart', () => {
    expect(accessOf({ role: 'admin', canLogin: true, userId: null })).toBe('admin');
    expect(accessOf({ role: 'user', canLogin: true, userId: 'u' })).toBe('member');
    expect(accessOf({ role: 'user', canLogin: false, userId: 'u' })).toBe('viewer');
    expect(homePath('viewer')).toBe('/me');
    expect(homePath('admin')).toBe('/');
  });

  it('returns only to local paths after login', () => {
    expect(safeReturnPath('/logs?x=1')).toBe('/logs?x=1');
    expect(safeReturnPath('//evil.example')).toBeNull();
    expect(safeReturnPath('https://evil.example')).toBeNull();
    expect(safeReturnPath('/login')).toBeNull();
    expect(safeReturnPath(null)).toBeNull();
  });
});

describe('navigation', () => {
  it('shows a viewer only "my usage" and the setup guide', () => {
    expect(navFor('viewer').map((e) => e.id)).toEqual(['me', 'setup']);
    expect(mayOpen('providers', 'viewer')).toBe(false);
  });

  it('keeps admin-only pages from members', () => {
    const member = navFor('member').map((e) => e.id);
    for (const id of ['providers', 'users', 'prices', 'settings', 'audit'] as const) expect(member).not.toContain(id);
    expect(member).toContain('logs');
    expect(navFor('admin')).toHaveLength(NAV.filter((e) => e.access.includes('admin')).length);
  });

  it('marks the longest matching entry active', () => {
    const entries = navFor('admin');
    expect(activeEntry('/', entries)?.id).toBe('dashboard');
    expect(activeEntry('/users/usr_1', entries)?.id).toBe('users');
    expect(activeEntry('/logs/req_1', entries)?.id).toBe('logs');
    expect(activeEntry('/nowhere', entries)).toBeUndefined();
  });
});
