export * from './feed-parser.js';
export * from './feed-item-payload.js';
export * from './feed-registration.js';
export * from './feeds-repository.js';
export * from './fetch-feed.js';
export * from './poll-feed.js';
export * from './feed-schedule.js';
export * from './feed-view.schema.js';
