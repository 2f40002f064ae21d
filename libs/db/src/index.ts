export * from './schema.js';
export * from './connection.js';
export * from './migrate.js';
export * from './embedded-postgres.js';
export * from './storable-text.js';
