import { Webhook } from 'standardwebhooks';
import { DEVELOPMENT_WEBHOOK_SECRET } from '#config';

/** Signs deliveries the way a Standard Webhooks sender does. */
export const TEST_WEBHOOK_SECRET = DEVELOPMENT_WEBHOOK_SECRET;

export interface Delivery {
  id: string;
  body: string;
  timestamp?: Date;
  secret?: string;
}

export function signedHeaders({
  id,
  body,
  timestamp = new Date(),
  secret = TEST_WEBHOOK_SECRET,
}: Delivery): Record<string, string> {
  return {
    'content-type': 'application/json',
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
    'webhook-signature': new Webhook(secret).sign(id, timestamp, body),
  };
}

export async function deliver(baseUrl: string, delivery: Delivery): Promise<{ status: number; json: any }> {
  const response = await fetch(`${baseUrl}/webhooks/articles`, {
    method: 'POST',
    headers: signedHeaders(delivery),
    body: delivery.body,
  });
  const text = await response.text();
  let json: unknown = text;
  try {
    json = JSON.parse(text);
  } catch {
    /* not JSON: keep the text */
  }
  return { status: response.status, json };
}
