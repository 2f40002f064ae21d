export * from './event-types.js';
export * from './event.js';
export * from './quad-class.js';
