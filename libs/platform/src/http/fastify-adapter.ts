import { Logger } from '@nestjs/common';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { FastifyServerOptions } from 'fastify';
import { answerError } from './error.filter.js';

/**
 * Nest's Fastify adapter with our error answers in Fastify's own error handler
 * too. Nest sets its exception layer there only after the routes are
 * registered, and Fastify routes keep the handler that was set when they were
 * added — so errors raised outside Nest's handler pipeline (a streamed export
 * failing before its first byte, a body parser) met Fastify's default handler,
 * which answered 500 with PostgreSQL's own message. Ours is set first and
 * stays; every error answers as ErrorFilter would.
 */
export class NewsledgerFastifyAdapter extends FastifyAdapter {
  constructor(options: FastifyServerOptions) {
    super(options);
    const logger = new Logger('HTTP');
    this.getInstance().setErrorHandler((error, _request, reply) => answerError(error, reply, logger));
  }

  /** Keeps the handler set above (a second one would only warn, FSTWRN004, and reach no route). */
  override setErrorHandler(): never {
    return this.getInstance() as never;
  }
}
