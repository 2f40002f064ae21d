// The alerts API's contract (schemas and inferred types) for the API's OpenAPI
// document and the dashboard (`import type`); pure: zod and #domain only.
export * from './alerts/alert-view.schema.js';
export * from './subscriptions/subscription.schema.js';
