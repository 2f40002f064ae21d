import { accessFor } from './access-policy.js';

describe('accessFor: admin routes are protected by default', () => {
  it.each(['POST', 'PUT', 'PATCH', 'DELETE', 'post'])('%s under /api needs a session and the CSRF token', (method) => {
    expect(accessFor(method, '/api/events/:eventId/retract')).toBe('session+csrf');
    expect(accessFor(method, '/api/feeds')).toBe('session+csrf');
  });

  it('makes GET reads under /api reader routes (open unless API_TOKENS is set) unless marked admin-only', () => {
    expect(accessFor('GET', '/api/articles/:id')).toBe('reader');
    expect(accessFor('HEAD', '/api/articles')).toBe('reader');
    expect(accessFor('GET', '/api/export/plover.jsonl')).toBe('reader');
    expect(accessFor('GET', '/api/auth/me', { adminOnly: true })).toBe('session');
  });

  it('asks for the CSRF token on an admin-only route that changes state, wherever it lives', () => {
    expect(accessFor('POST', '/admin/queues/retry', { adminOnly: true })).toBe('session+csrf');
  });

  it('opens routes marked public (the login) and everything outside /api', () => {
    expect(accessFor('POST', '/api/auth/login', { public: true })).toBe('public');
    expect(accessFor('POST', '/webhooks/articles')).toBe('public');
    expect(accessFor('GET', '/health')).toBe('public');
    expect(accessFor('GET', '/metrics')).toBe('public');
    expect(accessFor('GET', '/docs')).toBe('public');
  });

  it('does not mistake a path that merely starts with "api" for the admin API', () => {
    expect(accessFor('POST', '/apix/thing')).toBe('public');
    expect(accessFor('POST', '/api')).toBe('session+csrf');
  });
});
