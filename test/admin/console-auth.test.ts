// Console login: session cookie flags, CSRF on cookie writes, read-only vs full sessions, lockout, logout, expiry.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { TrustedProxies } from '../../main/core/client-address';
import { AuditList, CreatedKey, KeyList, LoginResult, SessionState, User, UserList } from '../../shared/api-schemas';
import { ADMIN_TOKEN, as, type CallResult, call, expectError, startTestHub, type TestHub } from './helpers';

let hub: TestHub;
let full: { userId: string; keyId: string; key: string };
let limited: { userId: string; keyId: string; key: string };

async function userWithKey(h: TestHub, name: string, canLogin: boolean) {
  const user = as(await call(h, 'POST', '/users', { body: { name } }), 201, User);
  const key = as(
    await call(h, 'POST', `/users/${user.id}/keys`, { body: { name: `${name}-key`, canLogin } }),
    201,
    CreatedKey,
  );
  return { userId: user.id, keyId: key.id, key: key.key };
}

interface Session {
  cookie: string;
  setCookie: string;
  login: LoginResult;
}

async function login(h: TestHub, token: string, headers: Record<string, string> = {}): Promise<Session> {
  const res = await call(h, 'POST', '/auth/login', { token: null, body: { token }, headers });
  const loginResult = as(res, 200, LoginResult);
  const setCookie = res.headers.get('set-cookie') ?? '';
  return { cookie: setCookie.split(';')[0] ?? '', setCookie, login: loginResult };
}

/** A call with the session cookie (and its CSRF token unless told otherwise). */
function withSession(
  s: Session,
  method: string,
  path: string,
  opts: { body?: unknown; csrf?: string | null } = {},
): Promise<CallResult> {
  const headers: Record<string, string> = { cookie: s.cookie };
  const csrf = opts.csrf === undefined ? s.login.csrfToken : opts.csrf;
  if (csrf !== null) headers['x-csrf-token'] = csrf;
  return call(hub, method, path, { token: null, headers, body: opts.body });
}

const flags = (setCookie: string) => setCookie.split(';').map((f) => f.trim());

beforeAll(async () => {
  hub = await startTestHub();
  full = await userWithKey(hub, 'full', true);
  limited = await userWithKey(hub, 'limited', false);
});
afterAll(async () => {
  await hub.close();
});

describe('login', () => {
  test('the admin token: role admin, a session cookie with the right flags, a CSRF token', async () => {
    const s = await login(hub, ADMIN_TOKEN);
    expect(s.login).toMatchObject({ role: 'admin', canLogin: true });
    expect(s.login.userId).toBeUndefined();
    expect(s.login.csrfToken.length).toBeGreaterThanOrEqual(32);
    expect(s.cookie).toMatch(/^cchub_session=[A-Za-z0-9_-]{32,}$/);
    const f = flags(s.setCookie);
    expect(f).toEqual(expect.arrayContaining(['HttpOnly', 'SameSite=Lax', 'Path=/', 'Max-Age=604800']));
    expect(f).not.toContain('Secure'); // plain HTTP on a LAN must still work
    expect(s.setCookie).not.toContain(ADMIN_TOKEN);
    expect(as(await withSession(s, 'GET', '/users'), 200, UserList).items.length).toBeGreaterThan(0);
  });

  test('Secure when a trusted proxy says the client used TLS', async () => {
    const s = await login(hub, ADMIN_TOKEN, { 'x-forwarded-proto': 'https' });
    expect(flags(s.setCookie)).toContain('Secure');
  });

  test('CCHUB_INSECURE_COOKIES forces the flag either way', async () => {
    const insecure = await startTestHub({}, { config: { insecureCookies: true } });
    const secure = await startTestHub({}, { config: { insecureCookies: false } });
    try {
      const a = await call(insecure, 'POST', '/auth/login', {
        token: null,
        body: { token: ADMIN_TOKEN },
        headers: { 'x-forwarded-proto': 'https' },
      });
      expect(flags(a.headers.get('set-cookie') ?? '')).not.toContain('Secure');
      const b = await call(secure, 'POST', '/auth/login', { token: null, body: { token: ADMIN_TOKEN } });
      expect(flags(b.headers.get('set-cookie') ?? '')).toContain('Secure');
    } finally {
      await insecure.close();
      await secure.close();
    }
  });

  test('a wrong token is a 401 that does not echo it, and sets no cookie', async () => {
    const res = await call(hub, 'POST', '/auth/login', {
      token: null,
      body: { token: 'sk-cchub-NotAKeyAtAll000000000000000' },
    });
    expectError(res, 401, 'invalid_credentials');
    expect(res.text).not.toContain('NotAKey');
    expect(res.headers.get('set-cookie')).toBeNull();
  });

  test('a validation error names the field', async () => {
    expectError(await call(hub, 'POST', '/auth/login', { token: null, body: {} }), 400, 'invalid_field', 'token');
  });
});

describe('what a session may do', () => {
  test('cookie-authenticated writes need the CSRF token; bearer writes do not', async () => {
    const s = await login(hub, ADMIN_TOKEN);
    const before = hub.database.sqlite.prepare('SELECT count(*) AS n FROM users').get();
    expectError(await withSession(s, 'POST', '/users', { body: { name: 'x' }, csrf: null }), 403, 'csrf_rejected');
    expectError(await withSession(s, 'POST', '/users', { body: { name: 'x' }, csrf: 'wrong' }), 403, 'csrf_rejected');
    expect(hub.database.sqlite.prepare('SELECT count(*) AS n FROM users').get()).toEqual(before);
    expect((await withSession(s, 'POST', '/users', { body: { name: 'via-session' } })).status).toBe(201);
    // the CSRF token of another session does not do
    const other = await login(hub, ADMIN_TOKEN);
    expectError(
      await withSession(s, 'PATCH', '/settings', { body: { currencySymbol: '€' }, csrf: other.login.csrfToken }),
      403,
      'csrf_rejected',
    );
    expect(
      (await call(hub, 'POST', '/users', { body: { name: 'via-bearer' }, headers: { cookie: s.cookie } })).status,
    ).toBe(201);
  });

  test('a key that may log in: its own keys and logs, nothing of the admin', async () => {
    const s = await login(hub, full.key);
    expect(s.login).toMatchObject({ role: 'user', canLogin: true, userId: full.userId });
    const keys = as(await withSession(s, 'GET', '/keys'), 200, KeyList);
    expect(keys.items.map((k) => k.id)).toEqual([full.keyId]);
    expect((await withSession(s, 'GET', '/requests')).status).toBe(200);
    expectError(await withSession(s, 'GET', '/providers'), 403, 'forbidden');
    expectError(await withSession(s, 'GET', '/settings'), 403, 'forbidden');
    expectError(await withSession(s, 'GET', `/keys/${limited.keyId}`), 404, 'not_found');
    expectError(await withSession(s, 'GET', `/users/${limited.userId}`), 404, 'not_found');
  });

  test('any other key: the read-only "my usage" routes only', async () => {
    const s = await login(hub, limited.key);
    expect(s.login).toMatchObject({ role: 'user', canLogin: false, userId: limited.userId });
    expect((await withSession(s, 'GET', '/me')).status).toBe(200);
    expect((await withSession(s, 'GET', '/me/usage')).status).toBe(200);
    expectError(await withSession(s, 'GET', '/keys'), 403, 'forbidden');
    expectError(await withSession(s, 'GET', '/requests'), 403, 'forbidden');
    expectError(await withSession(s, 'POST', `/keys/${limited.keyId}/rotate`, { body: {} }), 403, 'forbidden');
    // the same key as a bearer acts as its user, as before
    expect((await call(hub, 'GET', '/keys', { token: limited.key })).status).toBe(200);
  });

  test('a session ends when its key stops working, and at its expiry', async () => {
    const extra = await userWithKey(hub, 'temp', true);
    const s = await login(hub, extra.key);
    expect((await withSession(s, 'GET', '/me')).status).toBe(200);
    await call(hub, 'PATCH', `/keys/${extra.keyId}`, { body: { enabled: false } });
    expectError(await withSession(s, 'GET', '/me'), 401, 'unauthorized');
    await call(hub, 'PATCH', `/keys/${extra.keyId}`, { body: { enabled: true } });
    expectError(await withSession(s, 'GET', '/me'), 401, 'unauthorized'); // ended, not suspended

    const admin = await login(hub, ADMIN_TOKEN);
    hub.clock.advance(7 * 86_400_000 - 1000);
    expect((await withSession(admin, 'GET', '/users')).status).toBe(200);
    hub.clock.advance(1000);
    expectError(await withSession(admin, 'GET', '/users'), 401, 'unauthorized');
  });
});

describe('session state and logout', () => {
  test('GET /auth/session is never a 401', async () => {
    expect(as(await call(hub, 'GET', '/auth/session', { token: null }), 200, SessionState)).toEqual({
      authenticated: false,
    });
    const garbage = await call(hub, 'GET', '/auth/session', { token: null, headers: { cookie: 'cchub_session=nope' } });
    expect(as(garbage, 200, SessionState).authenticated).toBe(false);
    const wrong = await call(hub, 'GET', '/auth/session', { token: 'wrong-token' });
    expect(as(wrong, 200, SessionState).authenticated).toBe(false);
    expect(as(await call(hub, 'GET', '/auth/session'), 200, SessionState)).toMatchObject({
      authenticated: true,
      role: 'admin',
      via: 'bearer',
    });
  });

  test('a session reports its role, CSRF token and expiry', async () => {
    const s = await login(hub, limited.key);
    const state = as(await withSession(s, 'GET', '/auth/session'), 200, SessionState);
    expect(state).toMatchObject({
      authenticated: true,
      role: 'user',
      canLogin: false,
      userId: limited.userId,
      via: 'session',
      csrfToken: s.login.csrfToken,
      expiresAt: s.login.expiresAt,
    });
  });

  test('logout needs the CSRF token, clears the cookie and ends the session', async () => {
    const s = await login(hub, ADMIN_TOKEN);
    expectError(await withSession(s, 'POST', '/auth/logout', { csrf: null }), 403, 'csrf_rejected');
    expect((await withSession(s, 'GET', '/users')).status).toBe(200);
    const out = await withSession(s, 'POST', '/auth/logout');
    expect(out.status).toBe(204);
    expect(flags(out.headers.get('set-cookie') ?? '')).toEqual(expect.arrayContaining(['cchub_session=', 'Max-Age=0']));
    expectError(await withSession(s, 'GET', '/users'), 401, 'unauthorized');
    expect(as(await withSession(s, 'GET', '/auth/session'), 200, SessionState).authenticated).toBe(false);
    expect((await call(hub, 'POST', '/auth/logout', { token: null })).status).toBe(204); // no session: still fine
  });
});

describe('login lockout', () => {
  test('10 failures from an address in 5 minutes refuse its failing logins for 15 minutes; the right token works', async () => {
    const h = await startTestHub();
    try {
      const wrong = () => call(h, 'POST', '/auth/login', { token: null, body: { token: 'wrong' } });
      const right = () => call(h, 'POST', '/auth/login', { token: null, body: { token: ADMIN_TOKEN } });
      for (let i = 0; i < 9; i++) expectError(await wrong(), 401, 'invalid_credentials');
      h.clock.advance(5 * 60_000 + 1); // those nine leave the window
      expectError(await wrong(), 401, 'invalid_credentials');
      expect((await right()).status).toBe(200);

      for (let i = 0; i < 9; i++) expectError(await wrong(), 401, 'invalid_credentials'); // 10 in the window
      const locked = await wrong();
      expectError(locked, 429, 'rate_limited');
      expect(locked.headers.get('retry-after')).toBe('900');
      expect((await right()).status).toBe(200); // the right token is never refused
      const created = await call(h, 'POST', '/users', { body: { name: 'after-lock' } });
      expect(created.status).toBe(201); // nor the admin Bearer
      h.clock.advance(15 * 60_000 - 1000);
      const later = await wrong();
      expectError(later, 429, 'rate_limited');
      expect(later.headers.get('retry-after')).toBe('1');
      h.clock.advance(1000);
      expectError(await wrong(), 401, 'invalid_credentials');

      const audit = as(await call(h, 'GET', '/audit?action=login.&limit=500'), 200, AuditList);
      const actions = audit.items.map((e) => e.action);
      expect(actions.filter((a) => a === 'login.failure')).toHaveLength(20);
      expect(actions.filter((a) => a === 'login.locked')).toHaveLength(1); // once per lock, not per refused guess
      expect(actions.filter((a) => a === 'login.success')).toHaveLength(2);
      expect(audit.items.every((e) => e.ip !== null)).toBe(true);
      expect(JSON.stringify(audit)).not.toContain(ADMIN_TOKEN);
    } finally {
      await h.close();
    }
  });

  test('a trusted proxy: the forwarded client is locked and audited, another behind the same proxy is not', async () => {
    const h = await startTestHub({}, { config: { trustedProxies: new TrustedProxies(['127.0.0.1', '::1']) } });
    try {
      const wrong = (ip: string) =>
        call(h, 'POST', '/auth/login', { token: null, body: { token: 'wrong' }, headers: { 'x-forwarded-for': ip } });
      for (let i = 0; i < 10; i++) expectError(await wrong('203.0.113.5'), 401, 'invalid_credentials');
      expectError(await wrong('203.0.113.5'), 429, 'rate_limited');
      expectError(await wrong('203.0.113.6'), 401, 'invalid_credentials');
      const audit = as(await call(h, 'GET', '/audit?action=login.&limit=500'), 200, AuditList);
      expect(new Set(audit.items.map((e) => e.ip))).toEqual(new Set(['203.0.113.5', '203.0.113.6']));
    } finally {
      await h.close();
    }
  });
});
