// A downstream consumer of newsledger alerts, written with plain `bullmq` (and
// `ioredis`): copy this file into your own service. It reads the `alerts`
// queue newsledger fills when REDIS_URL is set.
//
//   REDIS_URL=redis://127.0.0.1:6379 node alert-consumer.js
//
// The job contract is docs/alert-job.schema.json (TypeScript: AlertMessageV1 in
// newsledger's libs/alerts/src/contract/alert-message.ts); the part used here is
// repeated below so this file stands alone. Delivery is at least once: a job may
// come again after a crash, so keep what you did per `webhookId` (= alert id +
// revision) and skip a repeat.
import { type Job, Worker } from 'bullmq';
import { Redis } from 'ioredis';

export interface AlertJob {
  schema: 'newsledger.alert/v1';
  kind: 'raised' | 'updated' | 'retracted';
  alertId: string;
  revision: number;
  webhookId: string;
  subscription: { id: string; name: string };
  incidentId: string;
  status: 'active' | 'retracted';
  eventType: string;
  sourceCount: number;
  outletCount: number;
  raisedAt: string;
  recordedAt: string;
  explanation: {
    events: {
      eventId: string;
      type: string;
      evidence: { start: number; end: number; text: string }[];
      matched: { clause: string }[];
    }[];
    articles: { articleId: string; url: string; title: string; outlet: string }[];
  };
  retraction?: { reason: string; eventIds: string[]; mergedInto?: string };
  links: { alert: string; incident: string };
}

export interface AlertConsumerOptions {
  redisUrl: string;
  /** BullMQ key prefix newsledger uses (default `bull`). */
  prefix?: string;
  concurrency?: number;
  handle: (alert: AlertJob, job: Job<AlertJob>) => Promise<void>;
}

/** Starts a worker on the `alerts` queue; close it with `await worker.close()` (e.g. on SIGTERM). */
export function startAlertConsumer(options: AlertConsumerOptions): Worker<AlertJob> {
  // Workers block on Redis: they need maxRetriesPerRequest null.
  const connection = new Redis(options.redisUrl, { maxRetriesPerRequest: null });
  const worker = new Worker<AlertJob>(
    'alerts',
    async (job) => {
      if (job.data.schema !== 'newsledger.alert/v1') throw new Error(`unknown alert schema ${String(job.data.schema)}`);
      await options.handle(job.data, job);
    },
    { connection, prefix: options.prefix ?? 'bull', concurrency: options.concurrency ?? 4 },
  );
  worker.on('closed', () => connection.disconnect());
  return worker;
}

// Run directly: print each alert as one line.
if (import.meta.url === `file://${process.argv[1]}`) {
  const worker = startAlertConsumer({
    redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    handle: async (alert) => {
      const event = alert.explanation.events[0];
      const evidence = event?.evidence[0]?.text ?? '';
      console.log(
        `${alert.kind} ${alert.webhookId} [${alert.subscription.name}] ${alert.eventType}: "${evidence}" (${alert.sourceCount} source(s))`,
      );
    },
  });
  const stop = () => void worker.close().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
