import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/**
 * A request whose answer has not begun within `timeoutMs` (REQUEST_TIMEOUT_MS)
 * is answered 503 request-timeout, so no client waits forever on a stuck
 * handler. Only the start counts: a streamed export that has sent its headers
 * runs on. (Fastify's handlerTimeout would cut such a stream off, and cannot
 * be lifted per route.) The handler is not stopped — what it was writing may
 * still commit — which is why every write here is idempotent on retry.
 * PostgreSQL's statement_timeout (STATEMENT_TIMEOUT_MS) bounds the queries
 * themselves.
 */
export function useRequestTimeout(app: NestFastifyApplication, timeoutMs: number): void {
  if (timeoutMs <= 0) return;
  const logger = new Logger('HTTP');
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', (request, reply, done) => {
      const timer = setTimeout(() => {
        if (reply.sent || reply.raw.headersSent) return;
        logger.warn({ method: request.method, route: request.routeOptions?.url, timeoutMs }, 'request timed out');
        void reply.code(503).send({
          statusCode: 503,
          error: 'request-timeout',
          message: `no answer within ${timeoutMs} ms (REQUEST_TIMEOUT_MS); retry later`,
        });
      }, timeoutMs);
      timer.unref();
      reply.raw.once('close', () => clearTimeout(timer));
      done();
    });
}
