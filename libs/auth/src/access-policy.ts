/**
 * Who may call a route, decided from the route alone so that a new admin
 * route is protected without anyone remembering to mark it:
 * - anything under /api/ that is not a safe method changes state: session + CSRF token;
 * - a route marked admin-only needs a session (and the CSRF token if it changes state);
 * - a route marked public needs nothing (login; signed webhooks live outside /api anyway);
 * - the rest (GET reads under /api, /webhooks, /health, /metrics, /docs) is open.
 */
export type Access = 'public' | 'session' | 'session+csrf';

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
  return 'public';
}
