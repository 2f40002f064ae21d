import { WEBHOOK_BACKOFF_TYPE, deliverySettings } from '#alerts';

/** Job options of a webhook delivery: attempts from the environment, the custom jittered backoff. */
export const WEBHOOK_JOB_OPTIONS = (settings = deliverySettings()) =>
  ({
    attempts: settings.attempts,
    backoff: { type: WEBHOOK_BACKOFF_TYPE },
    removeOnComplete: { age: 7 * 24 * 3600, count: 100_000 },
    removeOnFail: { age: 30 * 24 * 3600 },
  }) as const;
