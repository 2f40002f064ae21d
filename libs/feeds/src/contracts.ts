// The feeds API's contract (schemas and inferred types) for the API's OpenAPI
// document and the dashboard (`import type`); pure: zod only.
export * from './feed-view.schema.js';
