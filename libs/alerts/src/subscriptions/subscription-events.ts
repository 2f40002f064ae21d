// Subscription events are stream contracts: they live in libs/domain.
export { SUBSCRIPTION_EVENT_TYPES, subscriptionStreamId } from '#domain';
export type {
  SubscriptionCreated,
  SubscriptionDeleted,
  SubscriptionSettings,
  SubscriptionStreamEvent,
  SubscriptionUpdated,
} from '#domain';
