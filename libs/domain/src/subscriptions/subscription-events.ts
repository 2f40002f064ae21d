import type { AlertRule } from '../alerts/alert-rule.js';

// A subscription's stream (`subscription-<id>`): every change, with who made it.
// The webhook secret never enters the log: events say only whether one is set
// (or was rotated); the secret lives in the alert_subscriptions row.

export const subscriptionStreamId = (subscriptionId: string): string => `subscription-${subscriptionId}`;

export interface SubscriptionSettings {
  name: string;
  rule: AlertRule;
  delivery: { queue: boolean; webhook: { url: string } | null };
  notifyOnUpdate: boolean;
}

export interface SubscriptionCreated extends SubscriptionSettings {
  subscriptionId: string;
  by: string;
}

export interface SubscriptionUpdated {
  subscriptionId: string;
  /** The fields that changed, with their new values. */
  changes: Partial<SubscriptionSettings>;
  secretRotated: boolean;
  by: string;
}

export interface SubscriptionDeleted {
  subscriptionId: string;
  by: string;
}

export const SUBSCRIPTION_EVENT_TYPES = ['SubscriptionCreated', 'SubscriptionUpdated', 'SubscriptionDeleted'] as const;

export type SubscriptionStreamEvent =
  | { type: 'SubscriptionCreated'; data: SubscriptionCreated }
  | { type: 'SubscriptionUpdated'; data: SubscriptionUpdated }
  | { type: 'SubscriptionDeleted'; data: SubscriptionDeleted };
