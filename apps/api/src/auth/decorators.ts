import {
  SetMetadata,
  UnauthorizedException,
  applyDecorators,
  createParamDecorator,
  type ExecutionContext,
} from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';

/** The admin a request was authenticated as (set by AdminGuard). */
export interface AdminPrincipal {
  userId: string;
  email: string;
  sessionId: string;
  csrfToken: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    admin?: AdminPrincipal;
  }
}

export const IS_PUBLIC = 'newsledger:auth:public';
export const ADMIN_ONLY = 'newsledger:auth:admin-only';

// Each mark is also written into the OpenAPI operation (x-public, x-admin), where
// apps/api/src/http/openapi.ts runs the same access policy to document security.

/** Open to anyone even where the default rule would ask for a session (the login itself). */
export const Public = () => applyDecorators(SetMetadata(IS_PUBLIC, true), ApiExtension('x-public', true));

/** A read (GET) that only admins may make, e.g. what only the dashboard shows. */
export const AdminOnly = () => applyDecorators(SetMetadata(ADMIN_ONLY, true), ApiExtension('x-admin', true));

/**
 * The authenticated admin's email, for recording who did something. Throws
 * 401 rather than yielding undefined, so a route someone marked @Public by
 * mistake cannot write an anonymous change.
 */
export const CurrentAdmin = createParamDecorator((_data: unknown, context: ExecutionContext): string => {
  const admin = context.switchToHttp().getRequest<FastifyRequest>().admin;
  if (!admin)
    throw new UnauthorizedException({
      statusCode: 401,
      error: 'unauthenticated',
      message: 'log in first (POST /api/auth/login)',
    });
  return admin.email;
});
