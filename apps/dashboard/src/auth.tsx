import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, createContext, useContext, useEffect, useMemo } from 'react';
import { ApiError, post, request, setCsrfToken, setUnauthorizedHandler } from './api';

export interface Session {
  email: string;
  csrfToken?: string;
}

interface AuthState {
  session: Session | null;
  loading: boolean;
  login(email: string, password: string): Promise<void>;
  logout(): Promise<void>;
}

const AuthContext = createContext<AuthState | null>(null);

/** The admin session: GET /api/auth/me at start, POST /api/auth/login and /logout. */
export function AuthProvider({ children }: { children: ReactNode }) {
  const client = useQueryClient();
  const me = useQuery({
    queryKey: ['auth', 'me'],
    queryFn: async () => {
      try {
        const session = await request<Session>('GET', '/api/auth/me', { quiet401: true });
        if (session.csrfToken) setCsrfToken(session.csrfToken);
        return session;
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: 60_000,
    retry: false,
  });

  useEffect(() => {
    // Any 401 (an expired session) drops every cached answer and shows the login.
    setUnauthorizedHandler(() => {
      setCsrfToken(null);
      client.setQueryData(['auth', 'me'], null);
    });
  }, [client]);

  const state = useMemo<AuthState>(
    () => ({
      session: me.data ?? null,
      loading: me.isPending,
      async login(email, password) {
        const session = await request<Session>('POST', '/api/auth/login', {
          body: { email, password },
          quiet401: true,
        });
        setCsrfToken(session.csrfToken ?? null);
        client.removeQueries({ predicate: (q) => q.queryKey[0] !== 'auth' });
        client.setQueryData(['auth', 'me'], session);
      },
      async logout() {
        try {
          await post('/api/auth/logout');
        } finally {
          setCsrfToken(null);
          client.setQueryData(['auth', 'me'], null);
          client.removeQueries({ predicate: (q) => q.queryKey[0] !== 'auth' });
        }
      },
    }),
    [me.data, me.isPending, client],
  );
  return <AuthContext.Provider value={state}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const state = useContext(AuthContext);
  if (!state) throw new Error('useAuth outside AuthProvider');
  return state;
}
