import { z } from 'zod';

/** Webhook delivery knobs, from the environment (see README, "Alerts"). */
export interface DeliverySettings {
  attempts: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  timeoutMs: number;
  concurrency: number;
}

const int = (min: number, fallback: number) => z.coerce.number().int().min(min).default(fallback);
const schema = z.object({
  ALERT_WEBHOOK_ATTEMPTS: int(1, 8),
  ALERT_WEBHOOK_BACKOFF_MS: int(10, 2_000),
  ALERT_WEBHOOK_BACKOFF_MAX_MS: int(10, 15 * 60_000),
  ALERT_WEBHOOK_TIMEOUT_MS: int(100, 10_000),
  ALERT_WEBHOOK_CONCURRENCY: int(1, 16),
});

export function deliverySettings(env: Record<string, string | undefined> = process.env): DeliverySettings {
  // An empty variable means "not set" (docker-compose passes `FOO=` through), as in loadConfig.
  const parsed = schema.safeParse(
    Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== '')),
  );
  if (!parsed.success)
    throw new Error(
      `invalid alert delivery settings: ${parsed.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`).join('; ')}`,
    );
  const e = parsed.data;
  return {
    attempts: e.ALERT_WEBHOOK_ATTEMPTS,
    backoffBaseMs: e.ALERT_WEBHOOK_BACKOFF_MS,
    backoffMaxMs: e.ALERT_WEBHOOK_BACKOFF_MAX_MS,
    timeoutMs: e.ALERT_WEBHOOK_TIMEOUT_MS,
    concurrency: e.ALERT_WEBHOOK_CONCURRENCY,
  };
}
