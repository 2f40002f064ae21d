import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 32 random bytes, base64url: the session cookie's value. */
export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The CSRF synchronizer token handed to the dashboard at login. */
export function newCsrfToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What admin_sessions.id holds: the table alone never yields a usable cookie. */
export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Constant-time comparison, so the answer's timing leaks nothing of the expected token. */
export function tokensEqual(expected: string, given: string | undefined): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(given, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
