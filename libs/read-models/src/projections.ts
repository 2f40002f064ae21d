import { articlesProjection } from './articles/articles.projection.js';
import { eventsProjection } from './events/events.projection.js';
import { incidentsProjection } from './incidents/incidents.projection.js';
import type { RebuildableProjection } from './rebuild/blue-green-rebuild.js';

/** Every projection of this library: log consumer options (name, types, handle, after) and the tables it owns. */
export const READ_MODEL_PROJECTIONS: readonly RebuildableProjection[] = [
  articlesProjection,
  eventsProjection,
  incidentsProjection,
];
