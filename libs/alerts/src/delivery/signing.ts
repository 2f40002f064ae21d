import { Webhook } from 'standardwebhooks';

/**
 * Standard Webhooks headers for one delivery. The timestamp is the attempt's
 * (receivers refuse stale ones), the id is the alert revision's, the same on
 * every attempt, so a receiver can drop a duplicate.
 */
export function signedWebhookHeaders(
  secret: string,
  webhookId: string,
  body: string,
  at: Date = new Date(),
): Record<string, string> {
  return {
    'content-type': 'application/json',
    'user-agent': 'newsledger-alerts/1',
    'webhook-id': webhookId,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': new Webhook(secret).sign(webhookId, at, body),
  };
}
