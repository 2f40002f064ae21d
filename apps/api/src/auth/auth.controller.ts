import { BadRequestException, Body, Controller, Get, HttpCode, HttpException, Inject, Post, Req, Res, UnauthorizedException } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiBody, ApiCookieAuth, ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { checkCredentials, clearLoginFailures, createSession, deleteSession, loginLockedUntil, recordLoginFailure } from '#auth';
import type { AppConfig } from '#config';
import { APP_CONFIG, DATABASE, type DatabaseHandle } from '#platform';
import { AdminOnly, type AdminPrincipal, Public } from './decorators.js';
import { CSRF_HEADER, SESSION_COOKIE, sessionCookieOptions } from './session-cookie.js';

// Bounds keep a request from making argon2 chew on megabytes.
const loginSchema = z.object({ email: z.string().trim().min(3).max(320), password: z.string().min(1).max(1_024) });

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
    { statusCode: 429, error: 'login-backoff', message: `too many wrong passwords for this email: try again in ${seconds} s`, retryAfterSeconds: seconds },
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
  @ApiOperation({ summary: 'Log in as an admin: sets the httpOnly nl_session cookie and returns the CSRF token to send as x-csrf-token on every change' })
  @ApiBody({ schema: { type: 'object', required: ['email', 'password'], properties: { email: { type: 'string' }, password: { type: 'string' } } } })
  @ApiResponse({ status: 200, description: '{ email, csrfToken }' })
  @ApiResponse({ status: 401, description: 'wrong email or password' })
  @ApiResponse({ status: 429, description: `more than ${LOGIN_ATTEMPTS_PER_MINUTE} attempts a minute from this address, or this email must wait after repeated wrong passwords (Retry-After)` })
  async login(@Body() body: unknown, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<SessionView> {
    const parsed = loginSchema.safeParse(body ?? {});
    if (!parsed.success) throw new BadRequestException({ statusCode: 400, error: 'invalid-request', message: 'send { email, password }' });
    const { email, password } = parsed.data;
    // Per account, whatever the address: the password is not even checked while the email waits.
    const lockedUntil = await loginLockedUntil(this.database.db, email);
    if (lockedUntil) throw tooManyFailures(reply, lockedUntil);
    const user = await checkCredentials(this.database.db, email, password);
    // One message for unknown email, wrong password and disabled admin: nothing to enumerate.
    if (!user) {
      await recordLoginFailure(this.database.db, email);
      throw new UnauthorizedException({ statusCode: 401, error: 'invalid-credentials', message: 'wrong email or password' });
    }
    await clearLoginFailures(this.database.db, email);
    const session = await createSession(this.database.db, user.id, { ttlHours: this.config.SESSION_TTL_HOURS });
    void reply.setCookie(SESSION_COOKIE, session.token, sessionCookieOptions(request, this.config.NODE_ENV, session.expiresAt));
    return { email: user.email, csrfToken: session.csrfToken };
  }

  @Post('logout')
  @HttpCode(204)
  @ApiCookieAuth(SESSION_COOKIE)
  @ApiHeader({ name: CSRF_HEADER, required: true })
  @ApiOperation({ summary: 'End the session: its cookie opens nothing afterwards' })
  async logout(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    const token = request.cookies[SESSION_COOKIE];
    if (token) await deleteSession(this.database.db, token);
    void reply.clearCookie(SESSION_COOKIE, sessionCookieOptions(request, this.config.NODE_ENV));
  }

  @AdminOnly()
  @Get('me')
  @ApiCookieAuth(SESSION_COOKIE)
  @ApiOperation({ summary: 'The logged-in admin and the CSRF token (the dashboard reads it again after a reload)' })
  @ApiResponse({ status: 200, description: '{ email, csrfToken }' })
  @ApiResponse({ status: 401, description: 'no valid session' })
  me(@Req() request: FastifyRequest): SessionView {
    const admin = request.admin as AdminPrincipal;
    return { email: admin.email, csrfToken: admin.csrfToken };
  }
}
