// libs/domain: pure TypeScript. Nothing of Nest, Kysely or BullMQ is imported here.
export {};
