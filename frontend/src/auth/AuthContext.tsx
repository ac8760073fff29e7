// Who is logged in. The access token is kept by the API client in memory; the
// refresh token in localStorage lets a reload restore the session.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { api, endpoints } from '../api';
import { ApiError } from '../api/client';
import type { Me, PlatformRole, RegisterRequest } from '../api/types';

export type AuthStatus = 'loading' | 'anonymous' | 'authenticated';

export interface AuthState {
  status: AuthStatus;
  me: Me | null;
  /** Set when the server ended the session; cleared by the next login. */
  sessionExpired: boolean;
  login(email: string, password: string): Promise<Me | null>;
  register(req: RegisterRequest): Promise<void>;
  logout(): Promise<void>;
  /** Changes the password; the server's new token pair replaces ours (other sessions end). */
  changePassword(currentPassword: string, newPassword: string): Promise<void>;
  reload(): Promise<Me | null>;
  hasRole(...roles: PlatformRole[]): boolean;
}

const AuthContext = createContext<AuthState | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [status, setStatus] = useState<AuthStatus>(() => (api.hasSession() ? 'loading' : 'anonymous'));
  const [sessionExpired, setSessionExpired] = useState(false);
  const meRef = useRef<Me | null>(null);
  meRef.current = me;

  const reload = useCallback(async (): Promise<Me | null> => {
    if (!api.hasSession()) {
      setMe(null);
      setStatus('anonymous');
      return null;
    }
    try {
      const m = await endpoints.me();
      setMe(m);
      setStatus('authenticated');
      return m;
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) {
        api.clearSession();
        setMe(null);
        setStatus('anonymous');
        return null;
      }
      // Offline or server trouble: keep whatever we knew.
      setStatus(meRef.current ? 'authenticated' : 'anonymous');
      throw err;
    }
  }, []);

  useEffect(() => {
    const off = api.onSessionExpired(() => {
      setMe(null);
      setStatus('anonymous');
      setSessionExpired(true);
    });
    if (api.hasSession()) reload().catch(() => undefined);
    return () => {
      off();
    };
  }, [reload]);

  const login = useCallback(
    async (email: string, password: string) => {
      const tokens = await endpoints.login(email.trim(), password);
      api.setSession(tokens);
      setSessionExpired(false);
      return reload().catch(() => null);
    },
    [reload],
  );

  const register = useCallback(
    async (req: RegisterRequest) => {
      await endpoints.register(req);
      await login(req.email, req.password);
    },
    [login],
  );

  const logout = useCallback(async () => {
    const token = api.refreshToken();
    api.clearSession();
    setMe(null);
    setStatus('anonymous');
    setSessionExpired(false);
    if (token) {
      try {
        await endpoints.logout(token);
      } catch {
        // the local session is gone either way
      }
    }
  }, []);

  const changePassword = useCallback(async (currentPassword: string, newPassword: string) => {
    const tokens = await endpoints.changePassword(currentPassword, newPassword);
    // Every refresh token issued before the change is dead now, ours included.
    api.setSession(tokens);
    setSessionExpired(false);
  }, []);

  const hasRole = useCallback(
    (...roles: PlatformRole[]) => !!me && me.user.roles.some((r) => roles.includes(r)),
    [me],
  );

  const value = useMemo<AuthState>(
    () => ({ status, me, sessionExpired, login, register, logout, changePassword, reload, hasRole }),
    [status, me, sessionExpired, login, register, logout, changePassword, reload, hasRole],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}
