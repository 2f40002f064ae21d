import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { type Job, UnrecoverableError, type Worker } from 'bullmq';
import {
  type DeliverySettings,
  deadLetter,
  deliverySettings,
  finishAttempt,
  postWebhook,
  startAttempt,
  webhookBackoff,
} from '#alerts';
import type { Db } from '#db';
import { DATABASE, type DatabaseHandle } from '#platform';
import { ALERT_WEBHOOKS_QUEUE, QueueConnection, WEBHOOK_BACKOFF_TYPE, type WebhookJob } from '#queue';

export type DeliveryResult = { delivered: boolean; skipped?: string; status?: number };

/**
 * POSTs one alert revision to its subscription's webhook, signed (Standard
 * Webhooks, webhook-id = `<alertId>.r<revision>` on every attempt and replay),
 * with a timeout. Every attempt is recorded before and after the POST. A
 * revision already delivered is skipped, so a replayed dispatcher or a rebuilt
 * projection never sends twice. The last failed attempt writes the dead letter
 * before it throws, so a crash right after cannot lose it.
 */
export async function processWebhookJob(
  db: Db,
  settings: DeliverySettings,
  job: Pick<Job<WebhookJob>, 'data' | 'attemptsMade' | 'opts'>,
): Promise<DeliveryResult> {
  const { alertId, revision, subscriptionId } = job.data;
  const delivery = await waitForDelivery(db, alertId, revision);
  if (!delivery) throw new Error(`delivery ${alertId} r${revision} is not recorded (yet)`);
  if (delivery.state !== 'pending')
    return { delivered: delivery.state === 'delivered', skipped: `already ${delivery.state}` };
  const last = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
  const subscription = await db
    .selectFrom('alert_subscriptions')
    .select(['webhook_url', 'webhook_secret'])
    .where('subscription_id', '=', subscriptionId)
    .executeTakeFirst();
  if (!subscription?.webhook_url || !subscription.webhook_secret) {
    const reason = 'the subscription has no webhook any more';
    await deadLetter(db, alertId, revision, reason);
    throw new UnrecoverableError(reason);
  }
  const { attemptId } = await startAttempt(db, alertId, revision, subscription.webhook_url);
  const outcome = await postWebhook(
    subscription.webhook_url,
    subscription.webhook_secret,
    delivery.webhook_id,
    JSON.stringify(delivery.message),
    settings.timeoutMs,
  );
  await finishAttempt(db, attemptId, alertId, revision, outcome);
  if (outcome.ok) return { delivered: true, status: outcome.status! };
  if (last || outcome.permanent) await deadLetter(db, alertId, revision, outcome.error!);
  throw outcome.permanent ? new UnrecoverableError(outcome.error!) : new Error(outcome.error!);
}

/** The dispatcher queues the job inside its transaction: give the commit a moment to land. */
async function waitForDelivery(db: Db, alertId: string, revision: number) {
  for (let i = 0; i < 50; i++) {
    const row = await db
      .selectFrom('alert_deliveries')
      .select(['state', 'webhook_id', 'message'])
      .where('alert_id', '=', alertId)
      .where('revision', '=', revision)
      .executeTakeFirst();
    if (row) return row;
    await new Promise((r) => setTimeout(r, 100));
  }
  return undefined;
}

/** Worker options: the custom backoff, and a short lock so a killed worker's job is retried soon. */
export function webhookWorkerOptions(settings: DeliverySettings) {
  return {
    concurrency: settings.concurrency,
    lockDuration: Math.max(15_000, settings.timeoutMs + 5_000),
    stalledInterval: 5_000,
    settings: {
      backoffStrategy: (attemptsMade: number, type?: string) => {
        if (type !== WEBHOOK_BACKOFF_TYPE) throw new Error(`unknown backoff type ${type}`);
        return webhookBackoff(attemptsMade, { baseMs: settings.backoffBaseMs, maxMs: settings.backoffMaxMs });
      },
    },
  };
}

@Injectable()
export class WebhookDeliveryProcessor implements OnModuleInit {
  private readonly logger = new Logger('AlertWebhooks');
  private worker?: Worker<WebhookJob, DeliveryResult>;

  constructor(
    @Inject(DATABASE) private readonly database: DatabaseHandle,
    private readonly queues: QueueConnection,
  ) {}

  onModuleInit(): void {
    const settings = deliverySettings();
    this.worker = this.queues.worker<WebhookJob, DeliveryResult>(
      ALERT_WEBHOOKS_QUEUE,
      (job) => processWebhookJob(this.database.db, settings, job),
      webhookWorkerOptions(settings),
    );
    this.worker.on(
      'failed',
      (job, error) =>
        job &&
        this.logger.warn(
          { alertId: job.data.alertId, revision: job.data.revision, attempt: job.attemptsMade, err: error.message },
          'webhook delivery failed',
        ),
    );
    this.worker.on('error', (error) => this.logger.error({ err: error }, 'webhook worker error'));
  }
}
