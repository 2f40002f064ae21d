/** The internal `alert-webhooks` queue: one job per (alert, revision) to POST to the subscription's URL. */
export const ALERT_WEBHOOKS_QUEUE = 'alert-webhooks';

export interface WebhookJob {
  alertId: string;
  revision: number;
  subscriptionId: string;
}
