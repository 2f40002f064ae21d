import { WEBHOOK_BACKOFF_TYPE } from './backoff.js';

/** The internal `alert-webhooks` queue: one job per (alert, revision) to POST to the subscription's URL. */
export const ALERT_WEBHOOKS_QUEUE = 'alert-webhooks';

export interface WebhookJob {
  alertId: string;
  revision: number;
  subscriptionId: string;
}

/** Job options of a webhook delivery: attempts from the settings, the custom jittered backoff (see webhookBackoff). */
export const webhookJobOptions = (settings: { attempts: number }) =>
  ({
    attempts: settings.attempts,
    backoff: { type: WEBHOOK_BACKOFF_TYPE },
    removeOnComplete: { age: 7 * 24 * 3600, count: 100_000 },
    removeOnFail: { age: 30 * 24 * 3600 },
  }) as const;
