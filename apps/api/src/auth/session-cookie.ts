import type { CookieSerializeOptions } from '@fastify/cookie';
import type { FastifyRequest } from 'fastify';

export const SESSION_COOKIE = 'nl_session';
export const CSRF_HEADER = 'x-csrf-token';

/**
 * httpOnly: page scripts never see the token. SameSite=Strict: browsers do not
 * send it on cross-site requests at all. Secure whenever the request came over
 * https (trustProxy makes X-Forwarded-Proto count) and always in production, so
 * a misconfigured proxy fails closed there.
 */
export function sessionCookieOptions(request: FastifyRequest, nodeEnv: string, expires?: Date): CookieSerializeOptions {
  return {
    httpOnly: true,
    sameSite: 'strict',
    secure: request.protocol === 'https' || nodeEnv === 'production',
    path: '/',
    ...(expires && { expires }),
  };
}
