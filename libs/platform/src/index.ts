export * from './tokens.js';
export * from './platform.module.js';
export * from './database/database.provider.js';
export * from './consumers/consumer-registry.js';
export * from './consumers/notifier.provider.js';
export * from './metrics/metrics.service.js';
export * from './bootstrap.js';
export * from './http/error.filter.js';
