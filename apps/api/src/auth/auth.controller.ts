import {
  Controller,
  Get,
  HttpCode,
  HttpException,
  Inject,
  Post,
  Req,
  Res,
  UnauthorizedException,
} from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  checkCredentials,
  clearLoginFailures,
  createSession,
  deleteSession,
  loginLockedUntil,
  recordLoginFailure,
} from '#auth';
import type { AppConfig } from '#config';
import { APP_CONFIG, DATABASE, type DatabaseHandle } from '#platform';
import { ApiError, ApiZodBody, ApiZodResponse } from '../http/openapi.js';
import { ZodBody } from '../http/zod-validation.js';
import { AdminOnly, type AdminPrincipal, Public } from './decorators.js';
import { SESSION_COOKIE, sessionCookieOptions } from './session-cookie.js';

// Bounds keep a request from making argon2 chew on megabytes.
const loginSchema = z.strictObject({
  email: z.string().trim().min(3).max(320),
  password: z.string().min(1).max(1_024),
});
const sessionSchema = z.object({
  email: z.string(),
  csrfToken: z.string().describe('Send it as x-csrf-token on every change'),
});

/** Per client IP; a guessing script meets 429 long before it gets anywhere. */
export const LOGIN_ATTEMPTS_PER_MINUTE = 10;

export interface SessionView {
  email: string;
  csrfToken: string;
}

function tooManyFailures(reply: FastifyReply, until: Date): HttpException {
  const seconds = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 1_000));
  void reply.header('retry-after', String(seconds));
  return new HttpException(
    {
      statusCode: 429,
      error: 'login-backoff',
      message: `too many wrong passwords for this email: try again in ${seconds} s`,
      retryAfterSeconds: seconds,
    },
    429,
  );
}

@ApiTags('auth')
@Controller('api/auth')
export class AuthController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(DATABASE) private readonly database: DatabaseHandle,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @RouteConfig({ rateLimit: { max: LOGIN_ATTEMPTS_PER_MINUTE, timeWindow: 60_000 } })
  @ApiOperation({
    summary:
      'Log in as an admin: sets the httpOnly nl_session cookie and returns the CSRF token to send as x-csrf-token on every change',
  })
  @ApiZodBody(loginSchema, { admin: { email: 'desk@newsledger.example', password: 'a long passphrase' } })
  @ApiZodResponse(200, sessionSchema, 'Logged in: the nl_session cookie is set')
  @ApiError(401, 'Wrong email or password')
  @ApiError(
    429,
    `More than ${LOGIN_ATTEMPTS_PER_MINUTE} attempts a minute from this address, or this email must wait after repeated wrong passwords (Retry-After)`,
  )
  async login(
    @ZodBody(loginSchema) body: z.output<typeof loginSchema>,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SessionView> {
    const { email, password } = body;
    // Per account, whatever the address: the password is not even checked while the email waits.
    const lockedUntil = await loginLockedUntil(this.database.db, email);
    if (lockedUntil) throw tooManyFailures(reply, lockedUntil);
    const user = await checkCredentials(this.database.db, email, password);
    // One message for unknown email, wrong password and disabled admin: nothing to enumerate.
    if (!user) {
      await recordLoginFailure(this.database.db, email);
      throw new UnauthorizedException({
        statusCode: 401,
        error: 'invalid-credentials',
        message: 'wrong email or password',
      });
    }
    await clearLoginFailures(this.database.db, email);
    const session = await createSession(this.database.db, user.id, { ttlHours: this.config.SESSION_TTL_HOURS });
    void reply.setCookie(
      SESSION_COOKIE,
      session.token,
      sessionCookieOptions(request, this.config.NODE_ENV, session.expiresAt),
    );
    return { email: user.email, csrfToken: session.csrfToken };
  }

  @Post('logout')
  @HttpCode(204)
  @ApiOperation({ summary: 'End the session: its cookie opens nothing afterwards' })
  @ApiNoContentResponse({ description: 'Logged out' })
  async logout(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    const token = request.cookies[SESSION_COOKIE];
    if (token) await deleteSession(this.database.db, token);
    void reply.clearCookie(SESSION_COOKIE, sessionCookieOptions(request, this.config.NODE_ENV));
  }

  @AdminOnly()
  @Get('me')
  @ApiOperation({ summary: 'The logged-in admin and the CSRF token (the dashboard reads it again after a reload)' })
  @ApiZodResponse(200, sessionSchema, 'The session')
  @ApiError(401, 'No valid session')
  me(@Req() request: FastifyRequest): SessionView {
    const admin = request.admin as AdminPrincipal;
    return { email: admin.email, csrfToken: admin.csrfToken };
  }
}
