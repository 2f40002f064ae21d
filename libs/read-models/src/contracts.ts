// The read API's contract: zod schemas beside the queries that answer with
// them. Types are inferred from these; the OpenAPI document is generated from
// them; the dashboard imports the types from here (`import type`). Files listed
// here import only zod and #domain, so a browser build can type-check them.
export * from './shared/page.schema.js';
export * from './events/event-view.schema.js';
export * from './articles/article-view.schema.js';
export * from './actors/actor-view.schema.js';
export * from './dyads/dyad.schema.js';
export * from './incidents/incident-view.schema.js';
export * from './timeline/timeline.schema.js';
export * from './map/map.schema.js';
export * from './rebuild/rebuild-view.schema.js';
