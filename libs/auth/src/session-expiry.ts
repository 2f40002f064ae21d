/** A session lives a fixed time from login; it is not extended by use. */
export function sessionExpiresAt(now: Date, ttlHours: number): Date {
  return new Date(now.getTime() + ttlHours * 3_600_000);
}

export function isSessionExpired(expiresAt: Date, now: Date): boolean {
  return expiresAt.getTime() <= now.getTime();
}

/**
 * last_seen_at is for the operator ("who is logged in"), not for security:
 * write it at most once a minute instead of on every request.
 */
export function shouldTouchSession(lastSeenAt: Date, now: Date, everyMs = 60_000): boolean {
  return now.getTime() - lastSeenAt.getTime() >= everyMs;
}
