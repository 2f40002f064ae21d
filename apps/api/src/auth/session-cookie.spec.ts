import type { FastifyRequest } from 'fastify';
import { sessionCookieOptions } from './session-cookie.js';

const over = (protocol: 'http' | 'https') => ({ protocol }) as FastifyRequest;

describe('sessionCookieOptions', () => {
  it('is httpOnly, SameSite=Strict and on every path', () => {
    expect(sessionCookieOptions(over('http'), 'development')).toEqual({
      httpOnly: true,
      sameSite: 'strict',
      secure: false,
      path: '/',
    });
  });

  it('is Secure over https, and always in production (a proxy that forgets X-Forwarded-Proto fails closed)', () => {
    expect(sessionCookieOptions(over('https'), 'development').secure).toBe(true);
    expect(sessionCookieOptions(over('http'), 'production').secure).toBe(true);
  });

  it('expires with the session', () => {
    const expires = new Date('2026-11-28T20:00:00Z');
    expect(sessionCookieOptions(over('https'), 'production', expires).expires).toBe(expires);
  });
});
