import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import { Logger, Module, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { DASHBOARD_CSP, dashboardDirectory } from './dashboard-files.js';
import { QueuesBoardModule } from './queues-board.module.js';

/**
 * Serves the admin dashboard (apps/dashboard, built into dist/dashboard) at
 * /admin: hashed assets under /admin/assets/ with a long cache, and
 * index.html for /admin and every client route under it (the SPA's router
 * takes over). More specific routes under /admin (bull-board at /admin/queues)
 * win over the fallback. The page itself is public; everything it shows comes
 * from the API, which asks for the admin session.
 */
@Module({ imports: [QueuesBoardModule] })
export class DashboardModule implements OnModuleInit {
  private readonly logger = new Logger('Dashboard');

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  async onModuleInit(): Promise<void> {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    const dir = dashboardDirectory();
    if (!dir) {
      this.logger.warn(
        'dist/dashboard/index.html not found: /admin answers 503 until `npm run build:dashboard` has run',
      );
      const notBuilt = (_: unknown, reply: FastifyReply) =>
        reply
          .code(503)
          .type('text/plain; charset=utf-8')
          .send('The dashboard is not built: run `npm run build:dashboard` (npm run build does it too).\n');
      fastify.get('/admin', notBuilt);
      fastify.get('/admin/*', notBuilt);
      return;
    }
    const index = readFileSync(resolve(dir, 'index.html'));
    const sendIndex = (_: unknown, reply: FastifyReply) =>
      reply
        .header('cache-control', 'no-cache')
        .header('content-security-policy', DASHBOARD_CSP)
        .header('x-content-type-options', 'nosniff')
        .header('referrer-policy', 'same-origin')
        .header('x-frame-options', 'DENY')
        .type('text/html; charset=utf-8')
        .send(index);

    await fastify.register(async (scope) => {
      // Encapsulated, and without reply decorators, so it cannot clash with /docs's own @fastify/static.
      await scope.register(fastifyStatic, {
        root: resolve(dir, 'assets'),
        prefix: '/admin/assets/',
        decorateReply: false,
        index: false,
        immutable: true,
        maxAge: '365d',
        setHeaders: (reply) => void reply.header('x-content-type-options', 'nosniff'),
      });
      scope.get('/admin', sendIndex);
      scope.get('/admin/', sendIndex);
      scope.get('/admin/*', sendIndex);
    });
    this.logger.log(`serving the dashboard from ${dir} at /admin`);
  }
}
