import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * Where `npm run build:dashboard` put the SPA: dist/dashboard. This file runs
 * compiled (dist/apps/api/src/dashboard) or as source under Jest
 * (apps/api/src/dashboard); DASHBOARD_DIR overrides both.
 */
export function dashboardDirectory(env: Record<string, string | undefined> = process.env): string | undefined {
  const candidates = [
    env.DASHBOARD_DIR,
    resolve(import.meta.dirname, '../../../../dashboard'),
    resolve(import.meta.dirname, '../../../../dist/dashboard'),
  ].filter((d): d is string => Boolean(d));
  return candidates.find((dir) => existsSync(resolve(dir, 'index.html')));
}

/**
 * The page's own rules: scripts and styles from this origin only (recharts
 * sets inline style attributes, hence 'unsafe-inline' for styles alone), no
 * plugins, no framing, API calls to this origin only.
 */
export const DASHBOARD_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');
