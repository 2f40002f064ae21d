import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { EVENT_TYPE_NAMES, MODALITIES, SECTORS } from '#domain';
import { AdminOnly } from '../auth/decorators.js';
import { type CodingFailureView, type ConsumerView, OperationsService, type QueueView, type StatsView, WATCHED_QUEUES } from './operations.service.js';

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
  @ApiOperation({ summary: "Each log consumer's checkpoint (transaction id, global position), how many events it is behind and the age of the oldest it has not handled." })
  @ApiOkResponse({ description: '{ consumers: [{ consumer, transactionId, globalPosition, updatedAt, lagEvents, lagSeconds, runningHere, leader }], logPosition }' })
  async consumers(): Promise<{ consumers: ConsumerView[]; logPosition: string }> {
    const [consumers, logPosition] = await Promise.all([this.operations.consumers(), this.operations.logPosition()]);
    return { consumers, logPosition };
  }

  @Get('queues')
  @ApiOperation({ summary: `Job counts per state and the latest failed jobs of the queues ${WATCHED_QUEUES.join(', ')}.` })
  @ApiOkResponse({ description: '{ queues: [{ name, counts: { waiting, active, delayed, completed, failed, paused, … }, failed: [...], error? }] }' })
  async queues(): Promise<{ queues: QueueView[] }> {
    return { queues: await this.operations.queueCounts() };
  }

  @Get('coding-failures')
  @ApiOperation({ summary: 'Articles whose coding failed after every attempt (status failed), newest first, with the reason; POST /api/articles/:id/recode queues one again.' })
  @ApiOkResponse({ description: '{ total, failures: [{ articleId, title, outlet, reason, attempts, failedAt }] } (at most 100)' })
  codingFailures(): Promise<{ total: number; failures: CodingFailureView[] }> {
    return this.operations.codingFailures();
  }

  @Get('stats')
  @ApiOperation({ summary: 'Articles received per hour (last 48 h), active events per type, articles per coding status, alerts per hour, the event log position.' })
  @ApiOkResponse({ description: '{ generatedAt, articlesPerHour, eventsPerType, articlesByStatus, alertsSent, logPosition }' })
  stats(): Promise<StatsView> {
    return this.operations.stats();
  }

  @Get('catalog')
  @ApiOperation({ summary: 'The event types, modalities, actor sectors and date precisions the dashboard offers in its forms.' })
  catalog() {
    return {
      eventTypes: [...EVENT_TYPE_NAMES],
      modalities: [...MODALITIES],
      sectors: [...SECTORS],
      precisions: ['day', 'week', 'month', 'season', 'year', 'unknown'],
      queues: [...WATCHED_QUEUES],
    };
  }
}
