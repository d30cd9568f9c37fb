import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { ApiError, onUnauthorized } from './client.ts';
import { client, unwrap, type Answer } from './typed.ts';

export type Me = Answer<'/api/v1/auth/me'>;

interface AuthState {
  me: Me | null | undefined; // undefined while checking
  login(username: string, password: string): Promise<void>;
  logout(): Promise<void>;
  refresh(): Promise<void>;
}

const Ctx = createContext<AuthState | null>(null);

// Before the auth routes exist the server is open; the console then acts as an admin.
const OPEN_SERVER: Me = { kind: 'user', userId: 'admin', name: 'admin', role: 'admin', staffId: null, workspaceId: 'default', seesPhones: true, mustChangePassword: false };

async function fetchMe(): Promise<Me | null> {
  try {
    return unwrap(await client.GET('/api/v1/auth/me'));
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return null;
    if (e instanceof ApiError && e.status === 404 && /no route/.test(e.message)) return OPEN_SERVER;
    throw e;
  }
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const refresh = useCallback(async () => {
    try { setMe(await fetchMe()); } catch { setMe(null); }
  }, []);
  useEffect(() => { void refresh(); }, [refresh]);
  useEffect(() => onUnauthorized(() => setMe(null)), []);
  const login = useCallback(async (username: string, password: string) => {
    unwrap(await client.POST('/api/v1/auth/login', { body: { login: username, password } }));
    setMe(await fetchMe());
  }, []);
  const logout = useCallback(async () => {
    try { unwrap(await client.POST('/api/v1/auth/logout')); } catch { /* already gone */ }
    setMe(null);
  }, []);
  return <Ctx.Provider value={{ me, login, logout, refresh }}>{children}</Ctx.Provider>;
}

export function useAuth(): AuthState {
  const v = useContext(Ctx);
  if (!v) throw new Error('useAuth outside AuthProvider');
  return v;
}
