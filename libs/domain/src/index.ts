// libs/domain: pure TypeScript. Nothing of Nest, Kysely or BullMQ is imported here.
// The coded-event catalog, every stream's events (streams.ts is their catalog) and the deciders.
export * from './catalog/index.js';
export * from './articles/index.js';
export * from './alerts/alert-rule.js';
export * from './alerts/alert-message.js';
export * from './alerts/alert-events.js';
export * from './subscriptions/subscription-events.js';
export * from './subscriptions/subscription.decider.js';
export * from './feeds/feed-events.js';
export * from './feeds/feed.decider.js';
export * from './incidents/incident-events.js';
export * from './incidents/incident-corrections.decider.js';
export * from './rebuilds/rebuild-events.js';
export * from './rebuilds/rebuild.decider.js';
export * from './streams.js';
export * from './decider.js';
export * from './errors.js';
