import { type Expression, type Kysely, type SelectQueryBuilder, type SqlBool, sql } from 'kysely';
import { DEFAULT_MODALITIES, type Modality } from '#domain';
import type { Database, Db } from '#db';
import { visibleAt } from '../shared/as-of.js';

/** Which modalities a read includes: a list, or 'all'. Absent means DEFAULT_MODALITIES (asserted only). */
export type ModalityFilter = readonly Modality[] | 'all';

/** The modalities to keep, or undefined for every one. */
export function modalitiesOf(filter: ModalityFilter | undefined): readonly Modality[] | undefined {
  if (filter === 'all') return undefined;
  return filter?.length ? filter : DEFAULT_MODALITIES;
}

/** The filters every event-based read (events, timeline, actors, dyads, incidents, exports) shares. */
export interface EventFilters {
  types?: string[];
  /** As agent or as target. */
  country?: string;
  agentCountry?: string;
  targetCountry?: string;
  /** Actor id, as agent or as target. */
  actor?: string;
  /** Occurrence interval overlaps [from, to] (YYYY-MM-DD, inclusive). */
  from?: string;
  to?: string;
  /** Default asserted only: what did not happen never counts as happened unless asked for. */
  modality?: ModalityFilter;
  /** Default active: retracted events are history, not data. */
  status?: 'active' | 'retracted' | 'all';
  articleId?: string;
  asOf?: Date;
}

type Executor = Db | Kysely<Database>;
export type EventsQuery = SelectQueryBuilder<Database & { e: Database['read_events'] }, 'e', object>;

const contains = (column: string, value: string): Expression<SqlBool> =>
  sql<SqlBool>`${sql.ref(column)} @> array[${value}]::text[]`;

/** read_events as `e`, one row per event as recorded before asOf, with the filters applied. */
export function selectEvents(db: Executor, filters: EventFilters): EventsQuery {
  let query = db.selectFrom('read_events as e').where(visibleAt('e', filters.asOf)) as unknown as EventsQuery;
  const status = filters.status ?? 'active';
  if (status !== 'all') query = query.where('e.status', '=', status);
  if (filters.types?.length) query = query.where('e.type', 'in', filters.types);
  const modalities = modalitiesOf(filters.modality);
  if (modalities) query = query.where('e.modality', 'in', [...modalities]);
  if (filters.articleId) query = query.where('e.article_id', '=', filters.articleId);
  if (filters.agentCountry) query = query.where(contains('e.agent_countries', filters.agentCountry));
  if (filters.targetCountry) query = query.where(contains('e.target_countries', filters.targetCountry));
  if (filters.country) {
    const country = filters.country;
    query = query.where((eb) =>
      eb.or([contains('e.agent_countries', country), contains('e.target_countries', country)]),
    );
  }
  if (filters.actor) {
    const actor = filters.actor;
    query = query.where((eb) => eb.or([contains('e.agent_ids', actor), contains('e.target_ids', actor)]));
  }
  if (filters.from) query = query.where('e.date_end', '>=', filters.from);
  if (filters.to) query = query.where('e.date_start', '<=', filters.to);
  return query;
}
