import { createHash } from 'node:crypto';

// alertStreamId is the alert stream's contract in libs/domain.
export { alertStreamId } from '#domain';

const NAMESPACE = Buffer.from('a1e7c0de5b0b4d3e8f2a6c9d0e1f2a3b', 'hex');

/**
 * The alert of a subscription for an incident: a name-based UUID (v5) of the
 * pair, so a rebuild, a retry or a second report of the same incident always
 * lands on the same alert, and the queue's jobId deduplicates it.
 */
export function alertIdOf(subscriptionId: string, incidentId: string): string {
  const bytes = createHash('sha1')
    .update(NAMESPACE)
    .update(`${subscriptionId}\u001f${incidentId}`)
    .digest()
    .subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Standard Webhooks `webhook-id`: the alert and its revision; retries and replays of one revision share it. */
export const webhookIdOf = (alertId: string, revision: number): string => `${alertId}.r${revision}`;

/** `alerts` queue job id: the alert id for the first revision, then `<alertId>.r<n>`. */
export const alertJobIdOf = (alertId: string, revision: number): string =>
  revision === 1 ? alertId : `${alertId}.r${revision}`;

/** `alert-webhooks` queue job id; a replay gets a fresh one (the failed job keeps its id). */
export const webhookJobIdOf = (alertId: string, revision: number, replay = 0): string =>
  `wh.${alertId}.r${revision}${replay ? `.replay${replay}` : ''}`;
