import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { DEFAULT_MODALITIES, EVENT_TYPE_NAMES, MODALITIES, SECTORS } from '#domain';
import { AdminOnly } from '../auth/decorators.js';
import { ApiZodResponse } from '../http/openapi.js';
import {
  type CatalogView,
  type ConsumerView,
  type QueueView,
  type StatsView,
  catalogSchema,
  codingFailuresSchema,
  consumerViewSchema,
  queueViewSchema,
  statsViewSchema,
} from './operations.schema.js';
import { type CodingFailureView, OperationsService, WATCHED_QUEUES } from './operations.service.js';

/**
 * Figures for the admin dashboard: log consumers' positions and lag, BullMQ
 * queue depths and recent failures, ingest and coding counts. Read-only, and
 * for admins only (a session cookie; no CSRF token needed for a read).
 */
@ApiTags('operations')
@AdminOnly()
@Controller('api/operations')
export class OperationsController {
  constructor(private readonly operations: OperationsService) {}

  @Get('consumers')
  @ApiOperation({
    summary:
      "Each log consumer's checkpoint (transaction id, global position), how many events it is behind and the age of the oldest it has not handled.",
  })
  @ApiZodResponse(
    200,
    z.object({ consumers: z.array(consumerViewSchema), logPosition: z.string() }),
    'Every consumer with its lag, and the log position',
  )
  async consumers(): Promise<{ consumers: ConsumerView[]; logPosition: string }> {
    const [consumers, logPosition] = await Promise.all([this.operations.consumers(), this.operations.logPosition()]);
    return { consumers, logPosition };
  }

  @Get('queues')
  @ApiOperation({
    summary: `Job counts per state and the latest failed jobs of the queues ${WATCHED_QUEUES.join(', ')}.`,
  })
  @ApiZodResponse(200, z.object({ queues: z.array(queueViewSchema) }), 'Every watched queue')
  async queues(): Promise<{ queues: QueueView[] }> {
    return { queues: await this.operations.queueCounts() };
  }

  @Get('coding-failures')
  @ApiOperation({
    summary:
      'Articles whose coding failed after every attempt (status failed), newest first, with the reason; POST /api/articles/:id/recode queues one again.',
  })
  @ApiZodResponse(200, codingFailuresSchema, 'The failed articles (at most 100) and how many there are')
  codingFailures(): Promise<{ total: number; failures: CodingFailureView[] }> {
    return this.operations.codingFailures();
  }

  @Get('stats')
  @ApiOperation({
    summary:
      'Articles received per hour (last 48 h), active asserted events per type, active events per modality, articles per coding status, alerts per hour, the event log position.',
  })
  @ApiZodResponse(200, statsViewSchema, 'The figures')
  stats(): Promise<StatsView> {
    return this.operations.stats();
  }

  @Get('catalog')
  @ApiOperation({
    summary: 'The event types, modalities, actor sectors and date precisions the dashboard offers in its forms.',
  })
  @ApiZodResponse(200, catalogSchema, 'The catalog')
  catalog(): CatalogView {
    return {
      eventTypes: [...EVENT_TYPE_NAMES],
      modalities: [...MODALITIES],
      defaultModalities: [...DEFAULT_MODALITIES],
      sectors: [...SECTORS],
      precisions: ['day', 'week', 'month', 'season', 'year', 'unknown'],
      queues: [...WATCHED_QUEUES],
    };
  }
}
