// libs/alerts: rules and their index, explanations, the alert message contract,
// webhook signing and backoff (plain functions), subscriptions, alert queries and
// the alert projection (a definition: apps/worker registers it).
export * from './rules/alert-rule.js';
export * from './rules/evaluate.js';
export * from './rules/rule-index.js';
export * from './contract/alert-message.js';
export * from './contract/alert-ids.js';
export * from './explanation/explain.js';
export * from './alerts/announce.js';
export * from './alerts/alert-events.js';
export * from './alerts/alert-queries.js';
export * from './alerts/explanation-store.js';
export * from './alerts/alert-view.schema.js';
export * from './delivery/signing.js';
export * from './delivery/backoff.js';
export * from './delivery/post-webhook.js';
export * from './delivery/delivery-settings.js';
export * from './delivery/deliveries-repository.js';
export * from './subscriptions/subscription-events.js';
export * from './subscriptions/subscription-input.js';
export * from './subscriptions/subscriptions-repository.js';
export * from './projection/alert-projection.js';
