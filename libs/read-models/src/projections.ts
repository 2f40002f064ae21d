import type { LogConsumerOptions } from '#event-store';
import { articlesProjection } from './articles/articles.projection.js';
import { eventsProjection } from './events/events.projection.js';
import { incidentsProjection } from './incidents/incidents.projection.js';

/** Every projection of this library, as log consumer options (name, types, handle, after). */
export const READ_MODEL_PROJECTIONS: readonly Pick<LogConsumerOptions, 'name' | 'types' | 'handle' | 'after'>[] = [
  articlesProjection,
  eventsProjection,
  incidentsProjection,
];
