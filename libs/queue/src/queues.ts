import type { JobsOptions } from 'bullmq';
import type { AlertJob, ProjectionRebuildRequested } from '#domain';

// Every BullMQ queue newsledger uses, in one place: its name, the names of its
// jobs, the payload type and the job options. Both apps import it; the
// operations page and bull-board list their queues from QUEUE_NAMES, so a
// queue cannot exist without being watched, nor be watched under a wrong name.

/** `coding`: one job per article to code (received) or re-code (an analyst asked). */
export interface CodingJob {
  articleId: string;
  /** What caused it: the article arriving, or an analyst's re-code request (its event id). */
  cause: { kind: 'received' } | { kind: 'recode'; requestEventId: string };
}

/** `feeds`: one job scheduler per feed (scheduler id = feed id) adds a `poll` job every interval. */
export interface FeedPollJob {
  feedId: string;
}

/** `alert-webhooks`: one job per (alert, revision) to POST to the subscription's URL. */
export interface WebhookJob {
  alertId: string;
  revision: number;
  subscriptionId: string;
}

/** BullMQ backoff type name of webhook deliveries; the worker maps it to `webhookBackoff` (libs/alerts). */
export const WEBHOOK_BACKOFF_TYPE = 'exponential-jitter';

// Keep finished jobs a while (their ids still deduplicate), then let them go.
const KEEP_FINISHED = {
  removeOnComplete: { age: 7 * 24 * 3600, count: 100_000 },
  removeOnFail: { age: 30 * 24 * 3600 },
} as const;

export const QUEUES = {
  coding: {
    name: 'coding',
    jobNames: ['code', 'recode'],
    options: { attempts: 5, backoff: { type: 'exponential', delay: 1_000 }, ...KEEP_FINISHED },
    /** Consumed by the worker's coding processor. */
    downstream: false,
  },
  feeds: {
    name: 'feeds',
    jobNames: ['poll'],
    // A poll that failed is not retried: the next one comes on schedule, and the failure is on the feed's row.
    options: { attempts: 1, removeOnComplete: { count: 1_000 }, removeOnFail: { count: 1_000 } },
    downstream: false,
  },
  alerts: {
    name: 'alerts',
    /** `alert.<kind>`; jobId = alertJobIdOf(alertId, revision). */
    jobNames: ['alert.raised', 'alert.updated', 'alert.retracted'],
    options: KEEP_FINISHED,
    /** Read by consumers outside newsledger (examples/alert-consumer.ts): nobody on it is normal. */
    downstream: true,
  },
  alertWebhooks: {
    name: 'alert-webhooks',
    jobNames: ['deliver'],
    /** Attempts come from the delivery settings: see webhookJobOptions. */
    options: { backoff: { type: WEBHOOK_BACKOFF_TYPE }, ...KEEP_FINISHED },
    downstream: false,
  },
  rebuilds: {
    name: 'rebuilds',
    jobNames: ['rebuild'],
    options: { attempts: 3, backoff: { type: 'exponential', delay: 5_000 }, removeOnComplete: { age: 7 * 24 * 3600 } },
    downstream: false,
  },
} as const satisfies Record<
  string,
  { name: string; jobNames: readonly string[]; options: JobsOptions; downstream: boolean }
>;

/** The payload of each queue's jobs. */
export interface QueuePayloads {
  coding: CodingJob;
  feeds: FeedPollJob;
  alerts: AlertJob;
  alertWebhooks: WebhookJob;
  rebuilds: ProjectionRebuildRequested;
}

export type QueueKey = keyof typeof QUEUES;
export type QueueName = (typeof QUEUES)[QueueKey]['name'];
export type JobName<K extends QueueKey> = (typeof QUEUES)[K]['jobNames'][number];

/** Every queue's name, in the order the operations page shows them. */
export const QUEUE_NAMES: readonly QueueName[] = Object.values(QUEUES).map((q) => q.name);

/** Queues whose consumers live outside newsledger. */
export const DOWNSTREAM_QUEUE_NAMES: ReadonlySet<string> = new Set(
  Object.values(QUEUES)
    .filter((q) => q.downstream)
    .map((q) => q.name),
);

// Names and options under the names existing code imports.
export const CODING_QUEUE = QUEUES.coding.name;
export const CODING_JOB_OPTIONS = QUEUES.coding.options;
export const FEEDS_QUEUE = QUEUES.feeds.name;
export const POLL_JOB = QUEUES.feeds.jobNames[0];
export const POLL_JOB_OPTIONS = QUEUES.feeds.options;
export const ALERTS_QUEUE = QUEUES.alerts.name;
export const ALERT_WEBHOOKS_QUEUE = QUEUES.alertWebhooks.name;
export const REBUILDS_QUEUE = QUEUES.rebuilds.name;
export const REBUILD_JOB_OPTIONS = QUEUES.rebuilds.options;

/** Business job ids: the same cause never queues twice (BullMQ ignores a second add with the same id). */
export function codingJobId(job: CodingJob): string {
  return job.cause.kind === 'received' ? `article-${job.articleId}` : `recode-${job.cause.requestEventId}`;
}

/** Job options of a webhook delivery: attempts from the delivery settings, the custom jittered backoff. */
export const webhookJobOptions = (settings: { attempts: number }) =>
  ({ ...QUEUES.alertWebhooks.options, attempts: settings.attempts }) as const;
