import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { sql } from 'kysely';
import { QueueConnection } from '#queue';
import type { DatabaseHandle } from '../database/database.provider.js';
import { DATABASE } from '../tokens.js';

@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @Inject(DATABASE) private readonly database: DatabaseHandle,
    private readonly queues: QueueConnection,
  ) {}

  @Get()
  @HealthCheck()
  @ApiOperation({
    summary:
      'Liveness and readiness: PostgreSQL answers, and the queue backend (Redis or PostgreSQL) answers. 503 when either is down.',
  })
  check() {
    return this.health.check([
      () =>
        this.indicators
          .check('database')
          .attempt(async () => {
            await sql`select 1`.execute(this.database.db);
            return { embedded: this.database.embedded };
          })
          .withTimeout(3_000),
      () =>
        this.indicators
          .check('queue')
          .attempt(async () => {
            await this.queues.ping();
            return { backend: this.queues.kind };
          })
          .withTimeout(3_000),
    ]);
  }
}
