/**
 * Who may call a route, decided from the route alone so that a new admin
 * route is protected without anyone remembering to mark it:
 * - anything under /api/ that is not a safe method changes state: session + CSRF token;
 * - a route marked admin-only needs a session (and the CSRF token if it changes state);
 * - a route marked public needs nothing (login; signed webhooks live outside /api anyway);
 * - other reads under /api (the read API, exports) are for readers: open, unless
 *   API_TOKENS is set, then a bearer token or an admin session;
 * - the rest (/webhooks, /health, /metrics, /docs) is open here (/metrics and /docs have their own switches).
 */
export type Access = 'public' | 'reader' | 'session' | 'session+csrf';

export interface RouteMarks {
  public?: boolean;
  adminOnly?: boolean;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function isSafeMethod(method: string): boolean {
  return SAFE_METHODS.has(method.toUpperCase());
}

export function isAdminApiPath(path: string): boolean {
  return path === '/api' || path.startsWith('/api/');
}

export function accessFor(method: string, path: string, marks: RouteMarks = {}): Access {
  if (marks.public) return 'public';
  const safe = isSafeMethod(method);
  if (marks.adminOnly || (!safe && isAdminApiPath(path))) return safe ? 'session' : 'session+csrf';
  return isAdminApiPath(path) ? 'reader' : 'public';
}
