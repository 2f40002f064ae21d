import type { AlertKind, AlertMessageV1 } from './alert-message.js';

// An alert's stream (`alert-<alertId>`): what downstream was told, in order.
// The alert projection appends here in its own transaction; the alert
// dispatcher reads these events from the log and puts them on the queues. The
// log is the outbox: nothing reaches a queue that is not first recorded here.

export const ALERT_EVENT_TYPES = ['AlertRaised', 'AlertUpdated', 'AlertRetracted'] as const;
export type AlertEventType = (typeof ALERT_EVENT_TYPES)[number];

export const alertEventType = (kind: AlertKind): AlertEventType =>
  kind === 'raised' ? 'AlertRaised' : kind === 'updated' ? 'AlertUpdated' : 'AlertRetracted';

/** Where the subscription wanted it delivered when it was announced (the secret is not in the log). */
export interface AlertRoute {
  queue: boolean;
  webhook: boolean;
}

export interface AlertAnnounced {
  message: AlertMessageV1;
  route: AlertRoute;
}

export const alertStreamId = (alertId: string): string => `alert-${alertId}`;

export type AlertStreamEvent = { type: AlertEventType; data: AlertAnnounced };
