import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { DomainError } from '#domain';
import { ConcurrencyError } from '#event-store';

const DOMAIN_STATUS: Record<DomainError['code'], number> = {
  'article-not-found': 404,
  'event-not-found': 404,
  'event-retracted': 409,
  'invalid-correction': 422,
};

/** Network or server-side connection failures of PostgreSQL: the request may be retried later. */
export function isDatabaseUnavailable(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  if (!e) return false;
  if (['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EHOSTUNREACH', '57P01', '57P02', '57P03', '08000', '08001', '08003', '08006'].includes(e.code ?? '')) return true;
  return /timeout exceeded when trying to connect|Connection terminated|connect ECONNREFUSED/i.test(e.message ?? '');
}

/**
 * One place that turns errors into answers: HttpExceptions as they are,
 * domain refusals as 404/409/422, a lost compare-and-set as 409, PostgreSQL
 * unreachable as 503 (never a 2xx: nothing was stored), anything else 500.
 */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(error: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const [status, body] = this.answer(error);
    if (status >= 500 && !(error instanceof HttpException)) this.logger.error({ err: error }, 'request failed');
    void reply.status(status).send(body);
  }

  private answer(error: unknown): [number, object] {
    if (error instanceof HttpException) {
      const response = error.getResponse();
      return [error.getStatus(), typeof response === 'string' ? { statusCode: error.getStatus(), message: response } : response];
    }
    if (error instanceof DomainError) return [DOMAIN_STATUS[error.code], { statusCode: DOMAIN_STATUS[error.code], error: error.code, message: error.message }];
    if (error instanceof ConcurrencyError) return [409, { statusCode: 409, error: 'conflict', message: `${error.message}; reload and try again` }];
    const fastifyError = error as { statusCode?: number; message?: string; code?: string };
    if (typeof fastifyError?.statusCode === 'number' && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
      return [fastifyError.statusCode, { statusCode: fastifyError.statusCode, error: fastifyError.code, message: fastifyError.message }];
    }
    if (isDatabaseUnavailable(error)) {
      return [503, { statusCode: 503, error: 'database-unavailable', message: 'PostgreSQL is unreachable; nothing was stored. Retry later.' }];
    }
    return [500, { statusCode: 500, message: 'internal error' }];
  }
}
