import { type CanActivate, type ExecutionContext, ForbiddenException, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { accessFor, findSession, tokensEqual } from '#auth';
import { DATABASE, type DatabaseHandle } from '#platform';
import { ADMIN_ONLY, IS_PUBLIC } from './decorators.js';
import { CSRF_HEADER, SESSION_COOKIE } from './session-cookie.js';

/**
 * The app-wide guard (APP_GUARD): admin routes are protected by default (see
 * accessFor in #auth), so a new controller under /api that changes state needs
 * nothing to be safe. Guards run before pipes and handlers: a refused request
 * changes nothing.
 */
@Injectable()
export class AdminGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(DATABASE) private readonly database: DatabaseHandle,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const targets = [context.getHandler(), context.getClass()];
    const access = accessFor(request.method, routePath(request), {
      public: this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets),
      adminOnly: this.reflector.getAllAndOverride<boolean>(ADMIN_ONLY, targets),
    });
    if (access === 'public') return true;

    const token = request.cookies?.[SESSION_COOKIE];
    const session = token ? await findSession(this.database.db, token) : undefined;
    if (!session) throw new UnauthorizedException({ statusCode: 401, error: 'unauthenticated', message: 'no valid admin session: log in first (POST /api/auth/login)' });
    if (access === 'session+csrf' && !tokensEqual(session.csrfToken, headerValue(request.headers[CSRF_HEADER]))) {
      throw new ForbiddenException({
        statusCode: 403,
        error: 'csrf-token-invalid',
        message: `missing or wrong ${CSRF_HEADER} header: send the csrfToken that POST /api/auth/login (or GET /api/auth/me) returned`,
      });
    }
    request.admin = { userId: session.userId, email: session.email, sessionId: session.sessionId, csrfToken: session.csrfToken };
    return true;
  }
}

/** The route's pattern (/api/events/:eventId/retract), not the raw URL, so encodings cannot dodge the rule. */
function routePath(request: FastifyRequest): string {
  return request.routeOptions?.url ?? request.url.split('?')[0]!;
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? undefined : value;
}
