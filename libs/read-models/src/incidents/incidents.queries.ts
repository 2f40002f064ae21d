import { type Expression, type SqlBool, sql } from 'kysely';
import type { Actor } from '#domain';
import type { Db } from '#db';
import { type ModalityFilter, modalitiesOf } from '../events/event-filters.js';
import { visibleAt } from '../shared/as-of.js';
import { type Page, type PageRequest, toPage } from '../shared/page.js';
import type { IncidentSource, IncidentView } from './incident-view.schema.js';

export interface IncidentFilters {
  types?: string[];
  /** On either side of any of its events. */
  country?: string;
  from?: string;
  to?: string;
  minSources?: number;
  incidentId?: string;
  /** Which of its events count (default asserted): an incident none of whose events happened is not listed. */
  modality?: ModalityFilter;
}

/** The event versions of an incident that count: visible at asOf, active, of the modalities asked for. */
const countedEvent = (asOf: Date | undefined, modality: ModalityFilter | undefined) => {
  const modalities = modalitiesOf(modality);
  return sql<SqlBool>`${visibleAt('e', asOf)} and e.status = 'active'${modalities ? sql` and e.modality = any(${sql.val([...modalities])}::text[])` : sql``}`;
};

export type { IncidentCorrection, IncidentSource, IncidentView } from './incident-view.schema.js';

/**
 * Incidents as recorded before asOf: membership versions visible then, joined to
 * the event versions visible then (active only). An incident with no active
 * event left has no row here, so it disappears.
 */
export async function listIncidents(db: Db, filters: IncidentFilters, page: PageRequest): Promise<Page<IncidentView>> {
  const pinned = new Date();
  const asOf = page.asOf;
  let query = db
    .selectFrom('read_incident_members as m')
    .innerJoin('read_events as e', (join) =>
      join.onRef('e.event_id', '=', 'm.event_id').on(countedEvent(asOf, filters.modality)),
    )
    .where(visibleAt('m', asOf))
    .groupBy('m.incident_id');
  if (filters.incidentId) query = query.where('m.incident_id', '=', filters.incidentId);
  if (filters.types?.length) query = query.where('e.type', 'in', filters.types);
  if (filters.minSources) query = query.having(sql<SqlBool>`count(distinct m.article_id) >= ${filters.minSources}`);
  if (filters.from) query = query.having(sql<SqlBool>`max(e.date_end) >= ${filters.from}::date`);
  if (filters.to) query = query.having(sql<SqlBool>`min(e.date_start) <= ${filters.to}::date`);
  if (filters.country) {
    const country: Expression<SqlBool> = sql<SqlBool>`bool_or(e.agent_countries @> array[${filters.country}]::text[] or e.target_countries @> array[${filters.country}]::text[])`;
    query = query.having(country);
  }
  // The page's keys first: grouping every incident with only max(date_end) is a cheap hash aggregate, and
  // the window over the groups gives the total in the same pass. Only the page's incidents are then
  // grouped in full (types, dates, distinct sources), never the tens of thousands skipped.
  const keys = await query
    .select(['m.incident_id', sql<string>`count(*) over ()`.as('total')])
    .orderBy(sql`max(e.date_end)`, 'desc')
    .orderBy('m.incident_id')
    .limit(page.limit + 1)
    .offset(page.offset)
    .execute();
  const total =
    keys.length > 0
      ? Number(keys[0]!.total)
      : page.offset === 0
        ? 0
        : Number(
            (
              await db
                .selectFrom(query.select('m.incident_id').as('g'))
                .select(sql<string>`count(*)`.as('n'))
                .executeTakeFirst()
            )?.n ?? 0,
          );
  if (keys.length === 0) return toPage([], page, pinned, total);
  const rows = await query
    .where(
      'm.incident_id',
      'in',
      keys.map((k) => k.incident_id),
    )
    .select([
      'm.incident_id',
      sql<string>`min(e.type)`.as('type'),
      sql<string>`to_char(min(e.date_start), 'YYYY-MM-DD')`.as('date_start'),
      sql<string>`to_char(max(e.date_end), 'YYYY-MM-DD')`.as('date_end'),
      sql<string>`count(distinct m.article_id)`.as('source_count'),
      sql<string>`count(*)`.as('event_count'),
    ])
    .execute();
  const byId = new Map(rows.map((r) => [r.incident_id, r]));
  const groups = keys.map((k) => byId.get(k.incident_id)!);

  const members = await db
    .selectFrom('read_incident_members as m')
    .innerJoin('read_events as e', (join) =>
      join.onRef('e.event_id', '=', 'm.event_id').on(countedEvent(asOf, filters.modality)),
    )
    .innerJoin('read_articles as a', 'a.article_id', 'm.article_id')
    .where(visibleAt('m', asOf))
    .where(
      'm.incident_id',
      'in',
      groups.map((g) => g.incident_id),
    )
    .select([
      'm.incident_id',
      'm.event_id',
      'm.article_id',
      'e.agent',
      'e.target',
      'a.title',
      'a.outlet',
      'a.url',
      'a.published_at',
    ])
    .orderBy('e.log_position')
    .execute();

  let historyQuery = db
    .selectFrom('read_incident_history')
    .select(['incident_id', 'kind', 'by', 'reason', 'details', 'recorded_at', 'log_position'])
    .where(
      'incident_id',
      'in',
      groups.map((g) => g.incident_id),
    );
  if (asOf) historyQuery = historyQuery.where('recorded_at', '<', asOf);
  const history = await historyQuery.orderBy('log_position').execute();

  const views = groups.map((group): IncidentView => {
    const mine = members.filter((m) => m.incident_id === group.incident_id);
    const sources = new Map<string, IncidentSource>();
    const agents = new Map<string, Actor>();
    const targets = new Map<string, Actor>();
    for (const member of mine) {
      const source = sources.get(member.article_id) ?? {
        articleId: member.article_id,
        title: member.title,
        outlet: member.outlet,
        url: member.url,
        publishedAt: member.published_at,
        eventIds: [],
      };
      source.eventIds.push(member.event_id);
      sources.set(member.article_id, source);
      for (const actor of member.agent as Actor[]) if (!agents.has(actor.id)) agents.set(actor.id, actor);
      for (const actor of member.target as Actor[]) if (!targets.has(actor.id)) targets.set(actor.id, actor);
    }
    const list = [...sources.values()];
    return {
      incidentId: group.incident_id,
      type: group.type as IncidentView['type'],
      dateStart: group.date_start,
      dateEnd: group.date_end,
      agentCountries: [...new Set([...agents.values()].map((a) => a.country))].sort(),
      targetCountries: [...new Set([...targets.values()].map((a) => a.country))].sort(),
      agents: [...agents.values()],
      targets: [...targets.values()],
      sourceCount: Number(group.source_count),
      outletCount: new Set(list.map((s) => s.outlet)).size,
      eventCount: Number(group.event_count),
      sources: list,
      history: history
        .filter((h) => h.incident_id === group.incident_id)
        .map((h) => ({
          kind: h.kind,
          by: h.by,
          reason: h.reason,
          recordedAt: h.recorded_at.toISOString(),
          logPosition: String(h.log_position),
          ...(h.details as object),
        })),
    };
  });
  return toPage(views, page, pinned, total);
}

/** NumArticles / NumSources of GDELT for each event: the size of its incident as of asOf. */
export async function incidentSizes(
  db: Db,
  eventIds: string[],
  asOf?: Date,
  modality?: ModalityFilter,
): Promise<Map<string, { incidentId: string; articles: number; outlets: number }>> {
  if (eventIds.length === 0) return new Map();
  const { rows } = await sql<{ event_id: string; incident_id: string; articles: string; outlets: string }>`
    select mine.event_id, mine.incident_id,
           count(distinct m.article_id) as articles, count(distinct a.outlet) as outlets
    from read_incident_members mine
    join read_incident_members m on m.incident_id = mine.incident_id and ${visibleAt('m', asOf)}
    join read_events e on e.event_id = m.event_id and ${countedEvent(asOf, modality)}
    join read_articles a on a.article_id = m.article_id
    where mine.event_id = any(${sql.val(eventIds)}::text[]) and ${visibleAt('mine', asOf)}
    group by mine.event_id, mine.incident_id`.execute(db);
  return new Map(
    rows.map((r) => [
      r.event_id,
      { incidentId: r.incident_id, articles: Number(r.articles), outlets: Number(r.outlets) },
    ]),
  );
}

/** Of `incidentIds`, those with at least one active event now (what a merge may name). */
export async function activeIncidentIds(db: Db, incidentIds: string[]): Promise<Set<string>> {
  const rows = await db
    .selectFrom('read_incident_candidates')
    .select('incident_id')
    .distinct()
    .where('incident_id', 'in', incidentIds)
    .where('active', '=', true)
    .execute();
  return new Set(rows.flatMap((r) => (r.incident_id === null ? [] : [r.incident_id])));
}

/** The active events of an incident now (what a split may take out); empty for an unknown incident. */
export async function activeIncidentMembers(db: Db, incidentId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('read_incident_candidates')
    .select('event_id')
    .where('incident_id', '=', incidentId)
    .where('active', '=', true)
    .execute();
  return new Set(rows.map((r) => r.event_id));
}
