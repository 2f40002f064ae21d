export interface BackoffSettings {
  /** Delay before the second attempt, before jitter (ms). */
  baseMs: number;
  /** No wait longer than this (ms). */
  maxMs: number;
}

/**
 * Exponential backoff with "equal jitter": half of base·2^(n-1) is fixed, the
 * other half random. Receivers that failed together (one outage) are not all
 * retried in the same instant, and no wait is shorter than half the nominal one.
 * `attemptsMade` counts attempts so far (1 after the first failure).
 */
export function webhookBackoff(
  attemptsMade: number,
  settings: BackoffSettings,
  random: () => number = Math.random,
): number {
  const nominal = Math.min(settings.maxMs, settings.baseMs * 2 ** Math.max(0, attemptsMade - 1));
  return Math.round(nominal / 2 + random() * (nominal / 2));
}
