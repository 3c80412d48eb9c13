// The console session: asked of GET /auth/session on load (never a 401), set by login, cleared by logout or a 401;
// inside the desktop app, signed in with the local admin token the preload bridge hands over.
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { CchubDesktopBridge } from '../../../shared/desktop-bridge';
import { apiCall, setCsrfToken, setUnauthorizedHandler } from '../api/client';
import { type Access, accessOf, type SessionInfo } from './access';

/** The fields the console reads from the login and session answers. */
interface SessionAnswer {
  authenticated?: boolean;
  role?: 'admin' | 'user';
  canLogin?: boolean;
  userId?: string | null;
  csrfToken?: string | null;
}

export type AuthState =
  | { status: 'loading' }
  | { status: 'anonymous'; expired: boolean }
  | { status: 'signed-in'; session: SessionInfo; access: Access };

interface AuthValue {
  state: AuthState;
  login(token: string): Promise<Access>;
  logout(): Promise<void>;
}

const AuthContext = createContext<AuthValue | null>(null);

function toSession(answer: SessionAnswer): SessionInfo | null {
  if (answer.authenticated === false || !answer.role) return null;
  return {
    role: answer.role,
    canLogin: answer.role === 'admin' || answer.canLogin === true,
    userId: answer.userId ?? null,
  };
}

/** The desktop app's bridge (`window.cchubDesktop`), absent in a browser. */
function desktopBridge(): CchubDesktopBridge | undefined {
  const bridge = (window as Window & { cchubDesktop?: CchubDesktopBridge }).cchubDesktop;
  return bridge?.isDesktop ? bridge : undefined;
}

async function loginCall(token: string): Promise<{ session: SessionInfo; csrf: string | null }> {
  const answer = await apiCall<SessionAnswer>('POST', '/auth/login', { body: { token }, quiet401: true });
  let session = toSession({ authenticated: true, ...answer });
  let csrf = answer.csrfToken ?? null;
  if (!session || csrf === null) {
    const current = await apiCall<SessionAnswer>('GET', '/auth/session', { quiet401: true });
    session = toSession(current) ?? session;
    csrf = current.csrfToken ?? csrf;
  }
  if (!session) throw new Error('login succeeded but no session was established');
  return { session, csrf };
}

function signedIn(session: SessionInfo): AuthState {
  return { status: 'signed-in', session, access: accessOf(session) };
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AuthState>({ status: 'loading' });

  useEffect(() => {
    const controller = new AbortController();
    const start = async (): Promise<AuthState> => {
      const answer = await apiCall<SessionAnswer>('GET', '/auth/session', {
        signal: controller.signal,
        quiet401: true,
      });
      const session = toSession(answer);
      if (session) {
        setCsrfToken(answer.csrfToken ?? null);
        return signedIn(session);
      }
      const bridge = desktopBridge();
      if (!bridge) return { status: 'anonymous', expired: false };
      const desktop = await loginCall(await bridge.adminToken());
      setCsrfToken(desktop.csrf);
      return signedIn(desktop.session);
    };
    start().then(
      (next) => {
        if (!controller.signal.aborted) setState(next);
      },
      () => {
        if (!controller.signal.aborted) setState({ status: 'anonymous', expired: false });
      },
    );
    return () => controller.abort();
  }, []);

  useEffect(() => {
    setUnauthorizedHandler(() => {
      setCsrfToken(null);
      setState((s) => (s.status === 'signed-in' ? { status: 'anonymous', expired: true } : s));
    });
    return () => setUnauthorizedHandler(null);
  }, []);

  const login = useCallback(async (token: string) => {
    const { session, csrf } = await loginCall(token);
    setCsrfToken(csrf);
    setState(signedIn(session));
    return accessOf(session);
  }, []);

  const logout = useCallback(async () => {
    try {
      await apiCall('POST', '/auth/logout', { quiet401: true });
    } finally {
      setCsrfToken(null);
      setState({ status: 'anonymous', expired: false });
    }
  }, []);

  const value = useMemo<AuthValue>(() => ({ state, login, logout }), [state, login, logout]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth outside AuthProvider');
  return value;
}

/** The signed-in session; only for components rendered inside the signed-in shell. */
export function useSession(): { session: SessionInfo; access: Access } {
  const { state } = useAuth();
  if (state.status !== 'signed-in') throw new Error('useSession without a session');
  return { session: state.session, access: state.access };
}
