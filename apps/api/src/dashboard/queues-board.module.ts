import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter as BullBoardFastifyAdapter } from '@bull-board/fastify';
import { HttpException, Inject, Logger, Module, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isSafeMethod } from '#auth';
import { DATABASE, type DatabaseHandle } from '#platform';
import { authenticateAdmin } from '../auth/admin.guard.js';
import { OperationsModule } from '../operations/operations.module.js';
import { OperationsService, WATCHED_QUEUES } from '../operations/operations.service.js';

export const QUEUES_BOARD_PATH = '/admin/queues';

/**
 * bull-board's UI for the BullMQ queues at /admin/queues, behind the same
 * admin session as the dashboard: an onRequest hook, scoped to bull-board's
 * own routes, asks the auth layer for the session before anything runs.
 * bull-board's UI cannot send our CSRF header, so a change (retry, clean,
 * promote…) must also come from this origin: SameSite=Strict keeps the cookie
 * off cross-site requests, and Origin/Sec-Fetch-Site are checked on top.
 */
@Module({ imports: [OperationsModule] })
export class QueuesBoardModule implements OnModuleInit {
  private readonly logger = new Logger('QueuesBoard');

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly operations: OperationsService,
    @Inject(DATABASE) private readonly database: DatabaseHandle,
  ) {}

  async onModuleInit(): Promise<void> {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    const serverAdapter = new BullBoardFastifyAdapter();
    serverAdapter.setBasePath(QUEUES_BOARD_PATH);
    createBullBoard({
      queues: WATCHED_QUEUES.map((name) => new BullMQAdapter(this.operations.queue(name))),
      serverAdapter,
      options: { uiConfig: { boardTitle: 'newsledger queues' } },
    });
    const db = this.database.db;
    await fastify.register(async (scope) => {
      scope.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
        try {
          request.admin = await authenticateAdmin(db, request, 'session');
        } catch (error) {
          if (error instanceof HttpException) return reply.code(error.getStatus()).send(error.getResponse());
          throw error;
        }
        if (!isSafeMethod(request.method) && !sameOrigin(request)) {
          return reply.code(403).send({
            statusCode: 403,
            error: 'cross-origin',
            message: 'changes to the queues must come from the dashboard itself',
          });
        }
        return undefined;
      });
      await scope.register(serverAdapter.registerPlugin() as never, { prefix: QUEUES_BOARD_PATH });
    });
    this.logger.log(`bull-board at ${QUEUES_BOARD_PATH} for ${WATCHED_QUEUES.join(', ')}`);
  }
}

/** A browser says where a request comes from: Sec-Fetch-Site, or at least Origin. */
function sameOrigin(request: FastifyRequest): boolean {
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined) return site === 'same-origin';
  const origin = request.headers.origin;
  if (origin === undefined) return true; // not a browser (curl with the cookie): no ambient-authority risk
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}
