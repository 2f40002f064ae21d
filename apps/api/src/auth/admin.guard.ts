import {
  type CanActivate,
  type ExecutionContext,
  ForbiddenException,
  Inject,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type Access, ApiTokens, accessFor, findSession, tokensEqual } from '#auth';
import type { AppConfig } from '#config';
import type { Db } from '#db';
import { APP_CONFIG, DATABASE, type DatabaseHandle } from '#platform';
import { ADMIN_ONLY, type AdminPrincipal, IS_PUBLIC } from './decorators.js';
import { CSRF_HEADER, SESSION_COOKIE } from './session-cookie.js';

/**
 * The app-wide guard (APP_GUARD): admin routes are protected by default (see
 * accessFor in #auth), so a new controller under /api that changes state needs
 * nothing to be safe. Guards run before pipes and handlers: a refused request
 * changes nothing.
 */
@Injectable()
export class AdminGuard implements CanActivate {
  private readonly readers: ApiTokens;

  constructor(
    private readonly reflector: Reflector,
    @Inject(DATABASE) private readonly database: DatabaseHandle,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.readers = new ApiTokens(config.API_TOKENS);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const targets = [context.getHandler(), context.getClass()];
    const access = accessFor(request.method, routePath(request), {
      public: this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets),
      adminOnly: this.reflector.getAllAndOverride<boolean>(ADMIN_ONLY, targets),
    });
    if (access === 'public') return true;
    if (access === 'reader') {
      const allowed = await this.authenticateReader(request);
      if (!allowed) {
        void context.switchToHttp().getResponse<FastifyReply>().header('www-authenticate', 'Bearer realm="newsledger"');
        throw new UnauthorizedException({
          statusCode: 401,
          error: 'unauthenticated',
          message: 'this API needs a token: send Authorization: Bearer <one of API_TOKENS> (or log in as an admin)',
        });
      }
      return true;
    }
    request.admin = await authenticateAdmin(this.database.db, request, access);
    return true;
  }

  /** With API_TOKENS set, a read needs one of them as a bearer token, or an admin session (the dashboard). */
  private async authenticateReader(request: FastifyRequest): Promise<boolean> {
    if (!this.readers.required || this.readers.accepts(request.headers.authorization)) return true;
    const token = request.cookies?.[SESSION_COOKIE];
    return Boolean(token && (await findSession(this.database.db, token)));
  }
}

/**
 * The admin behind a request's session cookie, or a 401 (no valid session) /
 * 403 (CSRF token missing or wrong) HttpException. Exported for routes that
 * are not Nest controllers (e.g. a Fastify plugin such as bull-board), which
 * the guard does not see.
 */
export async function authenticateAdmin(
  db: Db,
  request: FastifyRequest,
  access: Exclude<Access, 'public'>,
): Promise<AdminPrincipal> {
  const token = request.cookies?.[SESSION_COOKIE];
  const session = token ? await findSession(db, token) : undefined;
  if (!session)
    throw new UnauthorizedException({
      statusCode: 401,
      error: 'unauthenticated',
      message: 'no valid admin session: log in first (POST /api/auth/login)',
    });
  if (access === 'session+csrf' && !tokensEqual(session.csrfToken, headerValue(request.headers[CSRF_HEADER]))) {
    throw new ForbiddenException({
      statusCode: 403,
      error: 'csrf-token-invalid',
      message: `missing or wrong ${CSRF_HEADER} header: send the csrfToken that POST /api/auth/login (or GET /api/auth/me) returned`,
    });
  }
  return { userId: session.userId, email: session.email, sessionId: session.sessionId, csrfToken: session.csrfToken };
}

/** The route's pattern (/api/events/:eventId/retract), not the raw URL, so encodings cannot dodge the rule. */
function routePath(request: FastifyRequest): string {
  return request.routeOptions?.url ?? request.url.split('?')[0]!;
}

/** A repeated header is refused rather than guessed at. */
function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? undefined : value;
}
