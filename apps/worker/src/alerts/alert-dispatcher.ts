import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import type { Queue } from 'bullmq';
import {
  ALERT_EVENT_TYPES,
  type AlertAnnounced,
  type AlertJob,
  alertJobIdOf,
  deliverySettings,
  pendingDeliveries,
  recordPendingDelivery,
  webhookJobIdOf,
} from '#alerts';
import type { Db } from '#db';
import type { LogConsumerOptions } from '#event-store';
import { ConsumerRegistry, DATABASE, type DatabaseHandle } from '#platform';
import { ALERT_WEBHOOKS_QUEUE, ALERTS_QUEUE, QueueConnection, type WebhookJob, webhookJobOptions } from '#queue';

export const ALERT_DISPATCHER = 'alerts.dispatcher';

/** Finished jobs stay a week so their ids keep deduplicating a replayed dispatcher. */
export const ALERT_JOB_OPTIONS = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 1_000 },
  removeOnComplete: { age: 7 * 24 * 3600, count: 100_000 },
  removeOnFail: { age: 30 * 24 * 3600 },
} as const;

/**
 * The log is the outbox: AlertRaised / AlertUpdated / AlertRetracted events
 * become jobs on the `alerts` queue (for downstream consumers, jobId = alert id)
 * and on the internal `alert-webhooks` queue, with the delivery row written in
 * the consumer's transaction. A failed add fails the batch, which is retried
 * from the checkpoint; job ids and the delivery row's key make that harmless.
 */
export function createAlertDispatcher(
  queues: { alerts: Queue<AlertJob>; webhooks: Queue<WebhookJob> },
  webhookOptions: ReturnType<typeof webhookJobOptions> = webhookJobOptions(deliverySettings()),
): Pick<LogConsumerOptions, 'name' | 'types' | 'handle'> {
  return {
    name: ALERT_DISPATCHER,
    types: ALERT_EVENT_TYPES,
    handle: async (events, trx) => {
      const alertJobs: Parameters<Queue<AlertJob>['addBulk']>[0] = [];
      const webhookJobs: Parameters<Queue<WebhookJob>['addBulk']>[0] = [];
      for (const event of events) {
        const { message, route } = event.data as AlertAnnounced;
        if (route.queue)
          alertJobs.push({
            name: `alert.${message.kind}`,
            data: message,
            opts: { ...ALERT_JOB_OPTIONS, jobId: alertJobIdOf(message.alertId, message.revision) },
          });
        if (route.webhook) {
          await recordPendingDelivery(trx, message);
          webhookJobs.push({
            name: 'deliver',
            data: { alertId: message.alertId, revision: message.revision, subscriptionId: message.subscription.id },
            opts: { ...webhookOptions, jobId: webhookJobIdOf(message.alertId, message.revision) },
          });
        }
      }
      if (alertJobs.length) await queues.alerts.addBulk(alertJobs);
      if (webhookJobs.length) await queues.webhooks.addBulk(webhookJobs);
    },
  };
}

/** How often pending webhook deliveries are checked for a lost job, and how old one must be to count. */
const DELIVERY_SWEEP_MS = 60_000;
const DELIVERY_SWEEP_AGE_MS = 2 * DELIVERY_SWEEP_MS;

/**
 * Queues again the webhook job of every delivery still pending (the queue may
 * have lost it: Redis restarted empty). Same job id: a job the queue still
 * holds (waiting, or delayed between attempts) makes it a no-op, and a
 * delivery already made is skipped by the processor.
 */
export async function sweepPendingDeliveries(
  db: Db,
  webhooks: Queue<WebhookJob>,
  olderThanMs: number,
  options = webhookJobOptions(deliverySettings()),
): Promise<number> {
  const pending = await pendingDeliveries(db, new Date(Date.now() - olderThanMs));
  if (pending.length)
    await webhooks.addBulk(
      pending.map((data) => ({
        name: 'deliver',
        data,
        opts: { ...options, jobId: webhookJobIdOf(data.alertId, data.revision) },
      })),
    );
  return pending.length;
}

@Injectable()
export class AlertDispatcher implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('AlertDispatcher');
  private webhooks?: Queue<WebhookJob>;
  private sweepTimer?: NodeJS.Timeout;

  constructor(
    private readonly consumers: ConsumerRegistry,
    private readonly queues: QueueConnection,
    @Inject(DATABASE) private readonly database: DatabaseHandle,
  ) {}

  onModuleInit(): void {
    this.webhooks = this.queues.queue<WebhookJob>(ALERT_WEBHOOKS_QUEUE);
    const dispatcher = createAlertDispatcher({
      alerts: this.queues.queue<AlertJob>(ALERTS_QUEUE),
      webhooks: this.webhooks,
    });
    this.consumers.register({ ...dispatcher, types: [...ALERT_EVENT_TYPES], retryDelayMs: 2_000 });
  }

  onApplicationBootstrap(): void {
    this.sweepTimer = setInterval(() => {
      sweepPendingDeliveries(this.database.db, this.webhooks!, DELIVERY_SWEEP_AGE_MS).catch((error: unknown) =>
        this.logger.warn({ err: error }, 'pending-delivery sweep failed; the next one tries again'),
      );
    }, DELIVERY_SWEEP_MS);
    this.sweepTimer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.sweepTimer);
  }
}
