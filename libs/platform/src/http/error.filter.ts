import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { DomainError } from '#domain';
import { ConcurrencyError } from '#event-store';
import { databaseErrorAnswer } from './database-errors.js';

const DOMAIN_STATUS: Record<DomainError['code'], number> = {
  'article-not-found': 404,
  'event-not-found': 404,
  'event-retracted': 409,
  'invalid-correction': 422,
  'incident-merged': 409,
  'subscription-not-found': 404,
  'subscription-exists': 409,
  'feed-not-found': 404,
  'feed-exists': 409,
  'rebuild-exists': 409,
};

/** Network or server-side connection failures of PostgreSQL: the request may be retried later. */
export function isDatabaseUnavailable(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  if (!e) return false;
  if (
    [
      'ECONNREFUSED',
      'ECONNRESET',
      'ETIMEDOUT',
      'ENOTFOUND',
      'EHOSTUNREACH',
      '57P01',
      '57P02',
      '57P03',
      '08000',
      '08001',
      '08003',
      '08006',
    ].includes(e.code ?? '')
  )
    return true;
  return /timeout exceeded when trying to connect|Connection terminated|connect ECONNREFUSED/i.test(e.message ?? '');
}

/**
 * One place that turns errors into answers: HttpExceptions as they are,
 * domain refusals as 404/409/422, a lost compare-and-set as 409, PostgreSQL
 * refusing a value as 400 in our words (database-errors.ts; its own text is
 * logged, never sent), PostgreSQL unreachable as 503 (never a 2xx: nothing was
 * stored), anything else 500 without details.
 */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(error: unknown, host: ArgumentsHost): void {
    answerError(error, host.switchToHttp().getResponse<FastifyReply>(), this.logger);
  }
}

/** Sends the answer for an error (shared by the Nest filter and Fastify's own error handler, see fastify-adapter.ts). */
export function answerError(error: unknown, reply: FastifyReply, logger: Logger): void {
  const [status, body] = errorAnswer(error);
  if (status >= 500 && !(error instanceof HttpException)) logger.error({ err: error }, 'request failed');
  else if (databaseErrorAnswer(error)) logger.warn({ err: error }, 'PostgreSQL refused a value of the request');
  // A request timeout (request-timeout.ts) may have answered already; a late error has no one to go to.
  if (reply.sent || reply.raw.headersSent) return;
  void reply.status(status).send(body);
}

/** The status and body for an error; never the text of an unexpected one. */
export function errorAnswer(error: unknown): [number, object] {
  if (error instanceof HttpException) {
    const response = error.getResponse();
    return [
      error.getStatus(),
      typeof response === 'string' ? { statusCode: error.getStatus(), message: response } : response,
    ];
  }
  if (error instanceof DomainError)
    return [
      DOMAIN_STATUS[error.code],
      { statusCode: DOMAIN_STATUS[error.code], error: error.code, message: error.message },
    ];
  if (error instanceof ConcurrencyError)
    return [409, { statusCode: 409, error: 'conflict', message: `${error.message}; reload and try again` }];
  const fastifyError = error as { statusCode?: number; message?: string; code?: string };
  if (typeof fastifyError?.statusCode === 'number' && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
    return [
      fastifyError.statusCode,
      { statusCode: fastifyError.statusCode, error: fastifyError.code, message: fastifyError.message },
    ];
  }
  const database = databaseErrorAnswer(error);
  if (database)
    return [database.status, { statusCode: database.status, error: database.error, message: database.message }];
  if (isDatabaseUnavailable(error)) {
    return [
      503,
      {
        statusCode: 503,
        error: 'database-unavailable',
        message: 'PostgreSQL is unreachable; nothing was stored. Retry later.',
      },
    ];
  }
  return [500, { statusCode: 500, message: 'internal error' }];
}
