import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/** Probes and scrapes, logged at debug only: at info they would drown the request log. */
const QUIET_ROUTES = new Set(['/health', '/metrics', '/ping']);

/**
 * One line per request at info, once it is answered: method, route (the
 * pattern, so ids and query strings stay out of the log), status and
 * milliseconds. (nestjs-pino's own request logging stays off: it logged
 * nothing under Fastify, and would log whole headers.)
 */
export function useRequestLog(app: NestFastifyApplication): void {
  const logger = new Logger('HTTP');
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onResponse', (request, reply, done) => {
      const route = request.routeOptions?.url ?? '(no route)';
      const line = {
        method: request.method,
        route,
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime * 10) / 10,
      };
      if (QUIET_ROUTES.has(route)) logger.debug(line, 'request');
      else logger.log(line, 'request');
      done();
    });
}
