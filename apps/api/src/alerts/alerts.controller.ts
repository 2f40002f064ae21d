import { Controller, Get, HttpCode, Inject, NotFoundException, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Queue } from 'bullmq';
import type { z } from 'zod';
import {
  type AlertDetailJson,
  type AlertViewJson,
  alertDetailSchema,
  alertViewSchema,
  deliverySettings,
  getAlert,
  listAlerts,
  reopenDeadLetters,
  replayResultSchema,
  webhookJobIdOf,
} from '#alerts';
import { DATABASE, type DatabaseHandle } from '#platform';
import { ALERT_WEBHOOKS_QUEUE, QueueConnection, type WebhookJob, webhookJobOptions } from '#queue';
import { type Page, pageSchema } from '#read-models';
import { AdminOnly, CurrentAdmin } from '../auth/decorators.js';
import { ApiError, ApiZodBody, ApiZodQuery, ApiZodResponse } from '../http/openapi.js';
import { ZodBody, ZodParam, ZodQuery, uuidParam } from '../http/zod-validation.js';
import { pageOf } from '../read-api/query-params.js';
import { alertListParams, alertParams, replayBody } from './alert-params.js';

/**
 * Alerts as the alert projection recorded them (asOf like the read API), with
 * what was announced and every webhook attempt; replay of dead letters.
 */
@ApiTags('alerts')
@Controller('api/alerts')
export class AlertsController {
  private webhooks?: Queue<WebhookJob>;

  constructor(
    @Inject(DATABASE) private readonly database: DatabaseHandle,
    private readonly queues: QueueConnection,
  ) {}

  @Get()
  @AdminOnly()
  @ApiOperation({
    summary: 'Alerts, newest first, as recorded before asOf; filter by subscription, status and time raised.',
  })
  @ApiZodQuery(alertListParams)
  @ApiZodResponse(200, pageSchema(alertViewSchema), 'A page of alerts with the total')
  list(@ZodQuery(alertListParams) params: z.output<typeof alertListParams>): Promise<Page<AlertViewJson>> {
    return listAlerts(
      this.database.db,
      { subscriptionId: params.subscriptionId, status: params.status, from: params.from, to: params.to },
      pageOf(params),
    ) as Promise<Page<AlertViewJson>>;
  }

  @Get(':id')
  @AdminOnly()
  @ApiOperation({
    summary:
      'One alert: its explanation, what was announced (revisions), and every delivery attempt (time, status, latency, error).',
  })
  @ApiZodQuery(alertParams)
  @ApiZodResponse(200, alertDetailSchema, 'The alert')
  @ApiError(404, 'No such alert (as of asOf)')
  async get(
    @ZodParam('id', uuidParam) id: string,
    @ZodQuery(alertParams) params: z.output<typeof alertParams>,
  ): Promise<AlertDetailJson> {
    const alert = await getAlert(this.database.db, id, params.asOf);
    if (!alert) throw new NotFoundException({ statusCode: 404, error: 'not-found', message: `no alert ${id}` });
    const open = alert.deliveries.flatMap((d) =>
      d.deadLetters
        .filter((l) => !l.replayedAt)
        .map((l) => ({ revision: d.revision, failedAt: l.failedAt, attempts: l.attempts, lastError: l.lastError })),
    );
    return {
      ...(alert as AlertDetailJson),
      attempts: alert.deliveries.flatMap((d) =>
        d.attempts.map((a) => ({ ...a, revision: d.revision, at: a.startedAt })),
      ),
      deadLetter: open.at(-1) ?? null,
    };
  }

  @Post(':id/replay')
  @HttpCode(202)
  @ApiOperation({
    summary:
      'Replay the dead-lettered deliveries of an alert (or one revision): back to pending, queued again with fresh attempts.',
  })
  @ApiZodBody(replayBody, { 'every open dead letter': {}, 'one revision': { revision: 2 } }, false)
  @ApiZodResponse(202, replayResultSchema, 'Queued again: the revisions and their job ids')
  @ApiError(404, 'No open dead letter for this alert')
  async replay(
    @ZodParam('id', uuidParam) id: string,
    @ZodBody(replayBody) body: z.output<typeof replayBody>,
    @CurrentAdmin() by: string,
  ): Promise<z.output<typeof replayResultSchema>> {
    const reopened = await reopenDeadLetters(this.database.db, id, by, body.revision);
    if (reopened.length === 0)
      throw new NotFoundException({
        statusCode: 404,
        error: 'not-found',
        message: `no open dead letter for alert ${id}`,
      });
    this.webhooks ??= this.queues.queue<WebhookJob>(ALERT_WEBHOOKS_QUEUE);
    const options = webhookJobOptions(deliverySettings());
    const replayed = [];
    for (const r of reopened) {
      const jobId = webhookJobIdOf(id, r.revision, r.replay);
      await this.webhooks.add(
        'deliver',
        { alertId: id, revision: r.revision, subscriptionId: r.subscriptionId },
        { ...options, jobId },
      );
      replayed.push({ revision: r.revision, jobId });
    }
    return { replayed };
  }
}
