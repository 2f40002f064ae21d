export * from './events.js';
export * from './errors.js';
export * from './event-store.js';
export * from './consumers/checkpoints.js';
export * from './consumers/log-consumer.js';
export * from './consumers/log-notifier.js';
export * from './consumers/consumer-status.js';
