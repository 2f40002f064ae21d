// libs/domain: pure TypeScript. Nothing of Nest, Kysely or BullMQ is imported here.
export * from './catalog/index.js';
export * from './articles/index.js';
export * from './errors.js';
