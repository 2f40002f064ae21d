import { isSessionExpired, sessionExpiresAt, shouldTouchSession } from './session-expiry.js';

describe('session expiry', () => {
  const login = new Date('2026-11-28T08:00:00Z');

  it('expires SESSION_TTL_HOURS after login', () => {
    expect(sessionExpiresAt(login, 12).toISOString()).toBe('2026-11-28T20:00:00.000Z');
  });

  it('is live until the expiry instant and dead from it on', () => {
    const expiresAt = sessionExpiresAt(login, 12);
    expect(isSessionExpired(expiresAt, new Date('2026-11-28T19:59:59.999Z'))).toBe(false);
    expect(isSessionExpired(expiresAt, new Date('2026-11-28T20:00:00.000Z'))).toBe(true);
    expect(isSessionExpired(expiresAt, new Date('2026-11-29T08:00:00Z'))).toBe(true);
  });

  it('records last-seen at most once a minute', () => {
    expect(shouldTouchSession(login, new Date(login.getTime() + 59_999))).toBe(false);
    expect(shouldTouchSession(login, new Date(login.getTime() + 60_000))).toBe(true);
  });
});
