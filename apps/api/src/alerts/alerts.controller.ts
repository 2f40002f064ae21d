import { Body, Controller, Get, HttpCode, Inject, NotFoundException, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiCookieAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Queue } from 'bullmq';
import { ALERT_WEBHOOKS_QUEUE, type AlertDetail, type AlertView, type WebhookJob, deliverySettings, getAlert, listAlerts, reopenDeadLetters, webhookJobIdOf, webhookJobOptions } from '#alerts';
import { DATABASE, type DatabaseHandle } from '#platform';
import { QueueConnection } from '#queue';
import type { Page } from '#read-models';
import { AdminOnly, CurrentAdmin } from '../auth/decorators.js';
import { ApiZodQuery } from '../read-api/api-query.decorator.js';
import { pageOf, parseQuery } from '../read-api/query-params.js';
import { alertListParams, alertParams, replayBody } from './alert-params.js';

/** What the dashboard reads at a glance: the attempts of every revision in one list, and the open dead letter. */
type AlertAnswer = AlertDetail & {
  attempts: (AlertDetail['deliveries'][number]['attempts'][number] & { revision: number; at: string })[];
  deadLetter: { revision: number; failedAt: string; attempts: number; lastError: string | null } | null;
};

/**
 * Alerts as the alert projection recorded them (asOf like the read API), with
 * what was announced and every webhook attempt; replay of dead letters.
 */
@ApiTags('alerts')
@ApiCookieAuth()
@Controller('api/alerts')
export class AlertsController {
  private webhooks?: Queue<WebhookJob>;

  constructor(
    @Inject(DATABASE) private readonly database: DatabaseHandle,
    private readonly queues: QueueConnection,
  ) {}

  @Get()
  @AdminOnly()
  @ApiOperation({ summary: 'Alerts, newest first, as recorded before asOf; filter by subscription, status and time raised.' })
  @ApiZodQuery(alertListParams)
  @ApiOkResponse({ description: 'A page of alerts: { items, limit, offset, next, asOf }' })
  list(@Query() query: unknown): Promise<Page<AlertView>> {
    const params = parseQuery(alertListParams, query);
    return listAlerts(this.database.db, { subscriptionId: params.subscriptionId, status: params.status, from: params.from, to: params.to }, pageOf(params));
  }

  @Get(':id')
  @AdminOnly()
  @ApiOperation({ summary: 'One alert: its explanation, what was announced (revisions), and every delivery attempt (time, status, latency, error).' })
  @ApiZodQuery(alertParams)
  @ApiNotFoundResponse({ description: 'No such alert (as of asOf)' })
  async get(@Param('id', ParseUUIDPipe) id: string, @Query() query: unknown): Promise<AlertAnswer> {
    const { asOf } = parseQuery(alertParams, query);
    const alert = await getAlert(this.database.db, id, asOf);
    if (!alert) throw new NotFoundException({ statusCode: 404, error: 'not-found', message: `no alert ${id}` });
    const open = alert.deliveries.flatMap((d) => d.deadLetters.filter((l) => !l.replayedAt).map((l) => ({ revision: d.revision, failedAt: l.failedAt, attempts: l.attempts, lastError: l.lastError })));
    return {
      ...alert,
      attempts: alert.deliveries.flatMap((d) => d.attempts.map((a) => ({ ...a, revision: d.revision, at: a.startedAt }))),
      deadLetter: open.at(-1) ?? null,
    };
  }

  @Post(':id/replay')
  @HttpCode(202)
  @ApiOperation({ summary: 'Replay the dead-lettered deliveries of an alert (or one revision): back to pending, queued again with fresh attempts.' })
  @ApiOkResponse({ description: '{ replayed: [{ revision, jobId }] }' })
  @ApiNotFoundResponse({ description: 'No open dead letter for this alert' })
  async replay(@Param('id', ParseUUIDPipe) id: string, @Body() body: unknown, @CurrentAdmin() by: string): Promise<{ replayed: { revision: number; jobId: string }[] }> {
    const { revision } = parseQuery(replayBody, body ?? {});
    const reopened = await reopenDeadLetters(this.database.db, id, by, revision);
    if (reopened.length === 0) throw new NotFoundException({ statusCode: 404, error: 'not-found', message: `no open dead letter for alert ${id}` });
    this.webhooks ??= this.queues.queue<WebhookJob>(ALERT_WEBHOOKS_QUEUE);
    const options = webhookJobOptions(deliverySettings());
    const replayed = [];
    for (const r of reopened) {
      const jobId = webhookJobIdOf(id, r.revision, r.replay);
      await this.webhooks.add('deliver', { alertId: id, revision: r.revision, subscriptionId: r.subscriptionId }, { ...options, jobId });
      replayed.push({ revision: r.revision, jobId });
    }
    return { replayed };
  }
}
